#include "quay/text/utf8.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <memory>

#include "quay/error.hpp"

namespace quay::text {
namespace {

struct FreeDeleter {
    void operator()(void* p) const { std::free(p); }
};

// Decodes one sequence at bytes[i]; returns its length or 0 when invalid.
std::size_t sequence_length(std::string_view s, std::size_t i, char32_t& cp) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    std::size_t len;
    char32_t min;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2, cp = b0 & 0x1F, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3, cp = b0 & 0x0F, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4, cp = b0 & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > s.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

std::string map_with(std::string_view utf8, int options) {
    utf8proc_uint8_t* out = nullptr;
    const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()),
                                static_cast<utf8proc_ssize_t>(utf8.size()), &out,
                                static_cast<utf8proc_option_t>(options));
    std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owned(out);
    if (n < 0) throw Error("invalid_utf8", utf8proc_errmsg(n));
    return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
}

bool is_tone_mark(char32_t cp) {
    return cp == 0x0300 || cp == 0x0301 || cp == 0x0303 || cp == 0x0309 || cp == 0x0323;
}

bool is_word_char(char32_t cp) {
    const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL ||
           cat == UTF8PROC_CATEGORY_LT || cat == UTF8PROC_CATEGORY_LM ||
           cat == UTF8PROC_CATEGORY_LO || cat == UTF8PROC_CATEGORY_MN ||
           cat == UTF8PROC_CATEGORY_ND;
}

}  // namespace

std::optional<std::size_t> find_invalid_utf8(std::string_view bytes) {
    for (std::size_t i = 0; i < bytes.size();) {
        char32_t cp;
        const auto len = sequence_length(bytes, i, cp);
        if (len == 0) return i;
        i += len;
    }
    return std::nullopt;
}

bool is_valid_utf8(std::string_view bytes) {
    return !find_invalid_utf8(bytes).has_value();
}

std::u32string decode(std::string_view utf8) {
    std::u32string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) {
        char32_t cp;
        const auto len = sequence_length(utf8, i, cp);
        if (len == 0) {
            throw Error("invalid_utf8", "invalid UTF-8 at byte " + std::to_string(i));
        }
        out.push_back(cp);
        i += len;
    }
    return out;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::string encode(std::u32string_view cps) {
    std::string out;
    out.reserve(cps.size());
    for (char32_t cp : cps)
        append_utf8(out, cp);
    return out;
}

std::string to_nfc(std::string_view bytes) {
    if (const auto bad = find_invalid_utf8(bytes)) {
        throw Error("invalid_utf8", "invalid UTF-8 at byte " + std::to_string(*bad));
    }
    if (bytes.empty()) return {};
    return map_with(bytes, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

bool is_nfc(std::string_view utf8) {
    return is_valid_utf8(utf8) && to_nfc(utf8) == utf8;
}

std::string to_lower(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    for (char32_t cp : decode(utf8)) {
        append_utf8(out,
                    static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp))));
    }
    return out;
}

std::string to_upper(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    for (char32_t cp : decode(utf8)) {
        append_utf8(out,
                    static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(cp))));
    }
    return out;
}

std::vector<std::string_view> folded_words(std::string_view folded) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < folded.size()) {
        const auto end = std::min(folded.find(' ', i), folded.size());
        if (end > i) words.push_back(folded.substr(i, end - i));
        i = end + 1;
    }
    return words;
}

std::string fold_for_search(std::string_view utf8) {
    const std::u32string decomposed =
        decode(map_with(utf8, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD));
    std::string out;
    out.reserve(decomposed.size());
    bool pending_space = false;
    for (char32_t cp : decomposed) {
        if (cp == 0x0111 || cp == 0x0110) cp = U'd';  // đ has no decomposition
        const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
        if (cat == UTF8PROC_CATEGORY_MN) continue;  // diacritics, tones included
        if (!is_word_char(cp)) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out.push_back(' ');
        pending_space = false;
        append_utf8(out, cp);
    }
    return out;
}

std::string tone_placement_key(std::string_view utf8) {
    const std::u32string decomposed = decode(map_with(utf8, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE));
    std::u32string out;
    out.reserve(decomposed.size() + 8);
    char32_t word_tone = 0;
    auto end_word = [&] {
        if (word_tone != 0) out.push_back(word_tone);
        word_tone = 0;
    };
    for (char32_t cp : decomposed) {
        if (is_tone_mark(cp)) {
            word_tone = cp;  // the tone belongs to the syllable, not to a letter
            continue;
        }
        if (!is_word_char(cp)) end_word();
        out.push_back(cp);
    }
    end_word();
    return to_nfc(encode(out));
}

bool same_text(std::string_view a, std::string_view b) {
    return tone_placement_key(to_nfc(a)) == tone_placement_key(to_nfc(b));
}

std::string_view trim(std::string_view s) {
    constexpr std::string_view space = " \t\r\n\v\f";
    const auto b = s.find_first_not_of(space);
    if (b == std::string_view::npos) return {};
    return s.substr(b, s.find_last_not_of(space) - b + 1);
}

}  // namespace quay::text
