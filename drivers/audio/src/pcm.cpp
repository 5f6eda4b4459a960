#include "quay/audio/pcm.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace quay::audio {

double rms(std::span<const std::int16_t> samples) {
    if (samples.empty()) return 0;
    double sum = 0;
    for (const auto s : samples)
        sum += static_cast<double>(s) * s;
    return std::sqrt(sum / static_cast<double>(samples.size()));
}

double peak_rms(std::span<const std::int16_t> samples, std::size_t window) {
    double best = 0;
    for (std::size_t at = 0; at < samples.size(); at += window) {
        best = std::max(best, rms(samples.subspan(at, std::min(window, samples.size() - at))));
    }
    return best;
}

Samples tap_click() {
    constexpr double duration_s = 0.030;
    constexpr double frequency_hz = 1000;
    constexpr double rise_s = 0.001;
    constexpr double decay_s = 0.006;  // time constant: inaudible well before the end
    constexpr double amplitude = 0.33 * 32767;
    const auto n = static_cast<std::size_t>(duration_s * sample_rate);
    Samples out(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double t = static_cast<double>(i) / sample_rate;
        const double envelope = std::min(1.0, t / rise_s) * std::exp(-t / decay_s);
        out[i] = static_cast<std::int16_t>(
            std::lround(amplitude * envelope * std::sin(2 * std::numbers::pi * frequency_hz * t)));
    }
    return out;
}

}  // namespace quay::audio
