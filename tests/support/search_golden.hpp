#pragma once
// The search golden set (tests/data/search/golden.tsv): queries as people type them, each
// with the procedure codes that answer it. Read by tests/unit/search_golden_test.cpp and
// by bench/search_bench.cpp (its keystrokes are every prefix of every query).

#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace quay::test {

struct GoldenQuery {
    std::string query;
    std::vector<std::string> expected;  // any one of them in the top 3 is a pass
    std::string kind;                   // name, plain, telex, typo, colloquial, en, code
};

inline std::vector<GoldenQuery> read_search_golden(const std::string& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot open " + file);
    std::vector<GoldenQuery> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const auto t1 = line.find('\t');
        const auto t2 = line.find('\t', t1 + 1);
        if (t1 == std::string::npos || t2 == std::string::npos)
            throw std::runtime_error(file + ": not three tab-separated columns: " + line);
        GoldenQuery g{line.substr(0, t1), {}, line.substr(t2 + 1)};
        const auto codes = line.substr(t1 + 1, t2 - t1 - 1);
        for (std::size_t i = 0; i <= codes.size();) {
            const auto comma = std::min(codes.find(',', i), codes.size());
            g.expected.push_back(codes.substr(i, comma - i));
            i = comma + 1;
        }
        out.push_back(std::move(g));
    }
    return out;
}

}  // namespace quay::test
