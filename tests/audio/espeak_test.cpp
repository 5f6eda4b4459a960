// drivers/audio: espeak-ng synthesis. One EspeakVoice per process (espeak_voice.hpp says
// why), so this is a test executable of its own.
#include <doctest/doctest.h>

#include "quay/audio/espeak_voice.hpp"
#include "quay/error.hpp"

TEST_CASE("espeak-ng says \"Đăng ký khai sinh\" in Vietnamese and in English") {
    quay::audio::EspeakVoice engine;
    for (const char* voice : {"vi", "vi-vn-x-south", "en"}) {
        CAPTURE(voice);
        const auto pcm = engine.synthesise("Đăng ký khai sinh", voice, 150);
        CHECK(pcm.size() > quay::audio::sample_rate * 3 / 10);  // > 0.3 s
        CHECK(quay::audio::rms(pcm) > 300);
    }
    CHECK_THROWS_AS(engine.synthesise("a", "no-such-voice", 150), quay::Error);
}
