#pragma once
// Numbers as the words a voice says (voice mode, docs/voice.md). espeak-ng reads raw digit
// strings badly (it garbles or crashes on long ones), so the speech text never holds a
// digit: quantities become words here, identifiers are spelled digit by digit in groups.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "quay/language.hpp"

namespace quay::speech {

// The largest number said as a quantity: one nghìn tỷ / one trillion (10^12).
inline constexpr std::uint64_t max_number_words = 1'000'000'000'000;

// 21 → "hai mươi mốt", 105 → "một trăm linh năm", 2026 → "hai nghìn không trăm hai mươi
// sáu"; 21 → "twenty-one", 105 → "one hundred and five". n above max_number_words is
// spelled digit by digit in groups (grouped_digit_words).
std::string number_words(std::uint64_t n, Language lang);

// "0042" → "không không bốn hai" / "zero zero four two": each digit of an ASCII digit run.
std::string digit_words(std::string_view digits, Language lang);

// How a run of n digits is cut for reading: 12 (ID card) → 3 3 3 3, 10 (phone) → 4 3 3,
// 11 → 4 3 4, 9 → 3 3 3, up to 4 → one group, 5..8 → two halves (the longer first),
// longer → groups of 3 and a last 2 2 rather than a lone digit. Never a group above 4.
std::vector<std::size_t> digit_groups(std::size_t n);

// A run of digits read in its groups, groups joined by ", " (a short pause).
std::string grouped_digit_words(std::string_view digits, Language lang);

// Day of the month for a date: "mùng năm" (1..10 take "mùng") / "fifth".
std::string day_words(int day, Language lang);
// "tháng tư" (April is tư, not bốn) / "April".
std::string month_words(int month, Language lang);

}  // namespace quay::speech
