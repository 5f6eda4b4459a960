#include "quay/speech/overrides.hpp"

#include <nlohmann/json.hpp>

#include "quay/embedded.hpp"
#include "quay/error.hpp"
#include "quay/text/utf8.hpp"

namespace quay::speech {

namespace {

[[noreturn]] void fail(std::string_view where, const std::string& what) {
    throw Error("bad_speech_overrides", std::string(where) + ": " + what);
}

bool has_digit_or_control(std::string_view s) {
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if ((c >= '0' && c <= '9') || u < 0x20 || u == 0x7F) return true;
    }
    return false;
}

std::map<std::string, std::string, std::less<>> entries(const nlohmann::json& doc,
                                                        const std::string& section,
                                                        std::string_view where) {
    std::map<std::string, std::string, std::less<>> out;
    const auto it = doc.find(section);
    if (it == doc.end()) return out;
    if (!it->is_object()) fail(where, section + " must be an object");
    for (const auto& [key, value] : it->items()) {
        const std::string name = section + "." + key;
        if (!value.is_string()) fail(where, name + " must be a string");
        const auto& said = value.get_ref<const std::string&>();
        if (key.empty() || text::trim(key) != key) fail(where, name + ": key must be trimmed");
        if (!text::is_nfc(key) || !text::is_nfc(said)) fail(where, name + " is not NFC");
        if (has_digit_or_control(key) || has_digit_or_control(said)) {
            fail(where, name + ": no digits or control characters (numbers are said in words)");
        }
        out.emplace(key, said);
    }
    return out;
}

}  // namespace

Overrides Overrides::parse(std::string_view json_bytes, std::string_view source_name) {
    if (const auto bad = text::find_invalid_utf8(json_bytes)) {
        fail(source_name, "invalid UTF-8 at byte " + std::to_string(*bad));
    }
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(json_bytes);
    } catch (const nlohmann::json::exception& e) {  // also a number too large
        fail(source_name, e.what());
    }
    if (!doc.is_object()) fail(source_name, "must be one JSON object");
    for (const auto& [key, value] : doc.items()) {
        if (key != "words" && key != "after_number") fail(source_name, key + ": unknown key");
    }
    return {entries(doc, "words", source_name), entries(doc, "after_number", source_name)};
}

Overrides Overrides::embedded(Language lang) {
    const std::string key = "speech/" + std::string(to_string(lang)) + ".json";
    const auto bytes = embedded::assets::find(key);
    if (!bytes) throw Error("bad_speech_overrides", key + " is not compiled in");
    return parse(*bytes, key);
}

}  // namespace quay::speech
