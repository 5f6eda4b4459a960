#pragma once
// Every string a person sees comes from locale/<lang>/<area>.json: flat "key": "text" files
// (the "JSON key-value" format translation tools such as Weblate read). Code looks strings
// up with tr(KEY); tests/unit/locale_test.cpp checks every key passed to tr in the sources
// exists in every language and that every string is NFC.

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "quay/language.hpp"

namespace quay::locale {

class Strings {
  public:
    Strings() = default;
    explicit Strings(std::map<std::string, std::string, std::less<>> entries)
        : entries_(std::move(entries)) {}

    // The text for key; a missing key returns the key itself (visible, never a crash).
    std::string_view tr(std::string_view key) const;
    bool has(std::string_view key) const { return entries_.find(key) != entries_.end(); }
    const std::map<std::string, std::string, std::less<>>& entries() const { return entries_; }

  private:
    std::map<std::string, std::string, std::less<>> entries_;
};

class Locale {
  public:
    // The strings compiled into the binary. Throws quay::Error if a file is invalid.
    static Locale embedded();
    // Parses one locale file's bytes (validated UTF-8, must be NFC, values must be strings).
    static Strings parse(std::string_view json_bytes, std::string_view source_name);

    const Strings& strings(Language lang) const { return lang == Language::vi ? vi_ : en_; }

  private:
    Strings vi_;
    Strings en_;
};

// Replaces {name} placeholders: format("Mã {code}", {{"code", "K1"}}) == "Mã K1".
std::string format(std::string_view pattern,
                   const std::vector<std::pair<std::string_view, std::string_view>>& args);

}  // namespace quay::locale
