// A kiosk clock that cannot be trusted: the staff screen says so (docs/staff-guide.md)
// and the date picker does not stop at its year.
#include <doctest/doctest.h>

#include "kiosk.hpp"
#include "kiosk_run.hpp"
#include "quay/platform/script.hpp"

using namespace quay;

namespace {

// Argon2id of the PIN 246810 (quayctl staff-pin), as in screens_test.
constexpr const char* kPinHash =
    "$argon2id$v=19$m=65536,t=2,p=1$eZdB/ituJWKs1gbmhjRJDA$"
    "j/7oVCKRwpERCCJppjWPYfdBdjKP0uWao9oTukVu4Js";

constexpr const char* kOpenStaff =
    "tap #staff.corner\ntap #staff.corner\ntap #staff.corner\ntap #staff.corner\n"
    "tap #staff.corner\nexpect screen staff_pin\nosk \"246810\"\ntap #action.unlock\n"
    "wait-for screen staff 60\nwait-for item #staff.pause 60\n";

bool clock_line_shown(bool synchronised, const std::string& name) {
    test::KioskDir d(name);
    kiosk_app::Options o;
    o.config = d.write_config(std::string("[staff]\npin_hash = \"") + kPinHash + "\"\n");
    o.headless = true;
    o.fixed_clock = true;
    kiosk_app::KioskProcess k(o);
    k.test_clock()->set_synchronised(synchronised);
    // The device checks are below the queue, pending list, reprint and fee sections, and the
    // clock line under the test print: scroll to them.
    k.play(platform::parse_script(std::string(kOpenStaff) +
                                  "drag #staff.pause 0 -1400\ndrag #staff.test_print 0 -400\n"));
    // The out-of-service switch, just under the clock line: the checks are in view.
    REQUIRE(k.app().find_item("#staff.out_of_service").has_value());
    return k.app().find_item("#staff.clock").has_value();
}

}  // namespace

TEST_CASE("the staff screen says so while the clock is not synchronised, only then") {
    CHECK(clock_line_shown(false, "staff-clock-unsynced"));
    CHECK_FALSE(clock_line_shown(true, "staff-clock-synced"));
}

TEST_CASE("the date picker goes past the clock's year while the clock is not synchronised") {
    for (const bool synchronised : {true, false}) {
        CAPTURE(synchronised);
        test::KioskDir d(synchronised ? "picker-synced" : "picker-unsynced");
        kiosk_app::Options o;
        o.config = d.write_config();
        o.headless = true;
        o.fixed_clock = true;  // 2026-11-22
        kiosk_app::KioskProcess k(o);
        k.test_clock()->set_synchronised(synchronised);
        k.play(
            platform::parse_script("tap #home.search\n"
                                   "osk \"khai sinh\"\n"
                                   "tap #proc:1.001193\n"
                                   "tap #action.start\n"
                                   "tap #field:applicant.date_of_birth\n"
                                   "wait-for item #date:year+ 10\n"
                                   "tap #date:year+10\n"
                                   "tap #date:year+10\n"
                                   "tap #date:year+10\n"
                                   "tap #date:year+10\n"
                                   "frames 2\n"));
        // Synchronised: capped at 2026 (before the fix, also when not synchronised).
        CHECK(k.app().find_item("2026").has_value() == synchronised);
        CHECK(k.app().find_item("2036").has_value() == !synchronised);
    }
}
