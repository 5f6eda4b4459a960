#include "quay/flow/editor.hpp"

#include <algorithm>

#include "quay/text/utf8.hpp"

namespace quay::flow {
namespace {

// The value holds personal data: overwrite the old bytes before replacing them.
void replace(std::string& dst, std::string src) {
    std::fill(dst.begin(), dst.end(), '\0');
    dst = std::move(src);
}

std::size_t chars(std::string_view utf8) {
    return text::decode(utf8).size();
}

bool valid_code_point(char32_t c) {
    return c <= 0x10FFFF && (c < 0xD800 || c > 0xDFFF);
}

// One letter in upper case (đ → Đ, ư → Ư); anything else as it is.
char32_t capital(char32_t c) {
    std::string s;
    text::append_utf8(s, c);
    const auto up = text::decode(text::to_upper(s));
    return up.size() == 1 ? up.front() : c;
}

}  // namespace

void TextEditor::begin(std::string_view value, EditMode mode, std::size_t max_chars,
                       Capitalise capitalise) {
    wipe();
    committed_ = text::to_nfc(value);
    value_ = committed_;
    mode_ = mode;
    max_chars_ = max_chars;
    capitalise_ = capitalise;
}

bool TextEditor::next_upper() const {
    if (capitalise_ != Capitalise::words || !composer_.empty()) return false;
    const auto cps = text::decode(committed_);
    return cps.empty() || !composer_.is_word_key(cps.back());
}

void TextEditor::set_method(InputMethod m) {
    commit();  // a method switch is a word boundary
    composer_.set_method(m);
}

void TextEditor::commit() {
    if (composer_.empty()) return;
    replace(committed_, value_);
    composer_.clear();
}

bool TextEditor::render(const text::Composer& next) {
    std::string v = text::to_nfc(committed_ + next.word());
    if (chars(v) > max_chars_ && chars(v) > chars(value_)) {
        std::fill(v.begin(), v.end(), '\0');
        return false;
    }
    composer_ = next;
    replace(value_, std::move(v));
    return true;
}

void TextEditor::append_plain(char32_t c) {
    if (chars(value_) >= max_chars_) return;
    std::string v = value_;
    text::append_utf8(v, c);
    replace(committed_, text::to_nfc(v));
    std::fill(v.begin(), v.end(), '\0');
    value_ = committed_;
}

void TextEditor::key(char32_t c) {
    if (!valid_code_point(c)) return;  // never lets invalid UTF-8 into the value
    if (next_upper()) c = capital(c);
    if (mode_ == EditMode::vietnamese) {
        text::Composer next = composer_;
        if (next.key(c)) {
            render(next);
            return;
        }
        commit();
    }
    append_plain(c);
}

void TextEditor::space() {
    commit();
    append_plain(U' ');
}

void TextEditor::backspace() {
    if (!composer_.empty()) {
        text::Composer next = composer_;
        next.backspace();
        render(next);
        return;
    }
    auto cps = text::decode(value_);
    if (cps.empty()) return;
    cps.pop_back();
    replace(committed_, text::encode(cps));
    std::fill(cps.begin(), cps.end(), U'\0');
    value_ = committed_;
}

void TextEditor::tone(Tone t) {
    if (mode_ != EditMode::vietnamese) return;
    text::Composer next = composer_;
    std::string before = committed_;
    if (next.empty()) {
        // The word right before the cursor becomes current again; after a space there is
        // none and the tone bar does nothing.
        const auto cps = text::decode(committed_);
        std::size_t start = cps.size();
        while (start > 0 && next.is_word_key(cps[start - 1]))
            --start;
        if (start == cps.size() || !next.load(std::u32string_view(cps).substr(start))) return;
        before = text::encode(std::u32string_view(cps).substr(0, start));
    }
    if (!next.tone(t)) return;
    std::swap(committed_, before);
    if (!render(next)) std::swap(committed_, before);
    std::fill(before.begin(), before.end(), '\0');
}

void TextEditor::insert(std::string_view t) {
    commit();
    for (char32_t c : text::decode(text::to_nfc(t))) {
        if (c == U'\n' || c == U'\r' || c == U'\t' || !valid_code_point(c)) continue;
        append_plain(c);
    }
}

void TextEditor::clear() {
    wipe();
}

void TextEditor::wipe() {
    composer_.clear();
    std::fill(committed_.begin(), committed_.end(), '\0');
    committed_.clear();
    std::fill(value_.begin(), value_.end(), '\0');
    value_.clear();
}

}  // namespace quay::flow
