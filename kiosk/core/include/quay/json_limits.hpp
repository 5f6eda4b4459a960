#pragma once
// The one owner of the limits on JSON that comes from the network (portal replies, status
// lookups, heartbeats, the catalogue): at most max_bytes long and max_depth arrays/objects
// deep. nlohmann's dump(), copy and comparison recurse once per level, so 400 KB of `[[[[`
// (well under the size cap) overflows the stack; the depth is checked before parsing.
// Anything outside the limits is "not JSON" to every caller (docs/delivery.md).

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string_view>

namespace quay::json_limits {

inline constexpr std::size_t max_depth = 64;
inline constexpr std::size_t max_bytes = 1024 * 1024;

// True when no array or object in `text` is nested deeper than `limit` (brackets inside
// strings do not count). Linear, no recursion, stops at the first level past the limit.
bool depth_within(std::string_view text, std::size_t limit = max_depth) noexcept;

// The parsed value, or a discarded value (is_discarded()) when `text` is not JSON, longer
// than max_bytes or nested deeper than max_depth. Never throws on any input.
nlohmann::json parse(std::string_view text);

}  // namespace quay::json_limits
