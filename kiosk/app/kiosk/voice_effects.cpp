#include "voice_effects.hpp"

#include <iostream>

namespace quay::kiosk_app {

bool run_voice_effect(audio::Voice& voice, const flow::Effect& effect, bool log_said) {
    if (const auto* say = std::get_if<flow::effect::Say>(&effect)) {
        if (say->text.empty()) {
            voice.stop();
            return true;
        }
        voice.say(say->text, say->language);
        if (log_said) {
            std::string line;
            for (const auto& s : voice.last_sentences())
                line += (line.empty() ? "" : " | ") + s;
            std::cerr << "quay-kiosk: said: " + line + "\n" << std::flush;
        }
        return true;
    }
    const auto* key = std::get_if<flow::effect::Speech>(&effect);
    if (key == nullptr) return false;
    using C = flow::SpeechCommand;
    switch (key->command) {
        case C::read_again:
            voice.repeat();
            break;
        case C::louder:
            voice.louder();
            break;
        case C::softer:
            voice.softer();
            break;
        case C::faster:
            voice.faster();
            break;
        case C::slower:
            voice.slower();
            break;
    }
    return true;
}

}  // namespace quay::kiosk_app
