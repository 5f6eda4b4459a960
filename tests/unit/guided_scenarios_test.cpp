// Scenario goldens: every answer path of the bundled guides -> procedures, documents, fees,
// warnings and skipped fields, as tests/data/guided/scenarios.tsv says. That file is written
// by tests/data/guided/expect.py from the source table, not from the catalogue, so a tree
// that drifts from the sources fails here.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "quay/catalog/guided.hpp"
#include "quay/catalog/loader.hpp"

using namespace quay::catalog;

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    if (s.empty() || s == "-") return out;
    std::stringstream ss(s);
    for (std::string part; std::getline(ss, part, sep);)
        out.push_back(part);
    return out;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

// How many answer paths a guide has (each ends in an outcome or an exit page).
std::size_t paths(const Guide& g, const GuideNode& n) {
    if (n.kind != GuideNodeKind::question) return 1;
    std::size_t total = 0;
    for (const auto& o : n.options)
        total += paths(g, *g.find(o.next));
    return total;
}

struct Actual {
    std::vector<std::string> procedures, documents, fees, warnings, skipped;
};

Actual describe(const Outcome& o) {
    Actual a;
    for (const auto& p : o.procedures)
        a.procedures.push_back(p.procedure);
    for (const auto& d : o.documents) {
        auto s = d.procedure + "/" + d.document->code;
        if (d.name.en != d.document->name.en) s += "=" + d.name.en;  // worded for the case
        a.documents.push_back(s);
    }
    for (const auto& f : o.fees) {
        a.fees.push_back(f.procedure + "/" + f.fee->code + "=" +
                         (f.amount_dong ? std::to_string(*f.amount_dong) : "ask"));
    }
    for (const auto* w : o.warnings)
        a.warnings.push_back(w->code);
    for (const auto& [p, fields] : o.skipped_fields) {
        for (const auto& f : fields)
            a.skipped.push_back(p + "/" + f);
    }
    return a;
}

}  // namespace

TEST_CASE("every answer path of the bundled guides gives the sourced outcome") {
    const auto c = bundled();
    std::ifstream in(QUAY_SOURCE_DIR "/tests/data/guided/scenarios.tsv");
    REQUIRE(in);
    std::map<std::string, std::size_t> per_guide;
    std::size_t rows = 0;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        const auto cols = split(line, '\t');
        REQUIRE(cols.size() == 8);
        CAPTURE(line);
        const Guide* g = c.find_guide(cols[0]);
        REQUIRE(g);
        std::vector<std::string> questions, options;
        for (const auto& qa : split(cols[1], ',')) {
            const auto eq = qa.find('=');
            questions.push_back(qa.substr(0, eq));
            options.push_back(qa.substr(eq + 1));
        }
        const auto w = walk(*g, options);
        CHECK(w.asked == questions);
        REQUIRE(w.finished());
        CHECK(w.node->code == cols[2]);
        const auto a = describe(resolve(c, *g, w));
        CHECK(a.procedures == split(cols[3], ';'));
        CHECK(sorted(a.documents) == sorted(split(cols[4], ';')));
        CHECK(sorted(a.fees) == sorted(split(cols[5], ';')));
        CHECK(sorted(a.warnings) == sorted(split(cols[6], ';')));
        CHECK(sorted(a.skipped) == sorted(split(cols[7], ';')));
        ++per_guide[g->code];
        ++rows;
    }
    CHECK(rows >= 100);
    for (const auto& g : c.guides) {  // every path of every guide is listed
        CAPTURE(g.code);
        CHECK(per_guide[g.code] == paths(g, *g.find(g.start)));
    }
    MESSAGE(rows << " answer paths checked");
}
