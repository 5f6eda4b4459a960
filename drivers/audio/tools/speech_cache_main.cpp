// quay-speech-cache OUT_DIR: pre-renders the fixed texts voice mode says (docs/voice.md
// "Pre-rendered speech") with the kiosk's engine and default voices and rate, one file per
// sentence, into OUT_DIR. Run by the build; the package installs OUT_DIR under share/quay.
// Fixed texts: every voice.* and voice2.* string without a {placeholder} (screen names,
// kinds, spoken names, the keys' help), and the receipt's fixed lines.
#include <cstdio>
#include <exception>
#include <set>
#include <string>

#include "quay/audio/espeak_voice.hpp"
#include "quay/audio/speech_cache.hpp"
#include "quay/config/config.hpp"
#include "quay/locale/locale.hpp"
#include "quay/speech/normalise.hpp"

namespace {

bool fixed_text(const std::string& key, const std::string& text) {
    const bool voice = key.starts_with("voice.") || key.starts_with("voice2.");
    const bool receipt = key == "ui.receipt.saved" || key == "ui.receipt.now.go_counter";
    return (voice || receipt) && text.find('{') == std::string::npos;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: quay-speech-cache OUT_DIR\n");
        return 2;
    }
    try {
        const quay::audio::SpeechCache cache{std::filesystem::path(argv[1])};
        const quay::config::SoundSection defaults;
        const auto locale = quay::locale::Locale::embedded();
        quay::audio::EspeakVoice engine;
        const int rate = static_cast<int>(defaults.rate);
        std::size_t files = 0;
        for (const auto lang : {quay::Language::vi, quay::Language::en}) {
            const auto norm = quay::speech::Normaliser::embedded(lang);
            const std::string& voice =
                lang == quay::Language::vi ? defaults.voice_vi : defaults.voice_en;
            std::set<std::string> done;
            for (const auto& [key, text] : locale.strings(lang).entries()) {
                if (!fixed_text(key, text)) continue;
                for (const auto& sentence : norm.sentences(text)) {
                    if (!done.insert(sentence).second) continue;
                    cache.store(voice, rate, sentence, engine.synthesise(sentence, voice, rate));
                    ++files;
                }
            }
        }
        std::printf("{\"sentences\": %zu, \"dir\": \"%s\"}\n", files, argv[1]);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "quay-speech-cache: %s\n", e.what());
        return 1;
    }
}
