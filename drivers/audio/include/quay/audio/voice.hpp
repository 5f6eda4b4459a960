#pragma once
// What the app calls for sound (docs/voice.md): say(text, language) speaks display text,
// repeat() says the last one again, stop() interrupts, faster()/slower() and
// louder()/softer() adjust, tap() clicks for a button press. Calls return at once: text is
// normalised here (quay/speech/normalise.hpp) and synthesised on the worker thread, which
// hands each sentence to the Speaker as it is ready, so speech starts after the first
// sentence. A new say() replaces and interrupts the one in progress.
//
// Without an audio device (no sound card, SDL fails) or without espeak-ng-data, the kiosk
// works on in silence: the reason is printed once on stderr and available().

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "quay/audio/pcm.hpp"
#include "quay/audio/speech_cache.hpp"
#include "quay/config/config.hpp"
#include "quay/language.hpp"
#include "quay/speech/normalise.hpp"

namespace quay::audio {

class Speaker;

class Voice {
  public:
    // cache: pre-rendered sentences (speech_cache.hpp); a sentence found there is played
    // without the engine.
    explicit Voice(const config::SoundSection& settings, SpeechCache cache = {});
    ~Voice();
    Voice(const Voice&) = delete;
    Voice& operator=(const Voice&) = delete;

    void say(std::string_view display_text, Language lang);
    void repeat();
    void stop();
    // Speed in words per minute, steps of rate_step within the config's range; the next
    // sentence uses it. Returns the new rate.
    int faster();
    int slower();
    // Volume in percent, steps of volume_step, at once. Returns the new volume.
    int louder();
    int softer();
    // The tap click, when [sound] tap is on.
    void tap();

    // Something is being synthesised or played.
    bool speaking() const;
    // The done signal: waits until everything said so far has been synthesised and handed
    // to the device. False when `limit` passed first.
    bool wait_until_quiet(std::chrono::milliseconds limit);
    // The sentences the engine was last given (for logs and the journey test's goldens).
    std::vector<std::string> last_sentences() const;
    // Sentences synthesised by the engine, and played from the cache, so far.
    std::uint64_t engine_calls() const { return engine_calls_; }
    std::uint64_t cache_hits() const { return cache_hits_; }
    // Empty when sound works, else why the kiosk is silent.
    std::string unavailable_reason() const;

    static constexpr int rate_step = 20;
    static constexpr int volume_step = 10;

  private:
    struct Request {
        std::vector<std::string> sentences;
        Language lang = Language::vi;
        std::uint64_t id = 0;
    };
    void work();
    void start_locked(Request r);

    config::SoundSection settings_;
    SpeechCache cache_;
    std::atomic<std::uint64_t> engine_calls_ = 0, cache_hits_ = 0;
    speech::Normaliser vi_;
    speech::Normaliser en_;
    Samples click_;
    std::unique_ptr<Speaker> speaker_;  // null: no audio output

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable idle_;
    std::optional<Request> pending_;
    Request last_;
    std::atomic<std::uint64_t> generation_ = 0;  // the request that may sound; older stop
    bool busy_ = false;
    bool quit_ = false;
    int rate_;
    std::string unavailable_;
    std::thread worker_;  // last: starts after everything it reads
};

}  // namespace quay::audio
