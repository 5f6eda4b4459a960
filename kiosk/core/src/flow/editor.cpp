#include "quay/flow/editor.hpp"

#include <algorithm>

#include "quay/text/utf8.hpp"

namespace quay::flow {

void TextEditor::begin(std::string_view value, EditMode mode, std::size_t max_chars) {
    wipe();
    value_ = text::to_nfc(value);
    mode_ = mode;
    max_chars_ = max_chars;
}

std::size_t TextEditor::length() const {
    return text::decode(value_).size();
}

void TextEditor::key(char32_t c) {
    if (length() >= max_chars_) return;
    text::append_utf8(value_, c);
    value_ = text::to_nfc(value_);
}

void TextEditor::space() {
    if (length() >= max_chars_) return;
    value_ += ' ';
}

void TextEditor::backspace() {
    auto cps = text::decode(value_);
    if (cps.empty()) return;
    cps.pop_back();
    std::fill(value_.begin(), value_.end(), '\0');
    value_ = text::encode(cps);
}

void TextEditor::tone(Tone) {}

void TextEditor::insert(std::string_view t) {
    for (char32_t c : text::decode(text::to_nfc(t))) {
        if (c == U'\n' || c == U'\r' || c == U'\t') continue;
        key(c);
    }
}

void TextEditor::clear() {
    wipe();
}

void TextEditor::wipe() {
    std::fill(value_.begin(), value_.end(), '\0');
    value_.clear();
}

}  // namespace quay::flow
