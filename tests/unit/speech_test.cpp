// Voice mode's speech text (quay/speech): number words, digit grouping, the normaliser's
// goldens (tests/data/speech/<lang>.tsv) and what must never reach the engine.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "quay/error.hpp"
#include "quay/locale/locale.hpp"
#include "quay/locale/words.hpp"
#include "quay/speech/normalise.hpp"
#include "quay/speech/number_words.hpp"
#include "quay/text/utf8.hpp"

namespace fs = std::filesystem;
using quay::Language;
using quay::speech::digit_groups;
using quay::speech::Normaliser;
using quay::speech::number_words;

namespace {

// "\u00a0" in a golden file stands for a no-break space; \u0007 for a bell (BEL).
std::string unescape(std::string s) {
    for (const auto& [from, to] :
         {std::pair<std::string, std::string>{"\\u00a0", "\xC2\xA0"}, {"\\u0007", "\x07"}}) {
        for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at)) {
            s.replace(at, from.size(), to);
        }
    }
    return s;
}

struct Golden {
    std::string display;
    std::string said;
};

std::vector<Golden> goldens(std::string_view lang) {
    std::ifstream in(fs::path(QUAY_SOURCE_DIR) / "tests/data/speech" /
                     (std::string(lang) + ".tsv"));
    REQUIRE(in);
    std::vector<Golden> out;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        const auto tab = line.find('\t');
        REQUIRE_MESSAGE(tab != std::string::npos, line);
        out.push_back({unescape(line.substr(0, tab)), line.substr(tab + 1)});
    }
    return out;
}

bool has_ascii_digit(std::string_view s) {
    return s.find_first_of("0123456789") != std::string_view::npos;
}

void check_words(const std::vector<std::pair<std::uint64_t, std::string>>& cases, Language lang) {
    for (const auto& [n, words] : cases) {
        CAPTURE(n);
        CHECK(number_words(n, lang) == words);
    }
}

}  // namespace

TEST_CASE("Vietnamese number words: mốt, lăm, linh, mươi, không trăm") {
    const std::vector<std::pair<std::uint64_t, std::string>> cases = {
        {0, "không"},
        {1, "một"},
        {5, "năm"},
        {10, "mười"},
        {11, "mười một"},
        {15, "mười lăm"},
        {20, "hai mươi"},
        {21, "hai mươi mốt"},
        {24, "hai mươi bốn"},
        {25, "hai mươi lăm"},
        {55, "năm mươi lăm"},
        {100, "một trăm"},
        {101, "một trăm linh một"},
        {105, "một trăm linh năm"},
        {110, "một trăm mười"},
        {115, "một trăm mười lăm"},
        {121, "một trăm hai mươi mốt"},
        {1000, "một nghìn"},
        {1005, "một nghìn không trăm linh năm"},
        {2026, "hai nghìn không trăm hai mươi sáu"},
        {10'000, "mười nghìn"},
        {20'000, "hai mươi nghìn"},
        {1'000'000, "một triệu"},
        {1'500'000, "một triệu năm trăm nghìn"},
        {1'000'005, "một triệu không trăm linh năm"},
        {2'500'000'000, "hai tỷ năm trăm triệu"},
        {1'000'000'000'000, "một nghìn tỷ"},
    };
    check_words(cases, Language::vi);
}

TEST_CASE("English number words") {
    const std::vector<std::pair<std::uint64_t, std::string>> cases = {
        {0, "zero"},
        {13, "thirteen"},
        {21, "twenty-one"},
        {105, "one hundred and five"},
        {1005, "one thousand and five"},
        {2026, "two thousand and twenty-six"},
        {20'000, "twenty thousand"},
        {1'000'000, "one million"},
        {1'234'567,
         "one million two hundred and thirty-four thousand five hundred and sixty-seven"},
        {1'000'000'000'000, "one trillion"},
    };
    check_words(cases, Language::en);
}

TEST_CASE("every number up to 10^12 is said in words, without a digit") {
    for (std::uint64_t n = 0; n <= 1'000'000'000'000;
         n = n < 2000 ? n + 1 : n * 7 + 13) {  // all small ones, then a spread
        for (const auto lang : {Language::vi, Language::en}) {
            const auto w = number_words(n, lang);
            CAPTURE(n);
            CHECK_FALSE(w.empty());
            CHECK_FALSE(has_ascii_digit(w));
            CHECK(quay::text::is_nfc(w));
        }
    }
    CHECK(number_words(1'000'000'000'001, Language::vi) ==
          "một không không, không không không, không không không, không không, không một");
}

TEST_CASE("digit groups: ID 3-3-3-3, phone 4-3-3, never a group above 4 nor a lone digit") {
    using V = std::vector<std::size_t>;
    CHECK(digit_groups(12) == V{3, 3, 3, 3});
    CHECK(digit_groups(10) == V{4, 3, 3});
    CHECK(digit_groups(11) == V{4, 3, 4});
    CHECK(digit_groups(9) == V{3, 3, 3});
    CHECK(digit_groups(4) == V{4});
    CHECK(digit_groups(6) == V{3, 3});
    CHECK(digit_groups(7) == V{4, 3});
    CHECK(digit_groups(13) == V{3, 3, 3, 2, 2});
    for (std::size_t n = 1; n <= 64; ++n) {
        CAPTURE(n);
        const auto g = digit_groups(n);
        std::size_t sum = 0;
        for (const auto len : g) {
            CHECK(len >= 1);
            CHECK(len <= 4);
            if (n > 1) CHECK(len >= 2);
            sum += len;
        }
        CHECK(sum == n);
    }
}

TEST_CASE("dates name the day and the month: mùng for 1..10, tháng tư") {
    CHECK(quay::speech::day_words(5, Language::vi) == "mùng năm");
    CHECK(quay::speech::day_words(10, Language::vi) == "mùng mười");
    CHECK(quay::speech::day_words(11, Language::vi) == "mười một");
    CHECK(quay::speech::month_words(4, Language::vi) == "tháng tư");
    CHECK(quay::speech::month_words(12, Language::vi) == "tháng mười hai");
    CHECK(quay::speech::day_words(1, Language::en) == "first");
    CHECK(quay::speech::day_words(22, Language::en) == "twenty-second");
    CHECK(quay::speech::day_words(30, Language::en) == "thirtieth");
}

TEST_CASE("goldens: display text to speech text (tests/data/speech)") {
    for (const auto lang : {Language::vi, Language::en}) {
        const auto n = Normaliser::embedded(lang);
        const auto cases = goldens(quay::to_string(lang));
        CHECK(cases.size() > 10);
        for (const auto& g : cases) {
            CAPTURE(g.display);
            CHECK(n.text(g.display) == g.said);
            CHECK_FALSE(has_ascii_digit(n.text(g.display)));
        }
    }
}

TEST_CASE("money as locale::money writes it is said in words with the currency") {
    const auto locale = quay::locale::Locale::embedded();
    for (const auto lang : {Language::vi, Language::en}) {
        const auto n = Normaliser::embedded(lang);
        const std::string currency = lang == Language::vi ? " đồng" : " dong";
        for (const std::int64_t amount : {0LL, 5LL, 1000LL, 20'000LL, 105'000LL, 1'500'000LL,
                                          999'999'999LL, 1'000'000'000'000LL}) {
            const auto shown = quay::locale::money(locale.strings(lang), amount);
            CAPTURE(shown);
            CHECK(n.text(shown) ==
                  number_words(static_cast<std::uint64_t>(amount), lang) + currency);
        }
    }
}

TEST_CASE("no known abbreviation reaches the engine raw") {
    for (const auto lang : {Language::vi, Language::en}) {
        const auto overrides = quay::speech::Overrides::embedded(lang);
        const auto n = Normaliser::embedded(lang);
        CHECK(overrides.words.contains("UBND"));
        CHECK(overrides.words.contains("CCCD"));
        for (const auto& [abbr, said] : overrides.words) {
            CAPTURE(abbr);
            const std::string line = "(" + abbr + ") " + abbr + ", " + abbr + ".";
            const auto out = n.text(line);
            CHECK(out.find(said) != std::string::npos);
            // The abbreviation survives only where it is part of its own expansion.
            if (said.find(abbr) == std::string::npos) {
                const std::regex whole("(^|[^\\w])" +
                                       std::regex_replace(abbr, std::regex(R"([.&])"), R"(\$&)") +
                                       "($|[^\\w])");
                CHECK_FALSE(std::regex_search(out, whole));
            }
        }
    }
}

TEST_CASE("the engine never gets a digit, a control character or an unbounded sentence") {
    const auto n = Normaliser::embedded(Language::vi);
    std::string long_text;
    for (int i = 0; i < 200; ++i)
        long_text += "Ông/Bà nhập số định danh 0012040123" + std::to_string(i) + " ";
    long_text += std::string(600, '7') + "\x01\x1f\x7f";
    long_text += "\xE2\x80\x8B\xC2\x85 end";  // zero-width space, C1 NEL
    const auto sentences = n.sentences(long_text);
    CHECK(sentences.size() > 10);
    for (const auto& s : sentences) {
        CHECK_FALSE(s.empty());
        CHECK(quay::text::decode(s).size() <= quay::speech::max_sentence_chars);
        CHECK_FALSE(has_ascii_digit(s));
        for (const char32_t c : quay::text::decode(s)) {
            CHECK(c >= 0x20);
            CHECK_FALSE((c >= 0x7F && c <= 0x9F));
            CHECK(c != 0x200B);
        }
    }
    CHECK(n.sentences("").empty());
    CHECK(n.sentences(" . , ; \n ").empty());
    // NFD input comes out NFC; bytes that are not UTF-8 are an error, never sent.
    CHECK(n.text("Hoa\xCC\x80") == "Hoà");
    // A combining mark after a digit ends up after a word the rules wrote: still NFC.
    CHECK(quay::text::is_nfc(n.text("5\xCC\x81 người")));
    CHECK_THROWS_AS(n.sentences("\xFF\xFE"), quay::Error);
}

TEST_CASE("the override file: staff's entries are checked, mistakes named") {
    using quay::speech::Overrides;
    const auto ok = Overrides::parse(R"({"words": {"VNeID": "vê en e ai đi"}})", "t.json");
    CHECK(ok.words.at("VNeID") == "vê en e ai đi");
    CHECK(ok.after_number.empty());
    for (const char* bad :
         {R"({"words": {"X": "số 1"}})", R"({"words": {" X": "x"}})", R"({"words": {"X": 3}})",
          R"({"word": {}})", R"([1])", R"({"words": {"X": "a\u0007"}})", "{"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(Overrides::parse(bad, "t.json"), quay::Error);
    }
    const quay::speech::Normaliser n(Language::vi, ok, ".");
    CHECK(n.text("Ứng dụng VNeID.") == "Ứng dụng vê en e ai đi.");
}

TEST_CASE("every screen text (locale/) can be spoken: no digit, no raw known abbreviation") {
    const auto locale = quay::locale::Locale::embedded();
    for (const auto lang : {Language::vi, Language::en}) {
        const auto n = Normaliser::embedded(lang);
        const auto overrides = quay::speech::Overrides::embedded(lang);
        std::size_t spoken = 0;
        for (const auto& [key, shown] : locale.strings(lang).entries()) {
            CAPTURE(key);
            const auto said = n.text(shown);
            CHECK_FALSE(has_ascii_digit(said));
            for (const auto& [abbr, expansion] : overrides.words) {
                if (abbr.size() < 3 || expansion.find(abbr) != std::string::npos) continue;
                CHECK(said.find(" " + abbr + " ") == std::string::npos);
            }
            spoken += said.empty() ? 0 : 1;
        }
        CHECK(spoken > 100);
    }
}
