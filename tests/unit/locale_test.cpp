// Every key the code looks up with tr("...") exists in every language, and every string
// is NFC; both files carry the same keys.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "quay/locale/locale.hpp"
#include "quay/text/utf8.hpp"

namespace fs = std::filesystem;

namespace {

std::set<std::string> keys_used_in_sources() {
    std::set<std::string> keys;
    // tr("key") and count(strings, "key", n) / c.count("key", n) (quay/locale/words.hpp).
    const std::regex tr_call(R"(\b(?:tr|count)\((?:\s*[a-z_.()]+,)?\s*"([^"]+)\")");
    for (const char* dir : {"kiosk", "drivers", "tools"}) {
        const fs::path root = fs::path(QUAY_SOURCE_DIR) / dir;
        if (!fs::exists(root)) continue;
        for (const auto& e : fs::recursive_directory_iterator(root)) {
            const auto ext = e.path().extension();
            if (ext != ".cpp" && ext != ".hpp") continue;
            std::ifstream in(e.path());
            std::stringstream ss;
            ss << in.rdbuf();
            const std::string src = ss.str();
            for (std::sregex_iterator it(src.begin(), src.end(), tr_call), end; it != end; ++it) {
                keys.insert((*it)[1]);
            }
        }
    }
    return keys;
}

}  // namespace

TEST_CASE("locale files are complete, NFC and agree with each other") {
    const auto locale = quay::locale::Locale::embedded();
    const auto& vi = locale.strings(quay::Language::vi);
    const auto& en = locale.strings(quay::Language::en);
    for (const auto& key : keys_used_in_sources()) {
        CHECK_MESSAGE(vi.has(key), "missing in vi: " << key);
        CHECK_MESSAGE(en.has(key), "missing in en: " << key);
    }
    for (const auto& [k, v] : vi.entries())
        CHECK_MESSAGE(en.has(k), "missing in en: " << k);
    // A ".one" key is the singular of a count (locale::count): only languages whose nouns
    // change with the count carry it, and its plural key exists in every language.
    for (const auto& [k, v] : en.entries()) {
        if (k.ends_with(".one")) {
            CHECK_MESSAGE(vi.has(k.substr(0, k.size() - 4)), "plural missing in vi: " << k);
        } else {
            CHECK_MESSAGE(vi.has(k), "missing in vi: " << k);
        }
    }
    for (const auto& [k, v] : vi.entries())
        CHECK(quay::text::is_nfc(v));
    CHECK(vi.tr("common.back") == "Quay lại");
    CHECK(en.tr("common.back") == "Back");
}

TEST_CASE("locale parsing rejects what translators could break") {
    CHECK_THROWS(quay::locale::Locale::parse("{\"a\": 1}", "x.json"));
    CHECK_THROWS(quay::locale::Locale::parse("[\"a\"]", "x.json"));
    CHECK_THROWS(quay::locale::Locale::parse("{\"a\": \"Vie\xcc\x82t\"}", "x.json"));  // NFD
    CHECK_THROWS(quay::locale::Locale::parse("{\"a\": \"\xff\"}", "x.json"));
    CHECK(quay::locale::format("Mã {code}: {code}", {{"code", "K1"}}) == "Mã K1: K1");
    CHECK(quay::locale::format("{x} {unknown}", {{"x", "1"}}) == "1 {unknown}");
}
