#include "quay/locale/words.hpp"

namespace quay::locale {

std::string group_thousands(std::int64_t amount, std::string_view separator) {
    const bool negative = amount < 0;
    // Work on the unsigned magnitude so INT64_MIN does not overflow.
    const auto magnitude =
        negative ? 0 - static_cast<std::uint64_t>(amount) : static_cast<std::uint64_t>(amount);
    const std::string digits = std::to_string(magnitude);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += separator;
        out += digits[i];
    }
    return negative ? "-" + out : out;
}

std::string count(const Strings& s, std::string_view key, std::int64_t n) {
    std::string one(key);
    one += ".one";
    const std::string_view pattern = n == 1 && s.has(one) ? s.tr(one) : s.tr(key);
    return format(pattern, {{"n", std::to_string(n)}});
}

std::string money(const Strings& s, std::int64_t dong) {
    static constexpr std::string_view no_break_space = "\xC2\xA0";
    const std::string text =
        format(s.tr("money.amount"),
               {{"amount", group_thousands(dong, s.tr("money.thousands_separator"))}});
    std::string out;
    for (const char c : text) {
        if (c == ' ') {
            out += no_break_space;
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace quay::locale
