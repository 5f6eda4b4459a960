#pragma once
// Telex and VNI composition for the on-screen keyboard (spec: docs/vietnamese-input.md).
// Keystrokes become Vietnamese letters, always NFC. Only the current word is composed;
// a space, punctuation or any other non-word key commits it. A modifier that would not
// give a Vietnamese syllable is typed as a plain key, so codes and English words survive.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quay::text {

// plain: every key is typed as it is (English, codes); the tone bar still works.
enum class InputMethod { telex, vni, plain };
// Tone bar buttons, in the order the bar shows them. level = no tone (removes one).
enum class Tone { level, acute, grave, hook, tilde, dot };
// Where the tone of oa / oe / uy without a final goes: traditional "hòa, thủy, Ủy" (Unikey
// and ibus-bamboo default, usual in government text) or modern "hoà, thuỷ, Uỷ".
enum class ToneStyle { traditional, modern };

// The whole keystroke sequence as one string. U+0008 is Backspace (deletes the last
// letter of the current word, or the last character once the word is committed).
// Invalid UTF-8 or invalid code points become U+FFFD; the result is always NFC UTF-8.
std::string compose(InputMethod method, std::u32string_view keys,
                    ToneStyle style = ToneStyle::traditional);
std::string compose(InputMethod method, std::string_view utf8_keys,
                    ToneStyle style = ToneStyle::traditional);

// The current word, fed one key at a time. It keeps letters with their marks and one tone
// for the whole word; the tone's vowel is recomputed after every change.
class Composer {
  public:
    explicit Composer(InputMethod method = InputMethod::telex,
                      ToneStyle style = ToneStyle::traditional)
        : method_(method), style_(style) {}
    Composer(const Composer&) = default;
    Composer& operator=(const Composer&) = default;
    ~Composer() { clear(); }

    InputMethod method() const { return method_; }
    ToneStyle style() const { return style_; }
    void set_method(InputMethod m);  // commits: a method switch is a word boundary
    void set_style(ToneStyle s) { style_ = s; }

    // True when c belongs to a word for this method (letters; digits in VNI).
    bool is_word_key(char32_t c) const;
    // Feeds one key. Returns false, changing nothing, for a non-word key: the caller then
    // commits word() and types the key itself.
    bool key(char32_t c);
    // Removes the last letter with its marks; the tone stays if a vowel remains.
    // False when the word is already empty.
    bool backspace();
    // Tone bar: puts t on the word (level removes the tone). False without a vowel or
    // when the word cannot take one.
    bool tone(Tone t);
    // Makes an already written word current again (the tone bar on the word before the
    // cursor). False, changing nothing, when the text is not one word with at most one tone.
    bool load(std::u32string_view word);

    bool empty() const { return letters_.empty(); }
    std::u32string word32() const;
    std::string word() const;  // NFC UTF-8
    void clear();              // forgets the word, overwriting it first

    enum class Mark : std::uint8_t { none, circumflex, breve, horn, stroke };
    struct Letter {
        char32_t c = 0;  // a-z lower case for letters the engine knows; else as typed
        Mark mark = Mark::none;
        bool upper = false;
        bool from_w = false;  // ư typed as a lone Telex w: undoing it gives back "w"
    };

  private:
    bool tone_key(char32_t k, char32_t typed);
    bool mark_key(char32_t k, char32_t typed);
    void push_plain(char32_t k, char32_t typed);
    bool valid() const;
    void normalize();
    void place();

    InputMethod method_;
    ToneStyle style_;
    std::vector<Letter> letters_;
    Tone tone_ = Tone::level;
    std::size_t tone_at_ = 0;  // the vowel that shows the tone
    std::u32string locked_;    // keys undone in this word: typed as letters from now on
};

}  // namespace quay::text
