#pragma once
// Editing of the one focused field. Vietnamese fields go through the Telex/VNI composer
// (the on-screen keyboard's keys are keystrokes, the tone bar places a tone); codes,
// digits and PINs are typed as they are. The value is NFC at every step.

#include <cstddef>
#include <string>
#include <string_view>

#include "quay/text/compose.hpp"

namespace quay::flow {

using text::InputMethod;
using text::Tone;  // tone bar buttons, in the order the bar shows them
enum class EditMode { vietnamese, plain };
// words: a person's name; the first letter of every word is typed as a capital, so
// "nguyễn văn đức" tapped without Shift gives "Nguyễn Văn Đức".
enum class Capitalise { none, words };

class TextEditor {
  public:
    void begin(std::string_view value, EditMode mode, std::size_t max_chars,
               Capitalise capitalise = Capitalise::none);
    void set_method(InputMethod m);  // commits the word being composed
    InputMethod method() const { return composer_.method(); }
    void set_tone_style(text::ToneStyle s) { composer_.set_style(s); }

    // A key of the keyboard (letter, digit, punctuation). In a Vietnamese field letters
    // (and VNI digits) are composed into the current word; anything else commits it.
    void key(char32_t c);
    void space();
    // In the word being composed: removes its last letter, keeping the tone if a vowel
    // remains (Việt → Việ). Otherwise the last character.
    void backspace();
    void tone(Tone t);                   // tone bar: on the word before the cursor
    void insert(std::string_view text);  // text from a physical keyboard: taken as it is
    void clear();

    const std::string& value() const { return value_; }
    // The next letter starts a word of a name and will be a capital (the keyboard shows
    // its letters so).
    bool next_upper() const;
    void wipe();  // overwrites the text before forgetting it

  private:
    void commit();
    bool render(const text::Composer& next);  // false (nothing changed) past max_chars
    void append_plain(char32_t c);
    std::string committed_;  // the text before the word being composed (NFC)
    text::Composer composer_;
    std::string value_;  // committed_ + the composed word, NFC
    EditMode mode_ = EditMode::vietnamese;
    std::size_t max_chars_ = 200;
    Capitalise capitalise_ = Capitalise::none;
};

}  // namespace quay::flow
