// TextEditor in a Vietnamese field: keys go through the composer, Backspace and the tone
// bar act on the current word, plain fields are typed as they are.
#include <doctest/doctest.h>

#include <string_view>

#include "quay/flow/editor.hpp"
#include "quay/text/utf8.hpp"

using namespace quay::flow;

namespace {

void keys(TextEditor& e, std::u32string_view ks) {
    for (char32_t k : ks) {
        if (k == U' ')
            e.space();
        else if (k == U'\b')
            e.backspace();
        else
            e.key(k);
    }
}

TextEditor editor(EditMode mode = EditMode::vietnamese, std::size_t max = 200) {
    TextEditor e;
    e.begin("", mode, max);
    return e;
}

}  // namespace

TEST_CASE("editor: Telex keys compose, space commits") {
    auto e = editor();
    CHECK(e.method() == InputMethod::telex);
    keys(e, U"Nguyeenx Vawn Ann");
    CHECK(e.value() == "Nguyễn Văn Ann");
    keys(e, U" tieengs Vieejt, 1990");
    CHECK(e.value() == "Nguyễn Văn Ann tiếng Việt, 1990");
    CHECK(quay::text::is_nfc(e.value()));
}

TEST_CASE("editor: keys cannot reach back into a committed word") {
    auto e = editor();
    keys(e, U"an s");  // s after a space is a new word
    CHECK(e.value() == "an s");
    e.begin("Viet", EditMode::vietnamese, 200);  // focusing a field is a boundary too
    keys(e, U"j");
    CHECK(e.value() == "Vietj");
}

TEST_CASE("editor: VNI, and switching method commits the word") {
    auto e = editor();
    e.set_method(InputMethod::vni);
    keys(e, U"d9u7o7ng2 so61 12");
    CHECK(e.value() == "đường số 12");
    keys(e, U" a");
    e.set_method(InputMethod::telex);
    keys(e, U"s");
    CHECK(e.value() == "đường số 12 as");  // the s did not reach the committed a
    CHECK(e.method() == InputMethod::telex);
}

TEST_CASE("editor: Backspace removes the last letter of the word, tone kept") {
    auto e = editor();
    keys(e, U"VIEETJ");
    CHECK(e.value() == "VIỆT");
    e.backspace();
    CHECK(e.value() == "VIỆ");
    keys(e, U"t");
    CHECK(e.value() == "VIỆt");
    keys(e, U"\b\b\b\b");
    CHECK(e.value().empty());
    e.backspace();  // nothing left: nothing happens
    CHECK(e.value().empty());

    keys(e, U"loanj");
    CHECK(e.value() == "loạn");
    e.backspace();
    CHECK(e.value() == "lọa");
    keys(e, U"n");
    CHECK(e.value() == "loạn");  // the word is still being composed

    keys(e, U" \b");  // after the space: plain delete of the space
    CHECK(e.value() == "loạn");
    e.backspace();
    CHECK(e.value() == "loạ");
}

TEST_CASE("editor: tone bar on the current word and on the word before the cursor") {
    auto e = editor();
    keys(e, U"Nguyeen");
    e.tone(Tone::tilde);
    CHECK(e.value() == "Nguyễn");
    e.tone(Tone::acute);  // another tone replaces it
    CHECK(e.value() == "Nguyến");
    e.tone(Tone::level);  // level removes it
    CHECK(e.value() == "Nguyên");
    keys(e, U" hoa");
    e.tone(Tone::grave);
    CHECK(e.value() == "Nguyên hòa");

    e.set_tone_style(quay::text::ToneStyle::modern);
    keys(e, U" thuy");
    e.tone(Tone::hook);
    CHECK(e.value() == "Nguyên hòa thuỷ");

    // A value written before focusing: the tone bar makes its last word current again.
    e.begin("Pham Van Dung", EditMode::vietnamese, 200);
    e.tone(Tone::dot);
    CHECK(e.value() == "Pham Van Dụng");
    keys(e, U"\b");
    CHECK(e.value() == "Pham Van Dụn");
    e.begin("Trần Văn An ", EditMode::vietnamese, 200);
    e.tone(Tone::acute);  // after a space there is no word before the cursor
    CHECK(e.value() == "Trần Văn An ");
    e.begin("abc 123", EditMode::vietnamese, 200);
    e.tone(Tone::acute);  // digits in Telex are no word
    CHECK(e.value() == "abc 123");
    e.begin("Nguyễn", EditMode::vietnamese, 200);
    e.tone(Tone::grave);
    CHECK(e.value() == "Nguyền");
}

TEST_CASE("editor: max_chars counts the composed text") {
    auto e = editor(EditMode::vietnamese, 4);
    keys(e, U"Vieejt");
    CHECK(e.value() == "Việt");  // ee and j change letters, not the length
    keys(e, U"n");               // a fifth letter does not fit
    CHECK(e.value() == "Việt");
    e.space();
    CHECK(e.value() == "Việt");
    auto f = editor(EditMode::vietnamese, 2);
    keys(f, U"aas");  // â, then the tone: still one letter
    CHECK(f.value() == "ấ");
}

TEST_CASE("editor: plain fields are typed as they are") {
    auto e = editor(EditMode::plain, 20);
    keys(e, U"dd-aas 19");
    CHECK(e.value() == "dd-aas 19");
    e.tone(Tone::acute);  // no tone bar in a plain field
    CHECK(e.value() == "dd-aas 19");
    e.backspace();
    CHECK(e.value() == "dd-aas 1");
}

TEST_CASE("editor: physical keyboard text, odd code points, wipe") {
    auto e = editor();
    keys(e, U"Vieet");
    e.insert("nam\tss");  // taken as it is, after committing the word
    CHECK(e.value() == "Viêtnamss");
    e.key(0xD800);     // a surrogate: ignored, the value stays valid UTF-8
    e.key(0x110000);   // beyond Unicode: ignored
    e.key(U'\u0301');  // a combining mark composes with what is before it
    CHECK(e.value() == "Viêtnamsś");
    CHECK(quay::text::is_nfc(e.value()));
    e.wipe();
    CHECK(e.value().empty());
    keys(e, U"as");
    CHECK(e.value() == "á");  // nothing of the old word survived the wipe
}

TEST_CASE("editor: a name capitalises each word's first letter, Telex and letter keys alike") {
    TextEditor e;
    e.begin("", EditMode::vietnamese, 100, Capitalise::words);
    CHECK(e.next_upper());
    keys(e, U"nguyeenx thij");
    CHECK(e.value() == "Nguyễn Thị");
    keys(e, U" đ");  // a letter key: đ → Đ
    CHECK(e.value() == "Nguyễn Thị Đ");
    CHECK_FALSE(e.next_upper());
    keys(e, U"\b\b");  // back over the space: the next letter continues "Thị"
    CHECK(e.value() == "Nguyễn Thị");
    CHECK_FALSE(e.next_upper());
    keys(e, U" ư");
    CHECK(e.value() == "Nguyễn Thị Ư");

    e.begin("", EditMode::vietnamese, 100);  // not a name: as typed
    CHECK_FALSE(e.next_upper());
    keys(e, U"thoon");
    CHECK(e.value() == "thôn");
}
