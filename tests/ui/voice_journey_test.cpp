// Voice mode end to end (issue 15 "Proof"): the real app (KioskProcess, in-process) driven by
// keypad keys only, from the home screen to the birth registration's first form page; the
// sound it made is captured by SDL's disk driver. At every step the text handed to
// espeak-ng is checked against a golden (tests/data/voice/keypad-journey-<lang>.txt,
// QUAY_UPDATE_GOLDENS=1 rewrites it): digits in words and groups, no raw abbreviation.
// Then the whole capture must hold speech for every step.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "../audio/capture.hpp"
#include "kiosk.hpp"
#include "kiosk_run.hpp"
#include "quay/platform/script.hpp"
#include "voice_golden.hpp"

using namespace quay;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// Then a few frames: a new screen reports its items, and is said.
std::string keys(const char* key, int n) {
    return test::keys(key, n) + "frames 3\n";
}

struct Step {
    std::string name, script;
};

const std::vector<Step> kSteps = {
    {"voice on, first item", keys("kp_2", 1)},
    {"to Sinh con", keys("kp_2", 7)},
    {"open Sinh con", keys("kp_5", 1)},
    {"to birth registration", keys("kp_8", 6)},
    {"open it", keys("kp_5", 1)},
    {"to Start", keys("kp_8", 1)},
    {"start: the form", keys("kp_5", 1)},
    {"read again", keys("kp_period", 1)},
};

}  // namespace

TEST_CASE("keys only, the screen unseen: every step is spoken, in words the engine can say") {
    test::KioskDir d("voice-journey");
    test::Capture cap("voice-journey");
    std::vector<std::string> got;
    {
        kiosk_app::KioskProcess k(test::headless_options(d.write_config()));
        REQUIRE(k.voice().unavailable_reason().empty());
        for (const auto& step : kSteps) {
            k.play(platform::parse_script(step.script));
            REQUIRE(k.voice().wait_until_quiet(20s));
            const auto said = test::joined(k.voice().last_sentences());
            CHECK_MESSAGE(!said.empty(), step.name);
            for (const char c : said)
                CHECK_MESSAGE(!(c >= '0' && c <= '9'), step.name << ": a digit in " << said);
            got.push_back(step.name + "\t" + said);
        }
    }
    test::check_voice_golden("keypad-journey-vi.txt", got);
    // Speech, not a click: at least 0.4 s of sound per step.
    const auto samples = cap.samples();
    CHECK(test::loud_samples(samples) > kSteps.size() * audio::sample_rate * 4 / 10);
}
