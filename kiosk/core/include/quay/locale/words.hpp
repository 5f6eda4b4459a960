#pragma once
// Counts and money in words: the one owner of how a number becomes text a person reads,
// on screen and on the printed receipt (locale/glossary.json names the words).

#include <cstdint>
#include <string>
#include <string_view>

#include "quay/locale/locale.hpp"

namespace quay::locale {

// 8000 → "8.000" with separator "."; 1234567 → "1,234,567" with ","; keeps a minus sign.
std::string group_thousands(std::int64_t amount, std::string_view separator);

// "{n} thủ tục" / "1 procedure", "3 procedures": the key's ".one" form when n is 1 and
// the language has one (English), else the key itself; {n} is replaced by n. Vietnamese
// nouns do not change with the count, so its files carry no ".one" keys.
std::string count(const Strings& s, std::string_view key, std::int64_t n);

// "20.000 đ" / "20,000 VND" (money.amount, money.thousands_separator) with no-break
// spaces, so an amount never splits across lines on screen or on paper.
std::string money(const Strings& s, std::int64_t dong);

}  // namespace quay::locale
