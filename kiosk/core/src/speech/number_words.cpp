#include "quay/speech/number_words.hpp"

#include <array>

namespace quay::speech {

namespace {

constexpr std::array<std::string_view, 10> vi_digits = {"không", "một", "hai", "ba",  "bốn",
                                                        "năm",   "sáu", "bảy", "tám", "chín"};
constexpr std::array<std::string_view, 20> en_small = {
    "zero",     "one",     "two",     "three",     "four",     "five",    "six",
    "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
constexpr std::array<std::string_view, 10> en_tens = {
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
constexpr std::array<std::string_view, 5> vi_scales = {"", "nghìn", "triệu", "tỷ", "nghìn tỷ"};
constexpr std::array<std::string_view, 5> en_scales = {"", "thousand", "million", "billion",
                                                       "trillion"};

void append_word(std::string& out, std::string_view word) {
    if (word.empty()) return;
    if (!out.empty()) out += ' ';
    out += word;
}

// 0 < g < 1000. `inner`: a group after a larger one, read in full ("không trăm linh năm").
std::string vi_group(unsigned g, bool inner) {
    const unsigned h = g / 100;
    const unsigned t = g / 10 % 10;
    const unsigned u = g % 10;
    std::string out;
    if (h > 0 || inner) {
        append_word(out, vi_digits[h]);
        append_word(out, "trăm");
    }
    if (t == 0) {
        if (u > 0 && !out.empty()) append_word(out, "linh");
        if (u > 0) append_word(out, vi_digits[u]);
        return out;
    }
    append_word(out, t == 1 ? "mười" : vi_digits[t]);
    if (t > 1) append_word(out, "mươi");
    if (u == 1 && t > 1) {
        append_word(out, "mốt");
    } else if (u == 5) {
        append_word(out, "lăm");
    } else if (u > 0) {
        append_word(out, vi_digits[u]);
    }
    return out;
}

std::string en_below_100(unsigned n) {
    if (n < 20) return std::string(en_small[n]);
    std::string out(en_tens[n / 10]);
    if (n % 10 != 0) out.append("-").append(en_small[n % 10]);
    return out;
}

// 0 < g < 1000. `last_inner`: the units group after a larger one takes "and" (British).
std::string en_group(unsigned g, bool last_inner) {
    std::string out;
    if (g >= 100) {
        out.append(en_small[g / 100]).append(" hundred");
        if (g % 100 != 0) out.append(" and ").append(en_below_100(g % 100));
        return out;
    }
    if (last_inner) out = "and ";
    return out + en_below_100(g);
}

}  // namespace

std::string number_words(std::uint64_t n, Language lang) {
    if (n > max_number_words) return grouped_digit_words(std::to_string(n), lang);
    if (n == 0) return lang == Language::vi ? "không" : "zero";
    std::array<unsigned, 5> groups{};
    for (auto& g : groups) {
        g = static_cast<unsigned>(n % 1000);
        n /= 1000;
    }
    std::string out;
    for (std::size_t i = groups.size(); i-- > 0;) {
        if (groups[i] == 0) continue;
        const bool inner = !out.empty();
        if (lang == Language::vi) {
            append_word(out, vi_group(groups[i], inner));
            append_word(out, vi_scales[i]);
        } else {
            append_word(out, en_group(groups[i], inner && i == 0));
            append_word(out, en_scales[i]);
        }
    }
    return out;
}

std::string digit_words(std::string_view digits, Language lang) {
    std::string out;
    for (const char c : digits) {
        if (c < '0' || c > '9') continue;
        const auto d = static_cast<std::size_t>(c - '0');
        append_word(out, lang == Language::vi ? vi_digits[d] : en_small[d]);
    }
    return out;
}

std::vector<std::size_t> digit_groups(std::size_t n) {
    switch (n) {
        case 0:
            return {};
        case 9:
            return {3, 3, 3};
        case 10:
            return {4, 3, 3};
        case 11:
            return {4, 3, 4};
        case 12:
            return {3, 3, 3, 3};
        default:
            break;
    }
    if (n <= 4) return {n};
    if (n <= 8) return {n - n / 2, n / 2};
    std::vector<std::size_t> out(n / 3, 3);
    if (n % 3 == 2) out.push_back(2);
    if (n % 3 == 1) {  // ... 3 3 1 reads badly: ... 3 2 2
        out.back() = 2;
        out.push_back(2);
    }
    return out;
}

std::string grouped_digit_words(std::string_view digits, Language lang) {
    std::string out;
    std::size_t at = 0;
    for (const auto len : digit_groups(digits.size())) {
        if (!out.empty()) out += ", ";
        out += digit_words(digits.substr(at, len), lang);
        at += len;
    }
    return out;
}

std::string day_words(int day, Language lang) {
    const auto d = static_cast<std::uint64_t>(day);
    if (lang == Language::vi) {
        return day <= 10 ? "mùng " + number_words(d, lang) : number_words(d, lang);
    }
    static constexpr std::array<std::string_view, 20> ordinals = {
        "zeroth",    "first",     "second",      "third",      "fourth",
        "fifth",     "sixth",     "seventh",     "eighth",     "ninth",
        "tenth",     "eleventh",  "twelfth",     "thirteenth", "fourteenth",
        "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"};
    if (day < 20) return std::string(ordinals[d]);
    if (day % 10 == 0) return day == 20 ? "twentieth" : "thirtieth";
    return std::string(en_tens[d / 10]) + "-" + std::string(ordinals[d % 10]);
}

std::string month_words(int month, Language lang) {
    if (lang == Language::vi) {
        return month == 4 ? "tháng tư"
                          : "tháng " + number_words(static_cast<std::uint64_t>(month), lang);
    }
    static constexpr std::array<std::string_view, 13> months = {
        "",     "January", "February",  "March",   "April",    "May",     "June",
        "July", "August",  "September", "October", "November", "December"};
    return month >= 1 && month <= 12 ? std::string(months[static_cast<std::size_t>(month)]) : "";
}

}  // namespace quay::speech
