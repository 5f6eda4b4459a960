#pragma once
// Speech synthesis with libespeak-ng (Debian's only Vietnamese voice: vi, vi-vn-x-central,
// vi-vn-x-south). The library keeps its state in globals of its own (voice, rate, the
// synth callback): one EspeakVoice owns that state for its lifetime, initialising it in
// the constructor and terminating it in the destructor. A process makes exactly one, on
// the thread that synthesises (audio::Voice's worker), and never calls espeak-ng
// elsewhere: two at once would share and then tear down the same globals, and with
// espeak-ng 1.51 even one after another hangs (the second espeak_Terminate() waits
// forever on the library's internal thread; seen in tests/audio, docs/voice.md).
//
// No synthesis is aborted half-way (the synth callback never returns 1): the hang was
// first seen after an aborted one. A sentence is short (speech::max_sentence_chars), so
// the worker finishes it and drops it instead; the Speaker has gone silent already.

#include <string>
#include <string_view>

#include "quay/audio/pcm.hpp"

namespace quay::audio {

class EspeakVoice {
  public:
    // Loads espeak-ng-data. Throws quay::Error{"speech_unavailable"} when it cannot.
    EspeakVoice();
    ~EspeakVoice();
    EspeakVoice(const EspeakVoice&) = delete;
    EspeakVoice& operator=(const EspeakVoice&) = delete;

    // PCM at sample_rate for UTF-8 text (already normalised: quay/speech/normalise.hpp),
    // spoken by the named voice ("vi", "vi-vn-x-south", "en", ...) at `rate` words per
    // minute (80..450). Throws quay::Error{"speech_unavailable"} for an unknown voice.
    Samples synthesise(std::string_view text, const std::string& voice, int rate);
};

}  // namespace quay::audio
