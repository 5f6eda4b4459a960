#include "quay/speech/normalise.hpp"

#include <algorithm>
#include <cstdint>

#include "quay/error.hpp"
#include "quay/locale/locale.hpp"
#include "quay/speech/number_words.hpp"
#include "quay/text/utf8.hpp"

namespace quay::speech {

namespace {

using Entry = Normaliser::Entry;

bool is_digit(char32_t c) {
    return c >= U'0' && c <= U'9';
}

// Letters of any script; what is not a letter here is punctuation, a symbol or a space.
bool is_letter(char32_t c) {
    if ((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z')) return true;
    if (c < 0xC0 || c == 0xD7 || c == 0xF7 || c == 0xFEFF) return false;
    return !(c >= 0x2000 && c <= 0x2BFF) && !(c >= 0x3000 && c <= 0x303F);
}

bool is_alnum(char32_t c) {
    return is_digit(c) || is_letter(c);
}

// Control and format characters become a space (line breaks end a sentence); the many
// kinds of space (no-break in money amounts, thin, ideographic) become one plain space.
std::u32string clean(std::u32string_view in) {
    std::u32string out;
    out.reserve(in.size());
    for (const char32_t c : in) {
        if (c == U'\n' || c == U'\r' || c == 0x2028 || c == 0x2029) {
            out += U'\n';
        } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xA0 ||
                   (c >= 0x2000 && c <= 0x200F) || (c >= 0x202A && c <= 0x202F) ||
                   (c >= 0x2060 && c <= 0x206F) || c == 0x3000 || c == 0xFEFF ||
                   (c >= 0xFFF9 && c <= 0xFFFD)) {
            out += U' ';
        } else {
            out += c;
        }
    }
    return out;
}

std::vector<Entry> entries(const std::map<std::string, std::string, std::less<>>& map) {
    std::vector<Entry> out;
    for (const auto& [key, said] : map)
        out.push_back({text::decode(key), said});
    std::stable_sort(out.begin(), out.end(),
                     [](const Entry& a, const Entry& b) { return a.key.size() > b.key.size(); });
    return out;
}

// Vietnamese names of the Latin letters, for spelled codes ("K0042": "ca, ...").
std::string_view vi_letter(char32_t c) {
    static constexpr std::string_view names[] = {
        "a",     "bê", "xê",   "dê",    "e",      "ép",     "giê",   "hát", "i",
        "gi",    "ca", "e lờ", "em mờ", "en nờ",  "o",      "pê",    "quy", "e rờ",
        "ét xì", "tê", "u",    "vê",    "vê kép", "ích xì", "i dài", "dét"};
    if (c >= U'a' && c <= U'z') c = c - U'a' + U'A';
    if (c >= U'A' && c <= U'Z') return names[c - U'A'];
    if (c == U'Đ' || c == U'đ') return "đê";
    return {};
}

// One pass over the cleaned text, writing what the engine says.
class Reader {
  public:
    Reader(const std::u32string& s, Language lang, const std::vector<Entry>& words,
           const std::vector<Entry>& units, char32_t separator)
        : s_(s), lang_(lang), words_(words), units_(units), sep_(separator) {}

    std::string run() {
        while (i_ < s_.size()) {
            const bool token_start = i_ == 0 || !is_alnum(s_[i_ - 1]);
            if ((token_start || !is_alnum(s_[i_])) && override_word()) continue;
            if (token_start && is_alnum(s_[i_])) {
                if (date_dmy() || date_ymd() || time_of_day() || grouped_number() ||
                    spaced_digits() || dashed()) {
                    continue;
                }
                token();
                continue;
            }
            copy(s_[i_++]);
        }
        return std::move(out_);
    }

  private:
    char32_t at(std::size_t k) const { return k < s_.size() ? s_[k] : U'\0'; }
    std::size_t digits_at(std::size_t k) const {
        std::size_t n = 0;
        while (is_digit(at(k + n)))
            ++n;
        return n;
    }
    std::size_t alnum_at(std::size_t k) const {
        std::size_t n = 0;
        while (is_alnum(at(k + n)))
            ++n;
        return n;
    }
    std::uint64_t value(std::size_t k, std::size_t n) const {
        std::uint64_t v = 0;
        for (std::size_t j = k; j < k + n; ++j)
            v = v * 10 + (s_[j] - U'0');
        return v;
    }
    std::string digits(std::size_t k, std::size_t n) const {
        std::string d;
        for (std::size_t j = k; j < k + n; ++j)
            d += static_cast<char>(s_[j]);
        return d;
    }
    bool vi() const { return lang_ == Language::vi; }

    // Words go in with a space from any letter or digit on either side.
    void emit(std::string_view words) {
        if (!out_.empty() && out_.back() != ' ' && out_.back() != '\n' && out_.back() != '(') {
            out_ += ' ';
        }
        out_ += words;
        space_next_ = true;
    }
    void copy(char32_t c) {
        if (space_next_ && is_alnum(c)) out_ += ' ';
        space_next_ = false;
        text::append_utf8(out_, c);
    }

    // A whole-word override (an abbreviation, a respelling), the longest first.
    bool override_word() {
        for (const auto& e : words_) {
            if (s_.compare(i_, e.key.size(), e.key) != 0) continue;
            const std::size_t end = i_ + e.key.size();
            if (is_alnum(e.key.back()) && is_alnum(at(end))) continue;
            if (is_alnum(e.key.front()) && i_ > 0 && is_alnum(s_[i_ - 1])) continue;
            emit(e.said);
            i_ = end;
            return true;
        }
        return false;
    }

    // After a number: "đ", "%", "km" ... said as their unit word.
    void unit() {
        std::size_t k = i_;
        if (at(k) == U' ') ++k;
        for (const auto& e : units_) {
            if (s_.compare(k, e.key.size(), e.key) != 0) continue;
            if (is_alnum(e.key.back()) && is_alnum(at(k + e.key.size()))) continue;
            emit(e.said);
            i_ = k + e.key.size();
            return;
        }
    }

    // No letter or digit right after, nor a separator that continues the run.
    bool ends_at(std::size_t k, char32_t continuation) const {
        return !is_alnum(at(k)) && !(at(k) == continuation && is_digit(at(k + 1)));
    }

    void say_date(std::uint64_t day, std::uint64_t month, std::uint64_t year, std::size_t end) {
        if (day < 1 || day > 31 || month < 1 || month > 12) return;
        std::string w;
        const int d = static_cast<int>(day);
        const int m = static_cast<int>(month);
        if (vi()) {
            const bool after_ngay = out_.ends_with("ngày ") || out_.ends_with("Ngày ");
            w = (after_ngay ? "" : "ngày ") + day_words(d, lang_) + " " + month_words(m, lang_) +
                " năm " + number_words(year, lang_);
        } else {
            w = "the " + day_words(d, lang_) + " of " + month_words(m, lang_) + " " +
                number_words(year, lang_);
        }
        emit(w);
        i_ = end;
    }

    bool date_dmy() {
        const std::size_t d = digits_at(i_);
        if (d < 1 || d > 2 || at(i_ + d) != U'/') return false;
        const std::size_t m_at = i_ + d + 1;
        const std::size_t m = digits_at(m_at);
        if (m < 1 || m > 2 || at(m_at + m) != U'/') return false;
        const std::size_t y_at = m_at + m + 1;
        if (digits_at(y_at) != 4 || !ends_at(y_at + 4, U'/')) return false;
        const std::size_t before = i_;
        say_date(value(i_, d), value(m_at, m), value(y_at, 4), y_at + 4);
        return i_ != before;
    }

    bool date_ymd() {
        if (digits_at(i_) != 4 || at(i_ + 4) != U'-' || digits_at(i_ + 5) != 2 ||
            at(i_ + 7) != U'-' || digits_at(i_ + 8) != 2 || !ends_at(i_ + 10, U'-')) {
            return false;
        }
        const std::size_t before = i_;
        say_date(value(i_ + 8, 2), value(i_ + 5, 2), value(i_, 4), i_ + 10);
        return i_ != before;
    }

    bool time_of_day() {
        const std::size_t h = digits_at(i_);
        if (h < 1 || h > 2 || at(i_ + h) != U':' || digits_at(i_ + h + 1) != 2 ||
            !ends_at(i_ + h + 3, U':')) {
            return false;
        }
        const auto hour = value(i_, h);
        const auto minute = value(i_ + h + 1, 2);
        if (hour > 23 || minute > 59) return false;
        std::string w = number_words(hour, lang_);
        if (vi()) {
            w += " giờ";
            if (minute > 0) w += " " + number_words(minute, lang_) + " phút";
        } else if (minute == 0) {
            w += " o'clock";
        } else {
            w += (minute < 10 ? " oh " : " ") + number_words(minute, lang_);
        }
        emit(w);
        i_ += h + 3;
        return true;
    }

    // "20.000" (vi) / "20,000" (en): an amount as the screen groups it, said as a number.
    bool grouped_number() {
        const std::size_t lead = digits_at(i_);
        if (lead < 1 || lead > 3 || (s_[i_] == U'0' && lead > 1)) return false;
        std::string d = digits(i_, lead);
        std::size_t k = i_ + lead;
        while (at(k) == sep_ && digits_at(k + 1) == 3) {
            d += digits(k + 1, 3);
            k += 4;
        }
        if (k == i_ + lead || is_alnum(at(k))) return false;
        emit(d.size() <= 13 ? number_words(std::stoull(d), lang_) : grouped_digit_words(d, lang_));
        i_ = k;
        unit();
        return true;
    }

    // "001 204 012 345", "0912 345 678": an identifier as the screen spaces it, each
    // group spelled digit by digit.
    bool spaced_digits() {
        std::vector<std::pair<std::size_t, std::size_t>> runs;
        std::size_t k = i_;
        while (true) {
            const std::size_t n = digits_at(k);
            if (n < 2 || n > 4 || is_alnum(at(k + n))) break;
            runs.emplace_back(k, n);
            k += n;
            if (at(k) != U' ' || !is_digit(at(k + 1))) break;
            ++k;
        }
        if (runs.size() < 2) return false;
        std::string w;
        for (const auto& [from, n] : runs) {
            if (!w.empty()) w += ", ";
            w += digit_words(digits(from, n), lang_);
        }
        emit(w);
        i_ = runs.back().first + runs.back().second;
        return true;
    }

    // A code's part: digit runs in groups, letters by name; "K0042" → "ca, không không bốn hai".
    std::string spelled(std::size_t from, std::size_t n) const {
        std::string w;
        for (std::size_t k = from; k < from + n;) {
            if (!w.empty()) w += ", ";
            if (is_digit(s_[k])) {
                const std::size_t d = std::min(digits_at(k), from + n - k);
                w += grouped_digit_words(digits(k, d), lang_);
                k += d;
                continue;
            }
            std::string letters;
            for (; k < from + n && !is_digit(s_[k]); ++k) {
                if (!letters.empty()) letters += ' ';
                const auto name = vi() ? vi_letter(s_[k]) : std::string_view{};
                if (name.empty()) {
                    text::append_utf8(letters, s_[k]);
                } else {
                    letters += name;
                }
            }
            w += letters;
        }
        return w;
    }

    // "K0042-261122-0007" (a receipt code): each part spelled, parts apart by a pause.
    // "8-10" (a range): "tám đến mười" / "eight to ten".
    bool dashed() {
        std::vector<std::pair<std::size_t, std::size_t>> parts;
        std::size_t k = i_;
        while (true) {
            const std::size_t n = alnum_at(k);
            if (n == 0) break;
            parts.emplace_back(k, n);
            k += n;
            if (at(k) != U'-' || !is_alnum(at(k + 1))) break;
            ++k;
        }
        if (parts.size() < 2) return false;
        bool any_digit = false;
        bool code = false;
        bool all_numbers = true;
        for (const auto& [from, n] : parts) {
            const std::size_t d = digits_at(from);
            const bool has_digit = std::any_of(s_.begin() + from, s_.begin() + from + n, is_digit);
            const bool has_letter =
                std::any_of(s_.begin() + from, s_.begin() + from + n, is_letter);
            any_digit = any_digit || has_digit;
            all_numbers = all_numbers && d == n;
            if ((has_digit && has_letter) || (d == n && (s_[from] == U'0' || n > 4))) code = true;
        }
        if (!any_digit) return false;
        std::string w;
        if (code) {
            for (const auto& [from, n] : parts) {
                if (!w.empty()) w += ", ";
                w += spelled(from, n);
            }
        } else if (all_numbers && parts.size() == 2) {
            w = number_words(value(parts[0].first, parts[0].second), lang_) +
                (vi() ? " đến " : " to ") +
                number_words(value(parts[1].first, parts[1].second), lang_);
        } else {
            return false;
        }
        emit(w);
        i_ = parts.back().first + parts.back().second;
        if (!code) unit();
        return true;
    }

    // One run of letters and digits that no rule above took.
    void token() {
        const std::size_t n = alnum_at(i_);
        const std::size_t d = digits_at(i_);
        if (d == n) {  // a count ("3 thủ tục") or an identifier ("001204012345")
            const bool count = n <= 4 && (s_[i_] != U'0' || n == 1);
            emit(count ? number_words(value(i_, n), lang_)
                       : grouped_digit_words(digits(i_, n), lang_));
            i_ += n;
            unit();
            return;
        }
        if (std::any_of(s_.begin() + i_, s_.begin() + i_ + n, is_digit)) {
            emit(spelled(i_, n));
            i_ += n;
            return;
        }
        for (const std::size_t end = i_ + n; i_ < end;)
            copy(s_[i_++]);
    }

    const std::u32string& s_;
    Language lang_;
    const std::vector<Entry>& words_;
    const std::vector<Entry>& units_;
    char32_t sep_;
    std::size_t i_ = 0;
    std::string out_;
    bool space_next_ = false;
};

bool has_alnum(std::u32string_view s) {
    return std::any_of(s.begin(), s.end(), is_alnum);
}

// Cuts a sentence longer than max_sentence_chars at its last comma, else its last space,
// before the limit.
void add_bounded(std::vector<std::string>& out, std::u32string_view s) {
    while (!s.empty()) {
        while (!s.empty() && s.front() == U' ')
            s.remove_prefix(1);
        while (!s.empty() && s.back() == U' ')
            s.remove_suffix(1);
        if (s.empty()) return;
        std::size_t cut = s.size();
        if (s.size() > max_sentence_chars) {
            const auto window = s.substr(0, max_sentence_chars);
            const auto comma = window.rfind(U',');
            const auto space = window.rfind(U' ');
            cut = comma != std::u32string_view::npos && comma > 0   ? comma + 1
                  : space != std::u32string_view::npos && space > 0 ? space
                                                                    : max_sentence_chars;
        }
        if (has_alnum(s.substr(0, cut))) out.push_back(text::encode(s.substr(0, cut)));
        s.remove_prefix(cut);
    }
}

}  // namespace

Normaliser::Normaliser(Language lang, Overrides overrides, std::string_view thousands_separator)
    : lang_(lang),
      words_(entries(overrides.words)),
      units_(entries(overrides.after_number)),
      separator_(thousands_separator.empty() ? U'\0' : text::decode(thousands_separator).front()) {}

Normaliser Normaliser::embedded(Language lang) {
    const auto locale = locale::Locale::embedded();
    return Normaliser(lang, Overrides::embedded(lang),
                      locale.strings(lang).tr("money.thousands_separator"));
}

std::vector<std::string> Normaliser::sentences(std::string_view display_text) const {
    const std::u32string cleaned = clean(text::decode(text::to_nfc(display_text)));
    // NFC again: a combining mark in the input may now follow a word the rules wrote.
    const std::u32string said =
        text::decode(text::to_nfc(Reader(cleaned, lang_, words_, units_, separator_).run()));
    // One space between words; a sentence ends at a line break or at . ! ? ; before a space.
    std::vector<std::string> out;
    std::u32string sentence;
    for (std::size_t k = 0; k < said.size(); ++k) {
        const char32_t c = said[k];
        if (c == U'\n') {
            add_bounded(out, sentence);
            sentence.clear();
            continue;
        }
        if (c == U' ' && (sentence.empty() || sentence.back() == U' ')) continue;
        sentence += c;
        const bool end = c == U'.' || c == U'!' || c == U'?' || c == U';';
        if (end && (k + 1 == said.size() || said[k + 1] == U' ' || said[k + 1] == U'\n')) {
            add_bounded(out, sentence);
            sentence.clear();
        }
    }
    add_bounded(out, sentence);
    return out;
}

std::string Normaliser::text(std::string_view display_text) const {
    std::string out;
    for (const auto& s : sentences(display_text)) {
        if (!out.empty()) out += ' ';
        out += s;
    }
    return out;
}

}  // namespace quay::speech
