// Layout rules that a screenshot comparison would not name: a short message (here the
// answer to a bad scan) never covers the open keyboard's keys or the screen's main action,
// in portrait and in landscape (where the keyboard sits beside the content).
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <fstream>
#include <memory>
#include <optional>
#include <string>

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

namespace {

// A headless kiosk of the given size; the script is played before returning.
struct Shown {
    test::KioskDir d;
    std::unique_ptr<kiosk_app::KioskProcess> k;
    Shown(platform::Size size, const std::string& name, const std::string& script)
        : d("layout-" + name) {
        kiosk_app::Options o;
        // Argon2id of the PIN 246810 (quayctl staff-pin): the staff corner opens the PIN pad.
        o.config = d.write_config(
            "[staff]\npin_hash = \"$argon2id$v=19$m=65536,t=2,p=1$eZdB/ituJWKs1gbmhjRJDA$"
            "j/7oVCKRwpERCCJppjWPYfdBdjKP0uWao9oTukVu4Js\"\n");
        o.headless = true;
        o.size = size;
        o.fixed_clock = true;
        k = std::make_unique<kiosk_app::KioskProcess>(o);
        k->play(platform::parse_script(script + "advance 1\n"));
    }
    std::optional<platform::Rect> item(const std::string& selector) const {
        return k->app().find_item(selector);
    }
};

}  // namespace

TEST_CASE("landscape uses the width: the dossier lookup on home without scrolling") {
    for (const bool large : {false, true}) {
        CAPTURE(large);
        Shown s({1920, 1080}, large ? "home-large" : "home", large ? "tap #text.large\n" : "");
        const auto status = s.item("#home.status");
        REQUIRE(status.has_value());
        CHECK(status->y + status->h <= 1080);
        CHECK(status->h >= 80);  // whole, not a sliver at the fold
        const auto search = s.item("#home.search");
        REQUIRE(search.has_value());
        CHECK(status->x > search->x + search->w);  // beside the search, not below it
    }
}

TEST_CASE("landscape: the keyboard and the digit pad sit at the bottom of the screen") {
    for (const bool large : {false, true}) {
        CAPTURE(large);
        const std::string on = large ? "tap #text.large\n" : "";
        {  // one kiosk at a time: ImGui's backends are the process's
            Shown kb({1920, 1080}, large ? "kb-large" : "kb", on + "tap #home.search\n");
            const auto space = kb.item("#key:space");
            REQUIRE(space.has_value());
            // The panel's padding (16 px, 20 in large text) under the last row, no more.
            CHECK(space->y + space->h >= 1080 - 21);
            CHECK(space->y + space->h <= 1080);
        }
        // The staff PIN's digit pad (five taps in the corner).
        std::string corner;
        for (int i = 0; i < 5; ++i)
            corner += "tap #staff.corner\n";
        Shown pad({1920, 1080}, large ? "pad-large" : "pad", on + corner);
        const auto done = pad.item("#key:done");
        REQUIRE(done.has_value());
        CHECK(done->y + done->h >= 1080 - 21);
        CHECK(done->y + done->h <= 1080);
    }
}
