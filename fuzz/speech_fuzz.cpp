// Voice mode's speech text (quay/speech/normalise.hpp): any bytes that are UTF-8 give
// sentences that are NFC, non-empty, at most max_sentence_chars long, without an ASCII
// digit or a control character; bytes that are not UTF-8 are an error. Never a crash.
// Byte 0 picks the language.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "quay/error.hpp"
#include "quay/speech/normalise.hpp"
#include "quay/text/utf8.hpp"

namespace {

void check(bool ok) {
    if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    static const auto vi = quay::speech::Normaliser::embedded(quay::Language::vi);
    static const auto en = quay::speech::Normaliser::embedded(quay::Language::en);
    const auto& n = data[0] % 2 == 0 ? vi : en;
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    std::vector<std::string> sentences;
    try {
        sentences = n.sentences(text);
    } catch (const quay::Error&) {
        check(!quay::text::is_valid_utf8(text));
        return 0;
    }
    for (const auto& s : sentences) {
        check(!s.empty() && quay::text::is_nfc(s));
        const auto cps = quay::text::decode(s);
        check(cps.size() <= quay::speech::max_sentence_chars);
        for (const char32_t c : cps)
            check(c >= 0x20 && !(c >= 0x7F && c <= 0x9F) && !(c >= '0' && c <= '9'));
    }
    return 0;
}
