// Layout rules that a screenshot comparison would not name: a short message (here the
// answer to a bad scan) never covers the open keyboard's keys or the screen's main action,
// in portrait and in landscape (where the keyboard sits beside the content).
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <fstream>

#include "kiosk.hpp"
#include "kiosk_run.hpp"
#include "quay/platform/script.hpp"

using namespace quay;

namespace {

bool overlap(const platform::Rect& a, const platform::Rect& b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

// A headless kiosk of that size, on the test clock, with a scanner behind a FIFO.
kiosk_app::Options with_scanner(const test::KioskDir& d, platform::Size size) {
    const auto fifo = d.path() / "scanner.fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    kiosk_app::Options o;
    o.config = d.write_config("[scanner]\ndevice = \"" + fifo.string() + "\"\n");
    o.headless = true;
    o.size = size;
    o.fixed_clock = true;
    return o;
}

}  // namespace

TEST_CASE("a notice sits above the open keyboard and the action bar, never over them") {
    for (const platform::Size size : {platform::Size{1080, 1920}, platform::Size{1920, 1080}}) {
        CAPTURE(size.w);
        test::KioskDir d("layout-" + std::to_string(size.w));
        kiosk_app::KioskProcess k(with_scanner(d, size));
        k.play(
            platform::parse_script("tap #home.search\n"
                                   "osk \"khai sinh\"\n"
                                   "tap #proc:1.001193\n"
                                   "tap #action.start\n"
                                   "tap #field:applicant.full_name\n"
                                   "scan \"\\xff garbage\\r\\n\"\n"
                                   "wait-for item #notice 10\n"));
        const auto notice = k.app().find_item("#notice");
        REQUIRE(notice.has_value());
        for (const std::string id : {"key:q", "key:a", "key:l", "key:z", "key:m", "key:space",
                                     "key:backspace", "action.next"}) {
            CAPTURE(id);
            const auto item = k.app().find_item("#" + id);
            REQUIRE(item.has_value());
            CHECK_FALSE(overlap(*notice, *item));
        }
    }
}

TEST_CASE("after a scan: a notice at the top of the form, over no field, until dismissed") {
    for (const platform::Size size : {platform::Size{1080, 1920}, platform::Size{1920, 1080}}) {
        CAPTURE(size.w);
        test::KioskDir d("scan-notice-" + std::to_string(size.w));
        kiosk_app::KioskProcess k(with_scanner(d, size));
        // Every citizen screen offers the call for help; the staff screens do not.
        k.play(platform::parse_script("frames 2\n"));
        CHECK(k.app().find_item("#help.call").has_value());
        k.play(platform::parse_script(
            "tap #home.search\n"
            "osk \"khai sinh\"\n"
            "tap #proc:1.001193\n"
            "tap #action.start\n"
            "scan \"001090123456||Nguyễn Văn An|01011990|Nam|Hà Nội|15042021\\r\"\n"
            "wait-for item #form.notice 10\n"
            "advance 30\n"
            "frames 4\n"));
        CHECK(k.app().find_item("#help.call").has_value());
        const auto notice = k.app().find_item("#form.notice");
        REQUIRE(notice.has_value());  // still there after 30 s: no toast timer
        CHECK_FALSE(k.app().find_item("#notice").has_value());
        const auto field = k.app().find_item("#field:applicant.full_name");
        REQUIRE(field.has_value());
        CHECK(notice->y + notice->h <= field->y);  // above the fields, not over them
        k.play(platform::parse_script("tap #form.notice.dismiss\nframes 2\n"));
        CHECK_FALSE(k.app().find_item("#form.notice").has_value());
    }
}
