#pragma once
// Sound as the kiosk makes it: 16-bit signed mono samples at espeak-ng's rate, so speech
// goes to the device without resampling and the tap click is made at the same rate.

#include <cstdint>
#include <span>
#include <vector>

namespace quay::audio {

using Samples = std::vector<std::int16_t>;

inline constexpr int sample_rate = 22050;  // espeak-ng's output rate

// Root mean square of the samples, 0 for none (a silence check: 0 means digital silence).
double rms(std::span<const std::int16_t> samples);
// The loudest window of `window` samples (RMS), so a short sound in a long capture counts.
double peak_rms(std::span<const std::int16_t> samples, std::size_t window);

// The tap sound, made in code (no asset): about 30 ms of a soft 1 kHz tone with a 1 ms
// rise and a fast exponential decay, at a third of full scale.
Samples tap_click();

}  // namespace quay::audio
