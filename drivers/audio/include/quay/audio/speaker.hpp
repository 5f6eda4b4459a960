#pragma once
// The kiosk's sound output: one SDL audio device (ALSA on the kiosk, to the speaker or the
// 3.5 mm jack; SDL_AUDIODRIVER=disk in tests writes it to a file instead). Speech is a
// queue that plays in order; the tap click is mixed over it. SDL pulls samples from its
// own thread through a callback, so nothing here blocks the caller.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

#include "quay/audio/pcm.hpp"

namespace quay::audio {

class Speaker {
  public:
    // Opens the default output, 16-bit mono at sample_rate. Throws
    // quay::Error{"audio_unavailable"} with SDL's reason (no sound card, no driver).
    explicit Speaker(int volume_percent = 80);
    ~Speaker();
    Speaker(const Speaker&) = delete;
    Speaker& operator=(const Speaker&) = delete;

    // Speech: played after what is already queued.
    void play(const Samples& samples);
    // A short sound over the speech (the tap); a new one restarts it.
    void click(const Samples& samples);
    // Silences speech and click at once (the citizen interrupts).
    void stop();

    void set_volume(int percent);  // clamped to 0..100
    int volume() const;
    // Something queued has not yet been handed to the device.
    bool playing() const;

    // The done signal: waits until everything queued before the call has been handed to
    // the device (one device callback ran with nothing left). False when `limit` passed.
    bool wait_until_played(std::chrono::milliseconds limit);

  private:
    static void on_audio(void* self, std::uint8_t* stream, int bytes);
    void fill(std::int16_t* out, std::size_t n);

    std::uint32_t device_ = 0;
    mutable std::mutex mutex_;
    std::condition_variable drained_;
    Samples speech_;
    std::size_t speech_at_ = 0;
    Samples click_;
    std::size_t click_at_ = 0;
    int volume_;
    std::uint64_t queued_ = 0;           // counts play/click/stop calls
    std::uint64_t drained_through_ = 0;  // the last count a callback found fully played
};

}  // namespace quay::audio
