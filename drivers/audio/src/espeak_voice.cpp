#include "quay/audio/espeak_voice.hpp"

#include <espeak-ng/speak_lib.h>

#include <algorithm>

#include "quay/error.hpp"

namespace quay::audio {

namespace {

int on_synth(short* wav, int count, espeak_EVENT* events) {
    Samples* out = nullptr;
    // Every event, the list's terminator too, carries the user_data given to espeak_Synth.
    for (auto* e = events; e != nullptr && out == nullptr; ++e) {
        out = static_cast<Samples*>(e->user_data);
        if (e->type == espeakEVENT_LIST_TERMINATED) break;
    }
    if (out != nullptr && wav != nullptr && count > 0) out->insert(out->end(), wav, wav + count);
    return 0;  // never 1 (abort): see espeak_voice.hpp
}

}  // namespace

EspeakVoice::EspeakVoice() {
    // Synchronous: espeak_Synth returns when the text is done, samples come through
    // on_synth on this thread. DONT_EXIT: a missing data directory is an error, not exit().
    const int rate =
        espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, espeakINITIALIZE_DONT_EXIT);
    if (rate <= 0) throw Error("speech_unavailable", "espeak-ng could not load its data");
    if (rate != sample_rate) {
        espeak_Terminate();
        throw Error("speech_unavailable", "espeak-ng speaks at " + std::to_string(rate) +
                                              " Hz, not " + std::to_string(sample_rate));
    }
    espeak_SetSynthCallback(&on_synth);
}

EspeakVoice::~EspeakVoice() {
    espeak_Terminate();
}

Samples EspeakVoice::synthesise(std::string_view text, const std::string& voice, int rate) {
    if (espeak_SetVoiceByName(voice.c_str()) != EE_OK) {
        throw Error("speech_unavailable", "espeak-ng has no voice \"" + voice + "\"");
    }
    espeak_SetParameter(espeakRATE, std::clamp(rate, espeakRATE_MINIMUM, espeakRATE_MAXIMUM), 0);
    Samples out;
    const std::string nul_terminated(text);
    const auto rc = espeak_Synth(nul_terminated.c_str(), nul_terminated.size() + 1, 0,
                                 POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, &out);
    if (rc != EE_OK) {
        throw Error("speech_unavailable", "espeak-ng could not synthesise the text");
    }
    return out;
}

}  // namespace quay::audio
