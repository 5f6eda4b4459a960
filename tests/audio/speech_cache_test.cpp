// Pre-rendered speech (docs/voice.md): a sentence found in the cache plays without the
// engine (Voice::engine_calls stays 0, and what is heard is the cached sound, not speech);
// a changed text, voice or rate misses. Its own process: one espeak-ng engine per process.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "capture.hpp"
#include "quay/audio/speech_cache.hpp"
#include "quay/audio/voice.hpp"
#include "quay/locale/locale.hpp"

using namespace std::chrono_literals;
using quay::Language;
using quay::audio::Samples;
using quay::audio::SpeechCache;

namespace {

// A steady 440 Hz tone, 0.3 s: unlike any speech, so hearing it proves the cache played.
Samples tone() {
    Samples s(quay::audio::sample_rate * 3 / 10);
    for (std::size_t i = 0; i < s.size(); ++i)
        s[i] = static_cast<std::int16_t>(
            8000 * std::sin(2 * M_PI * 440 * static_cast<double>(i) / quay::audio::sample_rate));
    return s;
}

}  // namespace

TEST_CASE("the key is the voice, the rate and the sentence") {
    using quay::audio::speech_key;
    const auto k = speech_key("vi", 150, "Đọc to.");
    CHECK(k.size() == 16);
    CHECK(k == speech_key("vi", 150, "Đọc to."));
    CHECK(k != speech_key("vi", 150, "Đọc to lắm."));
    CHECK(k != speech_key("vi-vn-x-south", 150, "Đọc to."));
    CHECK(k != speech_key("vi", 170, "Đọc to."));
    CHECK(speech_key("ab", 1, "c") != speech_key("a", 1, "bc"));
}

TEST_CASE("a cached sentence plays without the engine; another text is synthesised") {
    namespace fs = std::filesystem;
    const auto dir =
        fs::temp_directory_path() / ("quay-speech-cache-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    quay::config::SoundSection settings;
    settings.tap = false;
    const SpeechCache cache(dir);
    const auto said = quay::speech::Normaliser::embedded(Language::vi).sentences("Đọc to");
    REQUIRE(said.size() == 1);
    const int rate = static_cast<int>(settings.rate);
    cache.store(settings.voice_vi, rate, said[0], tone());
    CHECK(cache.find(settings.voice_vi, rate, said[0])->size() == tone().size());
    CHECK_FALSE(cache.find(settings.voice_vi, rate + 20, said[0]));

    quay::test::Capture cap("speech-cache");
    {
        quay::audio::Voice voice(settings, cache);
        REQUIRE(voice.unavailable_reason().empty());
        voice.say("Đọc to", Language::vi);
        REQUIRE(voice.wait_until_quiet(20s));
        CHECK(voice.cache_hits() == 1);
        CHECK(voice.engine_calls() == 0);

        voice.say("Đọc to lắm", Language::vi);  // not pre-rendered: the engine says it
        REQUIRE(voice.wait_until_quiet(20s));
        CHECK(voice.engine_calls() == 1);
        CHECK(voice.cache_hits() == 1);
    }  // the device closed: the capture file is complete
    // First the tone, whole (near its zero crossings a few samples are quiet), then speech.
    const auto heard = cap.samples();
    const auto first =
        std::find_if(heard.begin(), heard.end(), [](std::int16_t v) { return v > 64 || v < -64; });
    REQUIRE(first != heard.end());
    const auto start = static_cast<std::size_t>(first - heard.begin());
    const auto t = tone().size();
    REQUIRE(start + t < heard.size());
    const Samples the_tone(first, first + static_cast<long>(t));
    CHECK(quay::test::loud_samples(the_tone) > t * 9 / 10);
    const Samples after(first + static_cast<long>(t + quay::test::window), heard.end());
    CHECK(quay::test::loud_samples(after) > quay::audio::sample_rate / 4);
    fs::remove_all(dir);
}

TEST_CASE("the build pre-rendered the fixed texts, as the kiosk will look them up") {
    const auto dir = std::filesystem::path(QUAY_BINARY_DIR) / "share/quay/speech-cache";
    if (!std::filesystem::exists(dir)) return;  // cross-compiled: not made (docs/voice.md)
    const SpeechCache cache(dir);
    const quay::config::SoundSection defaults;
    const int rate = static_cast<int>(defaults.rate);
    const auto locale = quay::locale::Locale::embedded();
    for (const auto lang : {Language::vi, Language::en}) {
        const auto norm = quay::speech::Normaliser::embedded(lang);
        const auto& voice = lang == Language::vi ? defaults.voice_vi : defaults.voice_en;
        for (const char* key : {"voice.screen.home", "voice.kind.button", "voice2.item.date:day+"})
            for (const auto& s : norm.sentences(locale.strings(lang).tr(key)))
                CHECK_MESSAGE(cache.find(voice, rate, s), key << ": " << s);
        // A text with a variable part is said by the engine.
        CHECK_FALSE(cache.find(voice, rate, norm.sentences("Mục 3 trên 12").front()));
    }
}
