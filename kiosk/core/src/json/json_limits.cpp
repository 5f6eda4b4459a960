#include "quay/json_limits.hpp"

namespace quay::json_limits {

bool depth_within(std::string_view text, std::size_t limit) noexcept {
    std::size_t depth = 0;
    bool in_string = false;
    bool escaped = false;
    for (const char c : text) {
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        switch (c) {
            case '"':
                in_string = true;
                break;
            case '[':
            case '{':
                if (++depth > limit) return false;
                break;
            case ']':
            case '}':
                if (depth > 0) --depth;
                break;
            default:
                break;
        }
    }
    return true;
}

nlohmann::json parse(std::string_view text) {
    if (text.size() > max_bytes || !depth_within(text))
        return nlohmann::json(nlohmann::json::value_t::discarded);
    try {
        return nlohmann::json::parse(text, nullptr, false);
    } catch (const std::exception&) {
        return nlohmann::json(nlohmann::json::value_t::discarded);  // e.g. out of memory
    }
}

}  // namespace quay::json_limits
