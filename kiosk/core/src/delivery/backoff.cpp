#include "quay/delivery/backoff.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdint>
#include <limits>

namespace quay::delivery {

std::chrono::milliseconds backoff_ceiling(std::chrono::milliseconds base,
                                          std::chrono::milliseconds cap, std::int64_t failures) {
    std::int64_t ceiling = std::max<std::int64_t>(base.count(), 0);
    for (std::int64_t i = 0; i < failures && ceiling < cap.count(); ++i)
        ceiling *= 2;
    return std::chrono::milliseconds(std::min(ceiling, cap.count()));
}

std::chrono::milliseconds full_jitter(std::chrono::milliseconds base, std::chrono::milliseconds cap,
                                      std::int64_t failures,
                                      const std::function<std::uint64_t(std::uint64_t)>& uniform) {
    const auto ceiling = static_cast<std::uint64_t>(backoff_ceiling(base, cap, failures).count());
    const std::uint64_t n = ceiling + 1;  // inclusive of the ceiling
    std::uint64_t pick = 0;
    if (uniform) {
        pick = uniform(n);
    } else {
        const auto bound = static_cast<std::uint32_t>(
            std::min<std::uint64_t>(n, std::numeric_limits<std::uint32_t>::max()));
        pick = randombytes_uniform(bound);
    }
    return std::chrono::milliseconds(static_cast<std::int64_t>(std::min(pick, ceiling)));
}

}  // namespace quay::delivery
