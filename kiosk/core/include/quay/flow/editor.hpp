#pragma once
// Editing of the one focused field. Vietnamese fields go through the Telex/VNI composer
// (the on-screen keyboard's keys are keystrokes, the tone bar places a tone); codes,
// digits and PINs are typed as they are. The value is NFC at every step.

#include <cstddef>
#include <string>
#include <string_view>

namespace quay::flow {

enum class InputMethod { telex, vni };
enum class EditMode { vietnamese, plain };
// Tone bar buttons, in the order the bar shows them.
enum class Tone { level, acute, grave, hook, tilde, dot };

class TextEditor {
  public:
    void begin(std::string_view value, EditMode mode, std::size_t max_chars);
    void set_method(InputMethod m) { method_ = m; }
    InputMethod method() const { return method_; }

    void key(char32_t c);  // a key of the keyboard (letter, digit, punctuation)
    void space();
    void backspace();
    void tone(Tone t);                   // tone bar: on the current word
    void insert(std::string_view text);  // text from a physical keyboard: taken as it is
    void clear();

    const std::string& value() const { return value_; }
    void wipe();  // overwrites the text before forgetting it

  private:
    std::size_t length() const;
    std::string value_;
    EditMode mode_ = EditMode::vietnamese;
    InputMethod method_ = InputMethod::telex;
    std::size_t max_chars_ = 200;
};

}  // namespace quay::flow
