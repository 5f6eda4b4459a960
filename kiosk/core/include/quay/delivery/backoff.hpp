#pragma once
// Exponential backoff with full jitter: a uniform delay in [0, min(cap, base * 2^failures)].

#include <chrono>
#include <cstdint>
#include <functional>

namespace quay::delivery {

// The upper bound for this many consecutive failures (before jitter).
std::chrono::milliseconds backoff_ceiling(std::chrono::milliseconds base,
                                          std::chrono::milliseconds cap, std::int64_t failures);

// uniform(n) returns a value in [0, n); the default draws from libsodium.
std::chrono::milliseconds full_jitter(
    std::chrono::milliseconds base, std::chrono::milliseconds cap, std::int64_t failures,
    const std::function<std::uint64_t(std::uint64_t)>& uniform = {});

}  // namespace quay::delivery
