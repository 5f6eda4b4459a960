#pragma once
// Pre-rendered speech (docs/voice.md "Pre-rendered speech"): the fixed texts are
// synthesised at build time by quay-speech-cache, with the same engine, voice and rate,
// into a directory of raw PCM files (16-bit mono at sample_rate), one per sentence, named
// by a hash of (voice, rate, sentence as given to the engine). Voice plays a sentence
// from here when its file exists and synthesises it otherwise, so a changed text, voice or
// rate simply misses.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "quay/audio/pcm.hpp"

namespace quay::audio {

// 16 hex digits (FNV-1a, 64 bits) of voice, rate and the normalised sentence.
std::string speech_key(std::string_view voice, int rate, std::string_view sentence);

class SpeechCache {
  public:
    SpeechCache() = default;  // no directory: every lookup misses
    explicit SpeechCache(std::filesystem::path dir) : dir_(std::move(dir)) {}

    std::optional<Samples> find(std::string_view voice, int rate, std::string_view sentence) const;
    // Writes the file (build time); throws quay::Error{"io"} when it cannot.
    void store(std::string_view voice, int rate, std::string_view sentence,
               const Samples& pcm) const;
    std::filesystem::path file_of(std::string_view voice, int rate,
                                  std::string_view sentence) const;

  private:
    std::filesystem::path dir_;
};

}  // namespace quay::audio
