#include "quay/text/compose.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <optional>

#include "quay/text/utf8.hpp"

namespace quay::text {
namespace {

using Mark = Composer::Mark;
using Letter = Composer::Letter;

// The 12 vowels × 6 tones, all precomposed (telex-vni.md §1), so the output never needs
// a combining mark. Columns follow enum Tone.
constexpr char32_t kVowels[12][6] = {
    {U'a', 0x00E1, 0x00E0, 0x1EA3, 0x00E3, 0x1EA1},
    {0x0103, 0x1EAF, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EB7},
    {0x00E2, 0x1EA5, 0x1EA7, 0x1EA9, 0x1EAB, 0x1EAD},
    {U'e', 0x00E9, 0x00E8, 0x1EBB, 0x1EBD, 0x1EB9},
    {0x00EA, 0x1EBF, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EC7},
    {U'i', 0x00ED, 0x00EC, 0x1EC9, 0x0129, 0x1ECB},
    {U'o', 0x00F3, 0x00F2, 0x1ECF, 0x00F5, 0x1ECD},
    {0x00F4, 0x1ED1, 0x1ED3, 0x1ED5, 0x1ED7, 0x1ED9},
    {0x01A1, 0x1EDB, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EE3},
    {U'u', 0x00FA, 0x00F9, 0x1EE7, 0x0169, 0x1EE5},
    {0x01B0, 0x1EE9, 0x1EEB, 0x1EED, 0x1EEF, 0x1EF1},
    {U'y', 0x00FD, 0x1EF3, 0x1EF7, 0x1EF9, 0x1EF5},
};
struct Row {
    char32_t base;
    Mark mark;
};
constexpr Row kRows[12] = {
    {U'a', Mark::none}, {U'a', Mark::breve},      {U'a', Mark::circumflex},
    {U'e', Mark::none}, {U'e', Mark::circumflex}, {U'i', Mark::none},
    {U'o', Mark::none}, {U'o', Mark::circumflex}, {U'o', Mark::horn},
    {U'u', Mark::none}, {U'u', Mark::horn},       {U'y', Mark::none},
};
constexpr char32_t kSmallDStroke = 0x0111;  // đ

// Vowel nuclei of Vietnamese syllables once the initial and final consonants are taken
// off. A typed nucleus matches when its unmarked letters could still take the marks, so
// "tie" (on its way to "tiê") and "nguoi" (to "ngươi") are accepted.
constexpr std::u32string_view kNuclei[] = {
    U"a",   U"ă",   U"â",   U"e",   U"ê",   U"i",   U"o",   U"ô",   U"ơ",   U"u",   U"ư",
    U"y",   U"ai",  U"ao",  U"au",  U"ay",  U"âu",  U"ây",  U"eo",  U"êu",  U"ia",  U"iê",
    U"iu",  U"oa",  U"oă",  U"oe",  U"oi",  U"ôi",  U"ơi",  U"oo",  U"ua",  U"uâ",  U"uê",
    U"ui",  U"uô",  U"uơ",  U"uy",  U"ưa",  U"ưi",  U"ưu",  U"ươ",  U"yê",  U"iêu", U"yêu",
    U"oai", U"oao", U"oay", U"oeo", U"uây", U"uôi", U"ươi", U"ươu", U"uya", U"uyê", U"uyu",
};
constexpr std::string_view kInitials[] = {"",   "b",  "c", "ch", "d",  "D",  "g",   "gh", "h",
                                          "k",  "kh", "l", "m",  "n",  "ng", "ngh", "nh", "p",
                                          "ph", "r",  "s", "t",  "th", "tr", "v",   "x"};  // D is đ
constexpr std::string_view kFinals[] = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"};
// Longer than any syllable ("nghiêng" has 7): past this every key is a plain letter, which
// also keeps the work per key small for long strings.
constexpr std::size_t kMaxSyllable = 10;

bool is_ascii_lower(char32_t c) {
    return c >= U'a' && c <= U'z';
}
bool is_vowel(char32_t c) {
    return c == U'a' || c == U'e' || c == U'i' || c == U'o' || c == U'u' || c == U'y';
}
bool is_vowel_letter(const Letter& l) {
    return is_vowel(l.c);
}
bool valid_code_point(char32_t c) {
    return c <= 0x10FFFF && (c < 0xD800 || c > 0xDFFF);
}

int row_of(char32_t base, Mark mark) {
    for (int r = 0; r < 12; ++r) {
        if (kRows[r].base == base && kRows[r].mark == mark) return r;
    }
    return -1;
}

char32_t upper(char32_t c) {
    return static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(c)));
}
char32_t lower(char32_t c) {
    return static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c)));
}

char32_t render(const Letter& l, Tone tone) {
    if (!is_ascii_lower(l.c)) return l.c;  // typed as it is (a digit, a letter we do not know)
    char32_t out = l.c;
    if (l.c == U'd' && l.mark == Mark::stroke) {
        out = kSmallDStroke;
    } else if (const int r = row_of(l.c, l.mark); r >= 0) {
        out = kVowels[r][static_cast<int>(tone)];
    }
    return l.upper ? upper(out) : out;
}

struct Decomposed {
    Letter letter;
    Tone tone = Tone::level;
};

// A written letter back into base + mark + tone, for words made current again.
std::optional<Decomposed> decompose(char32_t cp) {
    const char32_t lo = lower(cp);
    const bool up = lo != cp;
    if (up && upper(lo) != cp) return std::nullopt;  // İ, K (Kelvin): not a plain pair
    if (is_ascii_lower(lo)) return Decomposed{{lo, Mark::none, up, false}, Tone::level};
    if (lo == kSmallDStroke) return Decomposed{{U'd', Mark::stroke, up, false}, Tone::level};
    for (int r = 0; r < 12; ++r) {
        for (int t = 0; t < 6; ++t) {
            if (kVowels[r][t] == lo) {
                return Decomposed{{kRows[r].base, kRows[r].mark, up, false}, static_cast<Tone>(t)};
            }
        }
    }
    return std::nullopt;
}

struct Syllable {
    std::size_t nb = 0, ne = 0;  // the vowel nucleus [nb, ne)
    bool has_final = false;
    bool stop_final = false;  // c ch p t: only sắc and nặng
};

bool nucleus_matches(const std::vector<Letter>& w, std::size_t nb, std::size_t ne) {
    for (const auto pattern : kNuclei) {
        if (pattern.size() != ne - nb) continue;
        bool ok = true;
        for (std::size_t k = 0; ok && k < pattern.size(); ++k) {
            const auto p = decompose(pattern[k]);
            const Letter& l = w[nb + k];
            ok = p && p->letter.c == l.c && (l.mark == Mark::none || l.mark == p->letter.mark);
        }
        if (ok) return true;
    }
    return false;
}

std::string consonants(const std::vector<Letter>& w, std::size_t b, std::size_t e) {
    std::string s;
    for (std::size_t k = b; k < e; ++k) {
        if (w[k].mark == Mark::stroke) {
            s.push_back('D');
        } else if (w[k].mark != Mark::none) {
            s.push_back('?');
        } else {
            s.push_back(static_cast<char>(w[k].c));
        }
    }
    return s;
}

// initial consonant + vowel nucleus + final consonant, or nullopt when the word cannot be
// (the start of) a Vietnamese syllable.
std::optional<Syllable> parse(const std::vector<Letter>& w) {
    const std::size_t n = w.size();
    for (const auto& l : w) {
        if (!is_ascii_lower(l.c)) return std::nullopt;
    }
    std::size_t i = 0;
    if (n > 0 && w[0].c == U'q') {
        // qu is one initial: quý, quà, quốc
        if (n == 1) return Syllable{1, 1, false, false};
        if (w[1].c != U'u' || w[1].mark != Mark::none) return std::nullopt;
        i = 2;
    } else if (n > 2 && w[0].c == U'g' && w[1].c == U'i' && w[1].mark == Mark::none &&
               is_vowel(w[2].c)) {
        i = 2;  // gi + vowel: già, giữa; but gìn, gì keep i as the vowel
    } else {
        while (i < n && !is_vowel(w[i].c))
            ++i;
        const auto init = consonants(w, 0, i);
        if (std::find(std::begin(kInitials), std::end(kInitials), init) == std::end(kInitials))
            return std::nullopt;
    }
    std::size_t j = i;
    while (j < n && is_vowel(w[j].c))
        ++j;
    if (j == i) {
        if (j != n) return std::nullopt;
        return Syllable{i, i, false, false};
    }
    if (!nucleus_matches(w, i, j)) return std::nullopt;
    for (std::size_t k = j; k < n; ++k) {
        if (is_vowel(w[k].c)) return std::nullopt;
    }
    const auto fin = consonants(w, j, n);
    if (std::find(std::begin(kFinals), std::end(kFinals), fin) == std::end(kFinals))
        return std::nullopt;
    const bool stop = fin == "c" || fin == "ch" || fin == "p" || fin == "t";
    return Syllable{i, j, !fin.empty(), stop};
}

// telex-vni.md §5: the vowel that carries the tone.
std::size_t tone_vowel(const std::vector<Letter>& w, const Syllable& s, ToneStyle style) {
    const std::size_t len = s.ne - s.nb;
    if (len == 1) return s.nb;
    for (std::size_t k = s.ne; k-- > s.nb;) {
        if (w[k].mark != Mark::none) return k;  // ươ: the ơ
    }
    if (len >= 3) return s.nb + 1;
    if (s.has_final) return s.nb + 1;
    const char32_t a = w[s.nb].c, b = w[s.nb + 1].c;
    const bool styled = (a == U'o' && (b == U'a' || b == U'e')) || (a == U'u' && b == U'y');
    return styled && style == ToneStyle::modern ? s.nb + 1 : s.nb;
}

std::optional<Tone> tone_for_key(InputMethod m, char32_t k) {
    if (m == InputMethod::telex) {
        switch (k) {
            case U's':
                return Tone::acute;
            case U'f':
                return Tone::grave;
            case U'r':
                return Tone::hook;
            case U'x':
                return Tone::tilde;
            case U'j':
                return Tone::dot;
            default:
                return std::nullopt;
        }
    }
    if (k >= U'1' && k <= U'5') return static_cast<Tone>(k - U'0');
    return std::nullopt;
}

bool is_remove_key(InputMethod m, char32_t k) {
    return m == InputMethod::telex ? k == U'z' : k == U'0';
}

// The mark key k would put on a letter with base c, or none when c is no target of k.
Mark mark_for(InputMethod m, char32_t k, char32_t c) {
    if (m == InputMethod::telex) {
        if ((k == U'a' || k == U'e' || k == U'o') && c == k) return Mark::circumflex;
        if (k == U'd' && c == U'd') return Mark::stroke;
        if (k == U'w') {
            if (c == U'a') return Mark::breve;
            if (c == U'o' || c == U'u') return Mark::horn;
        }
        return Mark::none;
    }
    switch (k) {
        case U'6':
            return c == U'a' || c == U'e' || c == U'o' ? Mark::circumflex : Mark::none;
        case U'7':
            return c == U'o' || c == U'u' ? Mark::horn : Mark::none;
        case U'8':
            return c == U'a' ? Mark::breve : Mark::none;
        case U'9':
            return c == U'd' ? Mark::stroke : Mark::none;
        default:
            return Mark::none;
    }
}

bool is_mark_key(InputMethod m, char32_t k) {
    if (m == InputMethod::telex)
        return k == U'a' || k == U'e' || k == U'o' || k == U'w' || k == U'd';
    return k >= U'6' && k <= U'9';
}

bool is_upper_ascii(char32_t c) {
    return c >= U'A' && c <= U'Z';
}
char32_t lower_ascii(char32_t c) {
    return is_upper_ascii(c) ? c - U'A' + U'a' : c;
}

// Decodes what it can; each byte of an invalid sequence becomes U+FFFD.
std::u32string decode_lenient(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        std::size_t len = 1;
        while (len <= 4 && i + len <= s.size() && !is_valid_utf8(s.substr(i, len)))
            ++len;
        if (len <= 4 && i + len <= s.size()) {
            out += decode(s.substr(i, len));
            i += len;
        } else {
            out.push_back(0xFFFD);
            ++i;
        }
    }
    return out;
}

}  // namespace

// ---- Composer ---------------------------------------------------------------------------

void Composer::set_method(InputMethod m) {
    clear();
    method_ = m;
}

bool Composer::is_word_key(char32_t c) const {
    if ((c >= U'a' && c <= U'z') || is_upper_ascii(c)) return true;
    if (c >= U'0' && c <= U'9') return method_ == InputMethod::vni;
    if (c < 0x80 || !valid_code_point(c)) return false;
    switch (utf8proc_category(static_cast<utf8proc_int32_t>(c))) {
        case UTF8PROC_CATEGORY_LU:
        case UTF8PROC_CATEGORY_LL:
        case UTF8PROC_CATEGORY_LT:
        case UTF8PROC_CATEGORY_LM:
        case UTF8PROC_CATEGORY_LO:
            return true;
        default:
            return false;
    }
}

bool Composer::key(char32_t c) {
    if (method_ == InputMethod::plain || !is_word_key(c)) return false;
    if (c >= 0x80) {
        // Already-written letters (a physical keyboard's own IME) are kept exactly as typed;
        // the word then is no longer composed.
        letters_.push_back({c, Mark::none, false, false});
        place();
        return true;
    }
    const char32_t k = lower_ascii(c);
    const bool locked = locked_.find(k) != std::u32string::npos;
    if (!locked && letters_.size() < kMaxSyllable) {
        if (tone_for_key(method_, k)) {
            if (tone_key(k, c)) return true;
        } else if (is_remove_key(method_, k)) {
            if (tone_ != Tone::level) {
                tone_ = Tone::level;
                return true;
            }
        } else if (is_mark_key(method_, k)) {
            if (mark_key(k, c)) return true;
        }
    }
    push_plain(k, c);
    return true;
}

void Composer::push_plain(char32_t k, char32_t typed) {
    letters_.push_back({k, Mark::none, is_upper_ascii(typed), false});
    normalize();
    place();
}

bool Composer::tone_key(char32_t k, char32_t typed) {
    const Tone t = *tone_for_key(method_, k);
    if (tone_ == t) {
        // The same tone key again undoes the tone and types the key: ass → as
        tone_ = Tone::level;
        push_plain(k, typed);
        locked_.push_back(k);
        return true;
    }
    const auto s = parse(letters_);
    if (!s || s->ne == s->nb) return false;  // no vowel yet: the key is a consonant (sas)
    const Tone old = tone_;
    tone_ = t;
    if (!valid()) {  // huyền/hỏi/ngã on a stop final: acf stays acf
        tone_ = old;
        return false;
    }
    place();
    return true;
}

bool Composer::mark_key(char32_t k, char32_t typed) {
    bool nearest = true;
    for (std::size_t i = letters_.size(); i-- > 0;) {
        const Mark want = mark_for(method_, k, letters_[i].c);
        if (want == Mark::none) continue;
        const bool u_before =
            i > 0 && letters_[i - 1].c == U'u' && !(i > 1 && letters_[i - 2].c == U'q');
        if (nearest) {
            nearest = false;
            if (want == Mark::horn && letters_[i].c == U'o' && letters_[i].mark == Mark::horn &&
                u_before && letters_[i - 1].mark == Mark::none) {
                letters_[i - 1].mark = Mark::horn;  // uơ + w → ươ (Unikey: uoww → ươ)
                place();
                return true;
            }
            if (letters_[i].mark == want) {
                // The same mark key again undoes it and types the key: aaa → aa, ww → w
                if (letters_[i].from_w) {
                    letters_.erase(letters_.begin() + static_cast<std::ptrdiff_t>(i));
                } else {
                    letters_[i].mark = Mark::none;
                    if (want == Mark::horn && letters_[i].c == U'o' && u_before &&
                        letters_[i - 1].mark == Mark::horn)
                        letters_[i - 1].mark = Mark::none;
                }
                push_plain(k, typed);
                locked_.push_back(k);
                return true;
            }
        } else if (letters_[i].mark == want) {
            continue;
        }
        const auto before = letters_;
        letters_[i].mark = want;
        letters_[i].from_w = false;
        if (want == Mark::circumflex && letters_[i].c == U'o' && u_before &&
            letters_[i - 1].mark == Mark::horn)
            letters_[i - 1].mark = Mark::none;  // ươ + o → uô
        if (valid()) {
            normalize();
            place();
            return true;
        }
        letters_ = before;  // not a syllable this way: try a letter further left
    }
    if (method_ == InputMethod::telex && k == U'w') {
        // w with nothing to act on is ư (Unikey, "Telex W")
        letters_.push_back({U'u', Mark::horn, is_upper_ascii(typed), true});
        if (valid()) {
            normalize();
            place();
            return true;
        }
        letters_.pop_back();
    }
    return false;
}

bool Composer::valid() const {
    const auto s = parse(letters_);
    if (!s) return false;
    const bool bad_tone = tone_ == Tone::grave || tone_ == Tone::hook || tone_ == Tone::tilde;
    return !(s->stop_final && bad_tone);
}

// uơ at the end of a syllable is thuở, huơ; once a final or i/u follows it is ươ (ươc,
// ươi, ươn), so a w typed on "uo" gives the right letters either way.
void Composer::normalize() {
    for (std::size_t i = 1; i + 1 < letters_.size(); ++i) {
        const Letter& next = letters_[i + 1];
        const bool follows =
            is_ascii_lower(next.c) && (!is_vowel(next.c) || next.c == U'i' || next.c == U'u');
        if (letters_[i].c == U'o' && letters_[i].mark == Mark::horn && letters_[i - 1].c == U'u' &&
            letters_[i - 1].mark == Mark::none && !(i > 1 && letters_[i - 2].c == U'q') && follows)
            letters_[i - 1].mark = Mark::horn;
    }
}

void Composer::place() {
    if (tone_ == Tone::level) return;
    if (const auto s = parse(letters_); s && s->ne > s->nb) {
        tone_at_ = tone_vowel(letters_, *s, style_);
        return;
    }
    // Not a syllable (an undone key, a digit): the tone stays where it was if it can.
    if (tone_at_ < letters_.size() && is_vowel_letter(letters_[tone_at_])) return;
    for (std::size_t k = letters_.size(); k-- > 0;) {
        if (is_vowel_letter(letters_[k])) {
            tone_at_ = k;
            return;
        }
    }
    tone_ = Tone::level;  // no vowel left to carry it
}

bool Composer::backspace() {
    if (letters_.empty()) return false;
    letters_.back() = Letter{};
    letters_.pop_back();
    locked_.clear();  // a fresh try: the next s may be a tone again
    place();
    return true;
}

bool Composer::tone(Tone t) {
    // Re-read the word as written so letters typed already composed can carry the tone.
    Composer fresh(method_, style_);
    if (!fresh.load(word32())) return false;
    if (std::none_of(fresh.letters_.begin(), fresh.letters_.end(), is_vowel_letter)) return false;
    fresh.tone_ = t;
    fresh.place();
    if (t != fresh.tone_) return false;
    *this = fresh;
    return true;
}

bool Composer::load(std::u32string_view word) {
    if (word.empty()) return false;
    std::vector<Letter> letters;
    Tone tone = Tone::level;
    std::size_t at = word.size();  // no tone yet: the tone bar's fallback is the last vowel
    for (char32_t cp : word) {
        if (const auto d = decompose(cp)) {
            if (d->tone != Tone::level) {
                if (tone != Tone::level) return false;  // two tones: not one syllable
                tone = d->tone;
                at = letters.size();
            }
            letters.push_back(d->letter);
        } else if (is_word_key(cp)) {
            letters.push_back({cp, Mark::none, false, false});
        } else {
            return false;
        }
    }
    clear();
    letters_ = std::move(letters);
    tone_ = tone;
    tone_at_ = at;
    return true;
}

std::u32string Composer::word32() const {
    std::u32string out;
    out.reserve(letters_.size());
    for (std::size_t i = 0; i < letters_.size(); ++i) {
        out.push_back(render(letters_[i], i == tone_at_ ? tone_ : Tone::level));
    }
    return out;
}

std::string Composer::word() const {
    return to_nfc(encode(word32()));
}

void Composer::clear() {
    std::fill(letters_.begin(), letters_.end(), Letter{});
    letters_.clear();
    std::fill(locked_.begin(), locked_.end(), U'\0');
    locked_.clear();
    tone_ = Tone::level;
    tone_at_ = 0;
}

// ---- compose ----------------------------------------------------------------------------

std::string compose(InputMethod method, std::u32string_view keys, ToneStyle style) {
    Composer c(method, style);
    std::u32string out;
    for (char32_t k : keys) {
        if (!valid_code_point(k)) k = 0xFFFD;
        if (k == U'\b') {
            if (!c.backspace() && !out.empty()) out.pop_back();
            continue;
        }
        if (c.key(k)) continue;
        out += c.word32();  // a boundary commits the word
        c.clear();
        out.push_back(k);
    }
    out += c.word32();
    return to_nfc(encode(out));
}

std::string compose(InputMethod method, std::string_view utf8_keys, ToneStyle style) {
    return compose(method, std::u32string_view(decode_lenient(utf8_keys)), style);
}

}  // namespace quay::text
