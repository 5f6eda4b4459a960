#include "quay/audio/speaker.hpp"

#include <SDL.h>

#include <algorithm>
#include <cstring>

#include "quay/error.hpp"

namespace quay::audio {

Speaker::Speaker(int volume_percent) : volume_(std::clamp(volume_percent, 0, 100)) {
    // Reference-counted by SDL: the video subsystem the UI holds is not touched.
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        throw Error("audio_unavailable", std::string("SDL audio: ") + SDL_GetError());
    }
    SDL_AudioSpec want{};
    want.freq = sample_rate;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 1024;  // 46 ms: a click starts within one period of the tap
    want.callback = &Speaker::on_audio;
    want.userdata = this;
    SDL_AudioSpec have{};
    device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);  // SDL converts if needed
    if (device_ == 0) {
        const std::string why = SDL_GetError();
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        throw Error("audio_unavailable", "no audio output: " + why);
    }
    SDL_PauseAudioDevice(device_, 0);
}

Speaker::~Speaker() {
    SDL_CloseAudioDevice(device_);  // joins SDL's audio thread: no callback after this
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void Speaker::on_audio(void* self, std::uint8_t* stream, int bytes) {
    static_cast<Speaker*>(self)->fill(reinterpret_cast<std::int16_t*>(stream),
                                      static_cast<std::size_t>(bytes) / sizeof(std::int16_t));
}

void Speaker::fill(std::int16_t* out, std::size_t n) {
    std::lock_guard lock(mutex_);
    const bool empty = speech_at_ == speech_.size() && click_at_ == click_.size();
    if (empty) {
        // Everything queued before went out with an earlier callback.
        drained_through_ = queued_;
        drained_.notify_all();
    }
    // Volume on a squared scale: equal steps of the percentage sound like equal steps.
    const double gain = (volume_ / 100.0) * (volume_ / 100.0);
    for (std::size_t i = 0; i < n; ++i) {
        int mixed = 0;
        if (speech_at_ < speech_.size()) mixed += speech_[speech_at_++];
        if (click_at_ < click_.size()) mixed += click_[click_at_++];
        out[i] =
            static_cast<std::int16_t>(std::clamp(static_cast<int>(mixed * gain), -32768, 32767));
    }
    if (speech_at_ == speech_.size()) {  // keep the buffer from growing over a session
        speech_.clear();
        speech_at_ = 0;
    }
}

void Speaker::play(const Samples& samples) {
    std::lock_guard lock(mutex_);
    speech_.insert(speech_.end(), samples.begin(), samples.end());
    ++queued_;
}

void Speaker::click(const Samples& samples) {
    std::lock_guard lock(mutex_);
    click_ = samples;
    click_at_ = 0;
    ++queued_;
}

void Speaker::stop() {
    std::lock_guard lock(mutex_);
    speech_.clear();
    speech_at_ = 0;
    click_.clear();
    click_at_ = 0;
    ++queued_;
}

void Speaker::set_volume(int percent) {
    std::lock_guard lock(mutex_);
    volume_ = std::clamp(percent, 0, 100);
}

int Speaker::volume() const {
    std::lock_guard lock(mutex_);
    return volume_;
}

bool Speaker::playing() const {
    std::lock_guard lock(mutex_);
    return speech_at_ < speech_.size() || click_at_ < click_.size();
}

bool Speaker::wait_until_played(std::chrono::milliseconds limit) {
    std::unique_lock lock(mutex_);
    const auto target = queued_;
    return drained_.wait_for(lock, limit, [&] { return drained_through_ >= target; });
}

}  // namespace quay::audio
