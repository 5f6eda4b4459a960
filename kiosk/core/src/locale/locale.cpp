#include "quay/locale/locale.hpp"

#include <nlohmann/json.hpp>

#include "quay/embedded.hpp"
#include "quay/error.hpp"
#include "quay/text/utf8.hpp"

namespace quay::locale {

std::string_view Strings::tr(std::string_view key) const {
    const auto it = entries_.find(key);
    return it == entries_.end() ? key : std::string_view(it->second);
}

Strings Locale::parse(std::string_view json_bytes, std::string_view source_name) {
    const std::string where(source_name);
    if (const auto bad = text::find_invalid_utf8(json_bytes)) {
        throw Error("bad_locale", where + ": invalid UTF-8 at byte " + std::to_string(*bad));
    }
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(json_bytes);
    } catch (const nlohmann::json::exception& e) {  // also a number too large
        throw Error("bad_locale", where + ": " + e.what());
    }
    if (!doc.is_object()) throw Error("bad_locale", where + ": must be one JSON object");
    std::map<std::string, std::string, std::less<>> entries;
    for (const auto& [key, value] : doc.items()) {
        if (!value.is_string()) throw Error("bad_locale", where + ": " + key + " must be a string");
        const auto& s = value.get_ref<const std::string&>();
        if (!text::is_nfc(s)) throw Error("bad_locale", where + ": " + key + " is not NFC");
        entries.emplace(key, s);
    }
    return Strings(std::move(entries));
}

Locale Locale::embedded() {
    Locale l;
    for (const auto lang : {Language::vi, Language::en}) {
        const std::string prefix = "locale/" + std::string(to_string(lang)) + "/";
        std::map<std::string, std::string, std::less<>> merged;
        for (const auto key : embedded::assets::keys()) {
            if (!key.starts_with(prefix)) continue;
            const auto part = parse(*embedded::assets::find(key), key);
            for (const auto& [k, v] : part.entries()) {
                if (!merged.emplace(k, v).second) {
                    throw Error("bad_locale", std::string(key) + ": " + k + " is defined twice");
                }
            }
        }
        if (merged.empty()) throw Error("bad_locale", prefix + " has no strings");
        (lang == Language::vi ? l.vi_ : l.en_) = Strings(std::move(merged));
    }
    return l;
}

std::string format(std::string_view pattern,
                   const std::vector<std::pair<std::string_view, std::string_view>>& args) {
    std::string out;
    out.reserve(pattern.size() + 16);
    for (std::size_t i = 0; i < pattern.size();) {
        if (pattern[i] == '{') {
            const auto close = pattern.find('}', i);
            if (close != std::string_view::npos) {
                const auto name = pattern.substr(i + 1, close - i - 1);
                bool replaced = false;
                for (const auto& [k, v] : args) {
                    if (k == name) {
                        out += v;
                        replaced = true;
                        break;
                    }
                }
                if (replaced) {
                    i = close + 1;
                    continue;
                }
            }
        }
        out.push_back(pattern[i++]);
    }
    return out;
}

}  // namespace quay::locale
