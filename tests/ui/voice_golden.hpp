#pragma once
// The voice journeys' app and goldens: one line per step, "name<TAB>what the engine was given".
// QUAY_UPDATE_GOLDENS=1 rewrites the file instead of comparing.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "kiosk.hpp"
#include "quay/flow/kiosk.hpp"
#include "quay/locale/locale.hpp"
#include "quay/speech/normalise.hpp"

namespace quay::test {

// The app as a script runs it, on the fixed test clock.
inline kiosk_app::Options headless_options(const std::filesystem::path& config) {
    kiosk_app::Options o;
    o.config = config;
    o.headless = true;
    o.fixed_clock = true;
    return o;
}

// The sentences given to the engine, as one golden field.
inline std::string joined(const std::vector<std::string>& sentences) {
    std::string out;
    for (const auto& s : sentences)
        out += (out.empty() ? "" : " | ") + s;
    return out;
}

inline void check_voice_golden(const std::string& name, const std::vector<std::string>& got) {
    const auto golden = std::filesystem::path(QUAY_SOURCE_DIR) / "tests/data/voice" / name;
    const char* update = std::getenv("QUAY_UPDATE_GOLDENS");
    if (update != nullptr && std::string(update) == "1") {
        std::filesystem::create_directories(golden.parent_path());
        std::ofstream out(golden);
        for (const auto& line : got)
            out << line << "\n";
        return;
    }
    std::ifstream in(golden);
    REQUIRE_MESSAGE(in.good(), "no golden " << golden << ": QUAY_UPDATE_GOLDENS=1 makes it");
    std::string line;
    std::size_t i = 0;
    while (std::getline(in, line)) {
        REQUIRE(i < got.size());
        CHECK(got[i] == line);
        ++i;
    }
    CHECK(i == got.size());
}

// Every item the keys can reach on the screen shown has a name the engine can say: the
// spoken name (flow::spoken_name) survives normalising ("+" alone would not).
inline void check_spoken_names(const flow::Kiosk& f, const std::string& where) {
    static const auto loc = locale::Locale::embedded();
    static const auto vi = speech::Normaliser::embedded(Language::vi);
    static const auto en = speech::Normaliser::embedded(Language::en);
    const Language lang = f.session().language;
    const auto& norm = lang == Language::vi ? vi : en;
    CHECK_MESSAGE(!f.screen_items().empty(), where << ": no items");
    for (const auto& item : f.screen_items()) {
        const auto name = flow::spoken_name(item, loc.strings(lang));
        CHECK_MESSAGE(!norm.text(name).empty(),
                      where << ": " << item.id << " (\"" << item.label << "\") says nothing");
    }
}

}  // namespace quay::test
