#include "quay/audio/voice.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "quay/audio/espeak_voice.hpp"
#include "quay/audio/speaker.hpp"
#include "quay/error.hpp"

namespace quay::audio {

Voice::Voice(const config::SoundSection& settings, SpeechCache cache)
    : settings_(settings),
      cache_(std::move(cache)),
      vi_(speech::Normaliser::embedded(Language::vi)),
      en_(speech::Normaliser::embedded(Language::en)),
      click_(tap_click()),
      rate_(static_cast<int>(settings.rate)) {
    try {
        speaker_ = std::make_unique<Speaker>(static_cast<int>(settings.volume));
    } catch (const Error& e) {
        unavailable_ = e.what();
        std::fprintf(stderr, "quay: sound off: %s\n", e.what());
    }
    worker_ = std::thread([this] { work(); });
}

Voice::~Voice() {
    {
        std::lock_guard lock(mutex_);
        quit_ = true;
        ++generation_;  // cancels a synthesis in progress
    }
    wake_.notify_all();
    worker_.join();
}

void Voice::start_locked(Request r) {
    r.id = ++generation_;
    if (speaker_) speaker_->stop();
    last_ = r;
    pending_ = std::move(r);
    wake_.notify_all();
}

void Voice::say(std::string_view display_text, Language lang) {
    Request r;
    r.lang = lang;
    try {
        r.sentences = (lang == Language::vi ? vi_ : en_).sentences(display_text);
    } catch (const Error& e) {  // not UTF-8: nothing is sent to the engine
        std::fprintf(stderr, "quay: not spoken: %s\n", e.what());
    }
    std::lock_guard lock(mutex_);
    start_locked(std::move(r));
}

void Voice::repeat() {
    std::lock_guard lock(mutex_);
    start_locked(last_);
}

void Voice::stop() {
    std::lock_guard lock(mutex_);
    ++generation_;
    pending_.reset();
    if (speaker_) speaker_->stop();
}

int Voice::faster() {
    std::lock_guard lock(mutex_);
    rate_ = std::min(rate_ + rate_step, static_cast<int>(config::SoundSection::max_rate));
    return rate_;
}

int Voice::slower() {
    std::lock_guard lock(mutex_);
    rate_ = std::max(rate_ - rate_step, static_cast<int>(config::SoundSection::min_rate));
    return rate_;
}

int Voice::louder() {
    if (!speaker_) return 0;
    speaker_->set_volume(speaker_->volume() + volume_step);
    return speaker_->volume();
}

int Voice::softer() {
    if (!speaker_) return 0;
    speaker_->set_volume(speaker_->volume() - volume_step);
    return speaker_->volume();
}

void Voice::tap() {
    if (settings_.tap && speaker_) speaker_->click(click_);
}

bool Voice::speaking() const {
    std::lock_guard lock(mutex_);
    return busy_ || pending_ || (speaker_ && speaker_->playing());
}

bool Voice::wait_until_quiet(std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    {
        std::unique_lock lock(mutex_);
        if (!idle_.wait_until(lock, deadline, [&] { return !busy_ && !pending_; })) return false;
    }
    if (!speaker_) return true;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    return speaker_->wait_until_played(std::max(left, std::chrono::milliseconds(0)));
}

std::vector<std::string> Voice::last_sentences() const {
    std::lock_guard lock(mutex_);
    return last_.sentences;
}

std::string Voice::unavailable_reason() const {
    std::lock_guard lock(mutex_);
    return unavailable_;
}

void Voice::work() {
    // espeak-ng's global state lives on this thread only (quay/audio/espeak_voice.hpp).
    std::optional<EspeakVoice> engine;
    bool engine_failed = false;
    while (true) {
        Request r;
        {
            std::unique_lock lock(mutex_);
            busy_ = false;
            idle_.notify_all();
            wake_.wait(lock, [&] { return quit_ || pending_; });
            if (quit_) return;
            r = std::move(*pending_);
            pending_.reset();
            busy_ = true;
        }
        if (!engine && !engine_failed && speaker_) {
            try {
                engine.emplace();
            } catch (const Error& e) {
                engine_failed = true;
                std::lock_guard lock(mutex_);
                unavailable_ = e.what();
                std::fprintf(stderr, "quay: speech off: %s\n", e.what());
            }
        }
        if (!engine) continue;
        const std::string& voice = r.lang == Language::vi ? settings_.voice_vi : settings_.voice_en;
        const auto cancelled = [&] { return generation_ != r.id; };
        for (const auto& sentence : r.sentences) {
            int rate;
            {
                std::lock_guard lock(mutex_);
                rate = rate_;
            }
            Samples pcm;
            try {
                if (cancelled()) break;
                if (auto cached = cache_.find(voice, rate, sentence)) {
                    pcm = std::move(*cached);
                    ++cache_hits_;
                } else {
                    pcm = engine->synthesise(sentence, voice, rate);
                    ++engine_calls_;
                }
            } catch (const Error& e) {
                std::fprintf(stderr, "quay: not spoken: %s\n", e.what());
                break;
            }
            std::lock_guard lock(mutex_);  // stop() cannot slip between the check and play
            if (cancelled()) break;
            speaker_->play(pcm);
        }
    }
}

}  // namespace quay::audio
