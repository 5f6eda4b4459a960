// The staff screen says when the kiosk's clock cannot be trusted (docs/staff-guide.md),
// and says nothing when it can.
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
    k.play(platform::parse_script(kOpenStaff));
    return k.app().find_item("#staff.clock").has_value();
}

}  // namespace

TEST_CASE("the staff screen says so while the clock is not synchronised, only then") {
    CHECK(clock_line_shown(false, "staff-clock-unsynced"));
    CHECK_FALSE(clock_line_shown(true, "staff-clock-synced"));
}
