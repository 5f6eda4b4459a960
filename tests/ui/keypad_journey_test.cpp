// Navigation without touch through the production binary (issue 15, docs/keypad.md): from
// the home screen to the birth registration's first form page with keypad keys only,
// checking at each step which item the focus ring is on ("#focus:<id>", recorded with the
// ring); a box opened with the keys takes the keypad's digits; a focused item below the
// fold scrolls into view. The ring's look is a golden: docs/screens/focus_ring-vi-portrait.png
// (QUAY_UPDATE_GOLDENS=1 rewrites it).
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

#include "kiosk_run.hpp"
#include "quay/platform/screenshot.hpp"

using quay::test::keys;
using quay::test::KioskDir;
namespace fs = std::filesystem;

namespace {

// Nothing is focused on a new screen: "next" starts at the top bar ("Đọc to" first on the
// home screen, nav.back elsewhere), "previous" at the last item (the action bar's button).
const std::string kToForm =
    "expect screen home\n"
    "expect no-item #focus:voice.toggle\n" +
    keys("kp_2", 1) + "expect item #focus:voice.toggle\n" + keys("kp_2", 7) +
    "expect item #focus:event:birth\n"
    "screenshot focus_ring\n"
    "key kp_5\n"  // as a tap on "Sinh con"
    "expect screen procedure_list\n"
    "expect no-item #focus:event:birth\n" +
    keys("kp_8", 1) + "expect item #focus:proc:1.004222\n" + keys("kp_8", 5) +
    "expect item #focus:proc:1.001193\n"
    "key enter\n"
    "expect screen procedure\n"
    "key kp_8\n"
    "expect item #focus:action.start\n"
    "key kp_5\n"
    "expect screen form\n"
    "expect item \"Bước 1/9\"\n"
    "key kp_2\n"
    "expect item #focus:nav.back\n"
    "key kp_8\n"  // wraps: from the first to the last
    "expect item #focus:action.next\n";

// The screenshot `name` against docs/screens/<name>-vi-portrait.png (QUAY_UPDATE_GOLDENS=1
// rewrites it).
void check_screen_golden(const KioskDir& d, const std::string& name) {
    const fs::path golden =
        fs::path(QUAY_SOURCE_DIR) / "docs/screens" / (name + "-vi-portrait.png");
    const auto got = quay::platform::read_png(d.shots() / (name + ".png"));
    const char* update = std::getenv("QUAY_UPDATE_GOLDENS");
    if (update != nullptr && std::string(update) == "1") {
        quay::platform::write_png(golden, got.size, got.rgba);
        return;
    }
    REQUIRE_MESSAGE(fs::exists(golden),
                    "no golden " << golden.string() << ": QUAY_UPDATE_GOLDENS=1 makes it");
    const quay::platform::GoldenTolerance tolerance;
    const auto diff =
        quay::platform::compare(quay::platform::read_png(golden), got, tolerance.channel_threshold);
    CHECK_MESSAGE(quay::platform::matches_golden(diff, tolerance),
                  diff.differing_pixels << " pixels differ from " << golden.string());
}

}  // namespace

TEST_CASE("keys only: home to the birth registration's first form page, the ring on each step") {
    KioskDir d("keypad-journey");
    const auto cfg = d.write_config();
    const auto r = d.run_script(cfg, kToForm);
    REQUIRE_MESSAGE(r.exit_code == 0, r.stderr_text);

    check_screen_golden(d, "focus_ring");
}

TEST_CASE("an open box takes the keypad's digits; Enter closes it; focus scrolls into view") {
    KioskDir d("keypad-typing");
    const auto cfg = d.write_config();
    const auto r = d.run_script(cfg,
                                "tap #event:birth\n"
                                "tap #proc:1.001193\n"
                                "tap #action.start\n"
                                "expect screen form\n" +
                                    keys("kp_8", 5) +
                                    "expect item #focus:field:applicant.id_number\n"
                                    "key kp_5\n"  // opens the box: the digit pad shows
                                    "expect item #key:5\n"
                                    // A keypad digit with NumLock on: the key, then its text. The
                                    // key does not navigate (0 is Back otherwise); the text types.
                                    "key kp_0\n"
                                    "text \"0\"\n"
                                    "key kp_5\n"
                                    "text \"5\"\n"
                                    "expect screen form\n"
                                    "expect item \"05\"\n"
                                    "expect item #focus:field:applicant.id_number\n"
                                    // The arrows still move; the address is under the digit pad,
                                    // out of view until focused.
                                    "expect no-item #field:applicant.address\n"
                                    "key down\n"
                                    "key down\n"
                                    "expect item #focus:field:applicant.address\n"
                                    "frames 3\n"
                                    "expect item #field:applicant.address\n"
                                    // Enter on another item than the open box presses it: a tap on
                                    // the address opens it, with the letter keyboard.
                                    "key enter\n"
                                    "expect item #key:a\n"
                                    "key up\n"
                                    "key up\n"
                                    "key enter\n"  // the number's box again: the digit pad
                                    "expect item #key:5\n"
                                    "expect no-item #key:a\n"
                                    "key enter\n"  // on the open box itself: closes it
                                    "expect no-item #key:5\n"
                                    "expect item #focus:field:applicant.id_number\n"
                                    "key kp_0\n"  // no box open: Back
                                    "expect screen procedure\n");
    CHECK_MESSAGE(r.exit_code == 0, r.stderr_text);
}

TEST_CASE("the on-screen bar moves and presses like 2, 8 and 5; it shows only in voice mode") {
    KioskDir d("voice-bar");
    const auto cfg = d.write_config();
    const auto r = d.run_script(cfg,
                                "expect no-item #voicebar.next\n"
                                "tap #voice.toggle\n"  // voice mode on: the bar shows
                                "expect item #voicebar.next\n"
                                "tap #voicebar.next\n"
                                "expect item #focus:voice.toggle\n"
                                "tap #voicebar.previous\n"  // wraps: the last item
                                "tap #voicebar.previous\n"
                                "tap #voicebar.next\n"
                                "tap #voicebar.next\n"
                                "expect item #focus:voice.toggle\n" +
                                    keys("kp_2", 7) +  // the keypad moves the same cursor
                                    "expect item #focus:event:birth\n"
                                    "tap #voicebar.choose\n"  // as a tap on "Sinh con"
                                    "expect screen procedure_list\n"
                                    "expect item #voicebar.choose\n"
                                    "tap #voicebar.previous\n"
                                    "expect item #focus:proc:1.004222\n"
                                    "screenshot voice_bar\n"
                                    "tap #voice.toggle\n"  // off: the bar goes
                                    "expect no-item #voicebar.next\n");
    REQUIRE_MESSAGE(r.exit_code == 0, r.stderr_text);
    check_screen_golden(d, "voice_bar");
}
