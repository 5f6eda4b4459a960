// The date picker offers the years a field may take (catalog::picker_years): a date that
// may lie ahead ("Tạm vắng đến ngày", not_before today) reaches next year and never goes
// back before this one; a date of birth stops at this year.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include "kiosk.hpp"
#include "kiosk_run.hpp"
#include "quay/platform/script.hpp"

using namespace quay;

TEST_CASE("the date picker reaches next year for a date that may be in the future") {
    test::KioskDir d("date-picker-future");
    const auto fifo = d.path() / "scanner.fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    kiosk_app::Options o;
    o.config = d.write_config("[scanner]\ndevice = \"" + fifo.string() + "\"\n");
    o.headless = true;
    o.fixed_clock = true;  // 2026-11-22, synchronised
    kiosk_app::KioskProcess k(o);
    k.play(platform::parse_script(
        "tap #home.search\n"
        "osk \"tam vang\"\n"
        "wait-for item #proc:1.003677 10\n"
        "tap #proc:1.003677\n"
        "tap #action.start\n"
        "scan \"001090123456||Nguyễn Văn An|01011990|Nam|Hà Nội|15042021\\r\"\n"
        "wait-for item \"Nguyễn Văn An\" 10\n"
        "tap #action.next\n"
        "tap #field:applicant.phone\n"
        "osk \"0912345678\"\n"
        "tap #action.next\n"
        "tap #field:tam_vang_den_ngay\n"
        "wait-for item #date:year+ 10\n"));
    REQUIRE(k.app().find_item("2026").has_value());  // the picker starts on today
    k.play(platform::parse_script("tap #date:year+\nframes 2\n"));
    // Before the fix every picker stopped at the clock's year: 2026 stayed.
    CHECK(k.app().find_item("2027").has_value());
    k.play(platform::parse_script("tap #date:year-\ntap #date:year-\nframes 2\n"));
    CHECK(k.app().find_item("2026").has_value());  // not before today: never 2025
    CHECK_FALSE(k.app().find_item("2025").has_value());
    k.play(platform::parse_script("tap #date:year+\ntap #date:done\nframes 2\n"));
    CHECK(k.app().find_item("22/11/2027").has_value());
}
