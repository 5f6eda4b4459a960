// One word per concept (locale/glossary.json): every string a person reads on screen or
// on the receipt (locale/<lang>/*.json) avoids the banned synonyms, and the chosen word is
// in use. Also the locale layer's counts and money, which the glossary's words rely on.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "quay/locale/locale.hpp"
#include "quay/locale/words.hpp"
#include "quay/text/utf8.hpp"

namespace fs = std::filesystem;
using quay::Language;

namespace {

nlohmann::json glossary() {
    std::ifstream in(fs::path(QUAY_SOURCE_DIR) / "locale" / "glossary.json");
    std::stringstream ss;
    ss << in.rdbuf();
    return nlohmann::json::parse(ss.str());
}

// Letters of Vietnamese and English (and digits): a banned word must not touch one.
bool is_letter(char32_t c) {
    return (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z') ||
           (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x300 && c <= 0x36F) ||
           (c >= 0x1E00 && c <= 0x1EFF);
}

// Where word occurs in text as a whole word (ends that are letters touch no letter);
// after_amount: only right after a digit or a '}', with or without one space between.
bool uses(const std::u32string& text, const std::u32string& word, bool after_amount) {
    for (auto at = text.find(word); at != std::u32string::npos; at = text.find(word, at + 1)) {
        const auto end = at + word.size();
        if (!after_amount && is_letter(word.front()) && at > 0 && is_letter(text[at - 1])) continue;
        if (is_letter(word.back()) && end < text.size() && is_letter(text[end])) continue;
        if (after_amount) {
            auto before = at;
            if (before > 0 && (text[before - 1] == U' ' || text[before - 1] == 0xA0)) --before;
            if (before == 0) continue;
            const char32_t c = text[before - 1];
            if (!(c == U'}' || (c >= U'0' && c <= U'9'))) continue;
        }
        return true;
    }
    return false;
}

std::string lang_name(Language l) {
    return l == Language::vi ? "vi" : "en";
}

}  // namespace

TEST_CASE("the matcher: whole words, amounts") {
    const auto u = [](const char* s) { return quay::text::decode(s); };
    CHECK(uses(u("Bạn cần gì?"), u("Bạn"), false));
    CHECK_FALSE(uses(u("bạnh"), u("bạn"), false));
    CHECK(uses(u("mang phiếu này"), u("phiếu"), false));
    CHECK_FALSE(uses(u("Đồng hồ chưa đồng bộ"), u("đồng"), true));
    CHECK(uses(u("{amount} đồng"), u("đồng"), true));
    CHECK(uses(u("20.000đồng"), u("đồng"), true));
    CHECK(uses(u("20.000₫"), u("₫"), false));
    CHECK_FALSE(uses(u("the counters"), u("counter"), false));
}

TEST_CASE("no locale string uses a banned synonym; every chosen word is in use") {
    const auto locale = quay::locale::Locale::embedded();
    const auto g = glossary();
    REQUIRE(g.at("concepts").size() >= 6);
    for (const auto lang : {Language::vi, Language::en}) {
        const auto& strings = locale.strings(lang);
        const std::string name = lang_name(lang);
        for (const auto& concept_ : g.at("concepts")) {
            const auto chosen = quay::text::decode(concept_.at(name).get<std::string>());
            bool chosen_used = false;
            for (const auto& [key, value] : strings.entries()) {
                const auto text = quay::text::decode(value);
                chosen_used = chosen_used || uses(text, chosen, false);
                for (const char* list : {"banned", "banned_after_amount"}) {
                    if (!concept_.contains(list)) continue;
                    for (const auto& bad : concept_.at(list).at(name)) {
                        const auto word = quay::text::decode(bad.get<std::string>());
                        CHECK_MESSAGE(!uses(text, word, list[6] == '_'),
                                      name << " " << key << " uses \"" << bad.get<std::string>()
                                           << "\" (" << concept_.at("concept").get<std::string>()
                                           << ": say \"" << concept_.at(name).get<std::string>()
                                           << "\")");
                    }
                }
            }
            CHECK_MESSAGE(chosen_used, name << ": no string uses the glossary's \""
                                            << concept_.at(name).get<std::string>() << "\"");
        }
    }
}

TEST_CASE("counts: English singular from the .one key, Vietnamese one form") {
    const auto locale = quay::locale::Locale::embedded();
    const auto& vi = locale.strings(Language::vi);
    const auto& en = locale.strings(Language::en);
    CHECK(quay::locale::count(en, "ui.browse.count", 1) == "1 procedure");
    CHECK(quay::locale::count(en, "ui.browse.count", 3) == "3 procedures");
    CHECK(quay::locale::count(en, "ui.browse.count", 0) == "0 procedures");
    CHECK(quay::locale::count(vi, "ui.browse.count", 1) == "1 thủ tục");
    CHECK(quay::locale::count(vi, "ui.browse.count", 3) == "3 thủ tục");
    CHECK(quay::locale::count(en, "ui.procedure.copies", 1) == "1 copy");
    CHECK(quay::locale::count(en, "ui.procedure.original_and_copies", 2) ==
          "Original and 2 copies");
}

TEST_CASE("money: one formatter, never split across lines") {
    const auto locale = quay::locale::Locale::embedded();
    CHECK(quay::locale::money(locale.strings(Language::vi), 20000) == "20.000\u00A0đ");
    CHECK(quay::locale::money(locale.strings(Language::en), 1234567) == "1,234,567\u00A0VND");
    CHECK(quay::locale::money(locale.strings(Language::vi), 0) == "0\u00A0đ");
    CHECK(quay::locale::group_thousands(-1000, ".") == "-1.000");
}
