// drivers/audio: the Voice the app calls, end to end to SDL's disk driver. One Voice, so
// one espeak-ng engine, for the whole process (espeak_voice.hpp says why). Waits on the
// driver's own done signal (wait_until_quiet), never on sleeps.
#include <doctest/doctest.h>

#include "capture.hpp"
#include "quay/audio/voice.hpp"

using namespace std::chrono_literals;
using quay::Language;
using quay::test::Capture;
using quay::test::loud_samples;

TEST_CASE("Voice: heard, normalised, interrupted, repeated; speed and volume in range") {
    quay::config::SoundSection settings;
    settings.volume = 90;
    settings.rate = quay::config::SoundSection::max_rate - 10;
    settings.tap = false;
    const auto rate = quay::audio::sample_rate;
    Capture cap("voice");
    {
        quay::audio::Voice voice(settings);
        REQUIRE(voice.unavailable_reason().empty());
        CHECK(voice.faster() == quay::config::SoundSection::max_rate);
        CHECK(voice.faster() == quay::config::SoundSection::max_rate);
        CHECK(voice.slower() == quay::config::SoundSection::max_rate - 20);
        CHECK(voice.slower() == quay::config::SoundSection::max_rate - 40);
        CHECK(voice.louder() == 100);
        CHECK(voice.louder() == 100);
        CHECK(voice.softer() == 90);
        CHECK(voice.louder() == 100);
        voice.tap();  // off in this config: nothing plays

        // Forty sentences (over a minute of speech), stopped at once.
        std::string long_text;
        for (int i = 0; i < 40; ++i)
            long_text += "Ông hoặc Bà vui lòng nhập họ và tên đầy đủ. ";
        voice.say(long_text, Language::vi);
        voice.stop();
        REQUIRE(voice.wait_until_quiet(60s));
        CHECK_FALSE(voice.speaking());
        CHECK(voice.last_sentences().size() == 40);

        // What the engine is given is the normalised text.
        voice.say("Lệ phí: 20.000\u00a0đ", Language::vi);
        CHECK(voice.last_sentences() == std::vector<std::string>{"Lệ phí: hai mươi nghìn đồng"});
        REQUIRE(voice.wait_until_quiet(60s));
        CHECK_FALSE(voice.speaking());
        voice.repeat();
        CHECK(voice.last_sentences() == std::vector<std::string>{"Lệ phí: hai mươi nghìn đồng"});
        REQUIRE(voice.wait_until_quiet(60s));
        voice.say("Birth registration", Language::en);
        REQUIRE(voice.wait_until_quiet(60s));
    }
    const auto out = cap.samples();  // complete once the device is closed
    CHECK(quay::audio::peak_rms(out, quay::test::window) > 1000);
    // Three short utterances sounded (each well over 0.3 s)...
    CHECK(loud_samples(out) > std::size_t(rate));
    // ...and of the forty interrupted sentences, at most the first.
    CHECK(loud_samples(out) < std::size_t{15} * rate);
}
