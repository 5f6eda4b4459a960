#pragma once
// Text enters the kiosk as UTF-8 from many places (catalogue, config, scanner, keyboard,
// portal). Every boundary calls to_nfc(): invalid bytes are an error, never dropped.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quay::text {

// Byte offset of the first invalid sequence, or nullopt when the bytes are valid UTF-8
// (overlongs, surrogates and code points above U+10FFFF are invalid).
std::optional<std::size_t> find_invalid_utf8(std::string_view bytes);
bool is_valid_utf8(std::string_view bytes);

// Validates and normalises to NFC. Throws quay::Error{"invalid_utf8"} naming the offset.
std::string to_nfc(std::string_view bytes);
bool is_nfc(std::string_view utf8);

// Decodes valid UTF-8 into code points (throws on invalid input).
std::u32string decode(std::string_view utf8);
std::string encode(std::u32string_view cps);
void append_utf8(std::string& out, char32_t cp);

// Search key: no diacritics, lower case, đ→d, runs of non-alphanumerics become one space,
// trimmed. "Đăng ký KHAI SINH" → "dang ky khai sinh".
std::string fold_for_search(std::string_view utf8);
// The words of a folded text (fold_for_search's single spaces): views into `folded`.
std::vector<std::string_view> folded_words(std::string_view folded);

// Comparison key that keeps letters, marks and tones but not where the tone sits, so the
// two tone-placement styles compare equal: key("hòa") == key("hoà"), key("Ủy") == key("Uỷ").
// Case is kept; compare keys of lower-cased text for case-insensitive equality.
std::string tone_placement_key(std::string_view utf8);

// Vietnamese-aware lower/upper case of NFC text (covers every Vietnamese letter).
std::string to_lower(std::string_view utf8);
std::string to_upper(std::string_view utf8);

// True when a and b are the same text once tone placement is ignored.
bool same_text(std::string_view a, std::string_view b);

// s without leading and trailing ASCII white space (space, tab, CR, LF, VT, FF).
std::string_view trim(std::string_view s);

}  // namespace quay::text
