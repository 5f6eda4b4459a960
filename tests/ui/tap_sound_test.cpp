// The tap sound end to end: a press in the real app (KioskProcess, in-process) reaches the
// sound output, captured by SDL's disk driver; [sound] tap = false keeps it silent, and so
// does a frame without a press. docs/voice.md "The tap sound".
#include <doctest/doctest.h>

#include "../audio/capture.hpp"
#include "kiosk.hpp"
#include "kiosk_run.hpp"
#include "quay/platform/script.hpp"

using namespace quay;
using namespace std::chrono_literals;

namespace {

// What the kiosk played while the script ran.
audio::Samples played(const std::string& sound_config, const std::string& script,
                      const std::string& name) {
    test::KioskDir d("tap-sound-" + name);
    test::Capture cap(name);
    {
        kiosk_app::Options o;
        o.config = d.write_config(sound_config);
        o.headless = true;
        o.fixed_clock = true;
        kiosk_app::KioskProcess k(o);
        REQUIRE(k.voice().unavailable_reason().empty());
        k.play(platform::parse_script(script));
        REQUIRE(k.voice().wait_until_quiet(10s));
    }
    return cap.samples();  // complete once the device is closed
}

}  // namespace

TEST_CASE("a tap clicks; none without a tap or with [sound] tap = false") {
    const std::string tap = "tap #home.search\nframes 2\n";
    CHECK(audio::peak_rms(played("", tap, "on"), test::window) > 1000);
    CHECK(audio::rms(played("[sound]\ntap = false\n", tap, "off")) == 0);
    CHECK(audio::rms(played("", "frames 3\n", "idle")) == 0);
}
