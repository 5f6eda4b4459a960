// Telex/VNI composer and the field editor: any bytes, any key sequence give valid NFC
// UTF-8, never a crash. Byte 0 picks the method and the tone style; the rest are keys.
// For the editor, bytes 0x01-0x06 press the tone bar, 0x08 is Backspace, 0x7f switches
// method; its value also stays within max_chars.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "quay/flow/editor.hpp"
#include "quay/text/compose.hpp"
#include "quay/text/utf8.hpp"

namespace {

using quay::text::InputMethod;

// Every Vietnamese letter the engine writes is precomposed: keys without a combining mark
// must never produce one.
bool combining_free(std::string_view utf8) {
    for (char32_t c : quay::text::decode(utf8)) {
        if (c >= 0x0300 && c <= 0x036F) return false;
    }
    return true;
}

void check(bool ok) {
    if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const auto method = (data[0] & 1) ? InputMethod::vni : InputMethod::telex;
    const auto style =
        (data[0] & 2) ? quay::text::ToneStyle::modern : quay::text::ToneStyle::traditional;
    const std::string_view keys(reinterpret_cast<const char*>(data + 1), size - 1);

    const std::string out = quay::text::compose(method, keys, style);
    check(quay::text::is_nfc(out));
    bool ascii = true;
    for (char k : keys)
        ascii &= static_cast<unsigned char>(k) < 0x80;
    if (ascii) check(combining_free(out));

    // The editor, key by key, with a small limit so it is reached.
    const std::size_t max_chars = 1 + (data[0] >> 2);
    quay::flow::TextEditor e;
    e.begin("", quay::flow::EditMode::vietnamese, max_chars);
    e.set_method(method);
    e.set_tone_style(style);
    for (std::size_t i = 1; i < size; ++i) {
        const auto b = data[i];
        if (b >= 1 && b <= 6) {
            e.tone(static_cast<quay::text::Tone>(b - 1));
        } else if (b == 0x08) {
            e.backspace();
        } else if (b == 0x7f) {
            e.set_method(e.method() == InputMethod::telex ? InputMethod::vni : InputMethod::telex);
        } else if (b == ' ') {
            e.space();
        } else if (b >= 0xF0 && i + 3 < size) {
            // four bytes as one code point, valid or not: key() must cope with both
            const char32_t cp = static_cast<char32_t>(data[i + 1]) << 16 |
                                static_cast<char32_t>(data[i + 2]) << 8 | data[i + 3];
            e.key(cp);
            i += 3;
        } else {
            e.key(b);
        }
        check(quay::text::is_nfc(e.value()));
        check(quay::text::decode(e.value()).size() <= max_chars);
    }
    e.wipe();
    check(e.value().empty());
    return 0;
}
