// The golden set against the bundled catalogue: the right procedure in the top 3 for at
// least 95 % of the queries people type (issue 13). Prints every miss and the rate.
#include <doctest/doctest.h>

#include <cstdio>
#include <map>

#include "../support/search_golden.hpp"
#include "quay/catalog/loader.hpp"
#include "quay/catalog/search.hpp"

using namespace quay;

TEST_CASE("golden queries: the right procedure in the top 3 for at least 95 %") {
    const auto golden = test::read_search_golden(QUAY_SOURCE_DIR "/tests/data/search/golden.tsv");
    REQUIRE(golden.size() >= 200);
    const auto cat = catalog::bundled();
    for (const auto& g : golden) {
        for (const auto& code : g.expected)
            REQUIRE_MESSAGE(cat.find(code) != nullptr, g.query, " expects unknown ", code);
    }
    const catalog::SearchIndex index(cat, Language::vi);
    std::size_t hits = 0;
    std::map<std::string, std::pair<int, int>> by_kind;  // kind -> (hits, total)
    for (const auto& g : golden) {
        const auto found = index.search(g.query, 3);
        bool ok = false;
        for (const auto& h : found) {
            for (const auto& code : g.expected)
                ok = ok || h.procedure->code == code;
        }
        auto& [kh, kt] = by_kind[g.kind];
        ++kt;
        if (ok) {
            ++hits;
            ++kh;
            continue;
        }
        std::string got;
        for (const auto& h : found)
            got += " " + h.procedure->code;
        std::printf("miss: %-45s want %s, top 3:%s\n", g.query.c_str(), g.expected[0].c_str(),
                    got.empty() ? " (nothing)" : got.c_str());
    }
    for (const auto& [kind, n] : by_kind)
        std::printf("  %-10s %3d / %3d\n", kind.c_str(), n.first, n.second);
    const double rate = 100.0 * static_cast<double>(hits) / static_cast<double>(golden.size());
    std::printf("golden: %zu / %zu in the top 3 = %.1f %%\n", hits, golden.size(), rate);
    CHECK(rate >= 95.0);
}
