#pragma once

#include <optional>
#include <string_view>

namespace quay {

enum class Language { vi, en };

constexpr std::string_view to_string(Language l) {
    return l == Language::vi ? "vi" : "en";
}

constexpr std::optional<Language> parse_language(std::string_view s) {
    if (s == "vi") return Language::vi;
    if (s == "en") return Language::en;
    return std::nullopt;
}

}  // namespace quay
