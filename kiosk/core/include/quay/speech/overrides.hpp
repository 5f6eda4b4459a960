#pragma once
// The pronunciation override file, locale/<lang>/speech/overrides.json (docs/voice.md):
// data, not code, so staff add an abbreviation or a respelling without a programmer.
//   "words":        whole-word replacements, case-sensitive ("UBND" → "Ủy ban nhân dân")
//   "after_number": unit words said only right after a number ("20.000 đ" → "… đồng")
// Kept in a subfolder so the locale loader (locale/<lang>/*.json, flat strings) never
// mistakes it for screen text.

#include <map>
#include <string>
#include <string_view>

#include "quay/language.hpp"

namespace quay::speech {

struct Overrides {
    std::map<std::string, std::string, std::less<>> words;
    std::map<std::string, std::string, std::less<>> after_number;

    // The file's bytes. Throws quay::Error{"bad_speech_overrides"} naming the entry: not
    // UTF-8 or not NFC, an empty key, a key with a space at either end, a value with a
    // digit (the engine must never get digits) or a control character.
    static Overrides parse(std::string_view json_bytes, std::string_view source_name);
    // The file compiled into the binary for lang.
    static Overrides embedded(Language lang);
};

}  // namespace quay::speech
