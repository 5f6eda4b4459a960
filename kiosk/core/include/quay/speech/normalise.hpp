#pragma once
// Display text → the text the speech engine says (voice mode, docs/voice.md). The one
// owner of how a screen's words are read aloud:
//   - identifiers (ID numbers, phone numbers, receipt codes) digit by digit in groups of at
//     most four, so the engine never gets a digit string (espeak-ng garbles long ones);
//   - dates (DD/MM/YYYY, YYYY-MM-DD), times (HH:MM), counts and money in words;
//   - abbreviations and respellings from the override file (quay/speech/overrides.hpp);
//   - NFC, no control characters, cut into sentences of bounded length.
// The result holds no ASCII digit.

#include <string>
#include <string_view>
#include <vector>

#include "quay/language.hpp"
#include "quay/speech/overrides.hpp"

namespace quay::speech {

// The longest sentence handed to the engine, in code points: longer text is cut at a
// comma or a space so one utterance never grows without bound.
inline constexpr std::size_t max_sentence_chars = 240;

class Normaliser {
  public:
    // thousands_separator: how the language groups amounts on screen (money.thousands_separator
    // in locale/, "." for vi and "," for en), so "20.000" is one number.
    Normaliser(Language lang, Overrides overrides, std::string_view thousands_separator);
    // The compiled-in override file and the locale's separator for lang.
    static Normaliser embedded(Language lang);

    // The sentences to say, in order, each non-empty and at most max_sentence_chars long.
    // Throws quay::Error{"invalid_utf8"} on bytes that are not UTF-8.
    std::vector<std::string> sentences(std::string_view display_text) const;
    // The sentences joined by a space (goldens, logs).
    std::string text(std::string_view display_text) const;

    Language language() const { return lang_; }

    // An override entry, its key decoded (matched on code points).
    struct Entry {
        std::u32string key;
        std::string said;
    };

  private:
    Language lang_;
    std::vector<Entry> words_;  // longest key first, so "TP.HCM" wins over "TP."
    std::vector<Entry> units_;
    char32_t separator_;
};

}  // namespace quay::speech
