#include "idcard/mangled.hpp"

#include <algorithm>
#include <array>

namespace quay::idcard::detail {
namespace {

// Windows-1252's readings of the bytes 0x80-0x9F (the ones it defines).
constexpr std::array<char32_t, 27> cp1252_high = {
    0x20AC, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030,
    0x0160, 0x2039, 0x0152, 0x017D, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x017E, 0x0178};

bool is_continuation_reading(char32_t cp) {
    if (cp >= 0x80 && cp <= 0xBF) return true;
    return std::find(cp1252_high.begin(), cp1252_high.end(), cp) != cp1252_high.end();
}

}  // namespace

bool has_replacement_marks(std::u32string_view text) noexcept {
    return text.find(U'?') != std::u32string_view::npos ||
           text.find(U'\uFFFD') != std::u32string_view::npos;
}

bool looks_like_mojibake(std::u32string_view text) noexcept {
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        const char32_t lead = text[i];
        const char32_t next = text[i + 1];
        // Vietnamese letters are encoded with the lead bytes C3-C6 (Latin-1 Ã Ä Å Æ), CC/CD
        // (combining marks: Ì Í) and E1 BA/BB (á then º/»). A real letter is practically never followed
        // by a C1 control or a Latin-1 symbol, so the pair is a safe sign.
        if ((lead >= 0xC3 && lead <= 0xC6) || lead == 0xCC || lead == 0xCD) {
            if (is_continuation_reading(next)) return true;
        } else if (lead == 0xE1 && (next == 0xBA || next == 0xBB)) {
            return true;
        }
    }
    return false;
}

}  // namespace quay::idcard::detail
