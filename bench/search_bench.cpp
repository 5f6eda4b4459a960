// Search latency per keystroke over a synthetic catalogue the size of the national one
// (6,300 procedures), side by side with SQLite FTS5 over the same folded text.
//
//   build/rel/bench/search_bench [procedures] [golden.tsv]
//
// The catalogue grows from the bundled one: its procedures as they are, then copies of
// them (documents, keywords, field and life events kept) under generated names. The
// queries are the search golden set (tests/data/search/golden.tsv), each typed one
// character at a time: every prefix is one "keystroke" search. Prints p50/p99/max per
// engine and the ratio; docs/benchmarks.md has the figures.

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "quay/catalog/loader.hpp"
#include "quay/catalog/search.hpp"
#include "quay/text/utf8.hpp"
#include "search_golden.hpp"

using namespace quay;
using Clock = std::chrono::steady_clock;

namespace {

catalog::Catalog synthetic(std::size_t n) {
    const auto real = catalog::bundled();
    const std::vector<std::string> actions = {"Đăng ký",    "Cấp",         "Cấp lại", "Cấp đổi",
                                              "Gia hạn",    "Xác nhận",    "Thu hồi", "Chứng thực",
                                              "Điều chỉnh", "Công nhận",   "Hỗ trợ",  "Thẩm định",
                                              "Phê duyệt",  "Đăng ký lại", "Hủy bỏ"};
    const std::vector<std::string> objects = {"khai sinh",
                                              "kết hôn",
                                              "khai tử",
                                              "giám hộ",
                                              "thường trú",
                                              "tạm trú",
                                              "giấy phép xây dựng",
                                              "giấy chứng nhận quyền sử dụng đất",
                                              "hộ kinh doanh",
                                              "giấy phép lái xe",
                                              "bản sao trích lục hộ tịch",
                                              "tình trạng hôn nhân",
                                              "hộ nghèo",
                                              "trợ cấp xã hội",
                                              "chứng chỉ hành nghề",
                                              "giấy phép môi trường",
                                              "con nuôi",
                                              "nhận cha, mẹ, con",
                                              "quốc tịch",
                                              "thẻ bảo hiểm y tế",
                                              "giấy phép kinh doanh rượu",
                                              "biển số xe",
                                              "mã số thuế",
                                              "khai thác thủy sản",
                                              "giống cây trồng",
                                              "di tích lịch sử"};
    const std::vector<std::string> qualifiers = {"",
                                                 "có yếu tố nước ngoài",
                                                 "cho người nước ngoài",
                                                 "lưu động",
                                                 "tại cấp xã",
                                                 "tại cấp tỉnh",
                                                 "trường hợp bị mất",
                                                 "trường hợp hư hỏng",
                                                 "cho người khuyết tật",
                                                 "đối với doanh nghiệp",
                                                 "đối với hộ gia đình",
                                                 "theo yêu cầu",
                                                 "trực tuyến một phần"};
    const std::vector<std::string> fields = {
        "Hộ tịch",     "Cư trú",         "Chứng thực",         "Đất đai",
        "Xây dựng",    "Bảo trợ xã hội", "Giao thông vận tải", "Thuế",
        "Nông nghiệp", "Văn hóa"};
    std::mt19937 rng(20261123);
    catalog::Catalog c;
    c.life_events = real.life_events;
    c.procedures.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        catalog::Procedure p = real.procedures[i % real.procedures.size()];
        if (i >= real.procedures.size()) {
            char code[32];
            std::snprintf(code, sizeof code, "%zu.%06zu", 4 + i % 3, 1000 + i);
            p.code = code;
            std::string name =
                actions[rng() % actions.size()] + " " + objects[rng() % objects.size()];
            const auto& q = qualifiers[rng() % qualifiers.size()];
            if (!q.empty()) name += " " + q;
            p.name = {name, ""};
            p.field = {fields[rng() % fields.size()], ""};
            p.documents.push_back(catalog::Document{
                "d", {"Bản sao " + objects[rng() % objects.size()], ""}, false, 1, {}});
        }
        c.procedures.push_back(std::move(p));
    }
    return c;
}

struct Stats {
    double p50, p99, max;
};

Stats stats(std::vector<double> us) {
    std::sort(us.begin(), us.end());
    auto at = [&](double q) { return us[std::min(us.size() - 1, std::size_t(q * us.size()))]; };
    return {at(0.50), at(0.99), us.back()};
}

// The FTS5 side: the same procedures, folded the same way (FTS5's own unicode61 does not
// fold đ), one row per procedure, prefix match on every word, best bm25 first.
class Fts5 {
  public:
    explicit Fts5(const catalog::Catalog& c) {
        sqlite3* raw = nullptr;
        sqlite3_open(":memory:", &raw);
        db_.reset(raw);
        exec("CREATE VIRTUAL TABLE p USING fts5(code UNINDEXED, name, keywords, topic, docs)");
        exec("BEGIN");
        sqlite3_stmt* ins = nullptr;
        sqlite3_prepare_v2(db_.get(), "INSERT INTO p VALUES (?,?,?,?,?)", -1, &ins, nullptr);
        for (const auto& p : c.procedures) {
            std::string docs;
            for (const auto& d : p.documents)
                docs += text::fold_for_search(d.name.vi) + " ";
            const std::string name =
                text::fold_for_search(p.name.vi) + " " + text::fold_for_search(p.name.en);
            std::string keywords;
            for (const auto& k : p.keywords)
                keywords += text::fold_for_search(k) + " ";
            const std::string topic = text::fold_for_search(p.field.vi);
            sqlite3_bind_text(ins, 1, p.code.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(ins, 2, name.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(ins, 3, keywords.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(ins, 4, topic.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(ins, 5, docs.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_step(ins);
            sqlite3_reset(ins);
        }
        sqlite3_finalize(ins);
        exec("COMMIT");
        sqlite3_prepare_v2(
            db_.get(),
            "SELECT code FROM p WHERE p MATCH ? ORDER BY bm25(p, 8.0, 7.0, 3.0, 1.0) LIMIT 20", -1,
            &query_, nullptr);
    }
    ~Fts5() { sqlite3_finalize(query_); }

    std::size_t search(const std::string& folded_query) {
        std::string match;
        std::size_t i = 0;
        while (i < folded_query.size()) {
            const auto end = std::min(folded_query.find(' ', i), folded_query.size());
            if (end > i) match += "\"" + folded_query.substr(i, end - i) + "\"* ";
            i = end + 1;
        }
        if (match.empty()) return 0;
        sqlite3_bind_text(query_, 1, match.c_str(), -1, SQLITE_TRANSIENT);
        std::size_t rows = 0;
        while (sqlite3_step(query_) == SQLITE_ROW)
            ++rows;
        sqlite3_reset(query_);
        return rows;
    }

  private:
    void exec(const char* sql) { sqlite3_exec(db_.get(), sql, nullptr, nullptr, nullptr); }
    struct Close {
        void operator()(sqlite3* d) const { sqlite3_close(d); }
    };
    std::unique_ptr<sqlite3, Close> db_;
    sqlite3_stmt* query_ = nullptr;
};

}  // namespace

int main(int argc, char** argv) {
    const std::size_t n = argc > 1 ? std::stoul(argv[1]) : 6300;
    const auto cat = synthetic(n);
    const std::string golden = argc > 2 ? argv[2] : QUAY_SOURCE_DIR "/tests/data/search/golden.tsv";
    std::vector<std::string> queries;
    for (const auto& g : test::read_search_golden(golden))
        queries.push_back(g.query);

    auto t0 = Clock::now();
    const catalog::SearchIndex index(cat, Language::vi);
    const double build_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    t0 = Clock::now();
    Fts5 fts(cat);
    const double fts_build_ms =
        std::chrono::duration<double, std::milli>(Clock::now() - t0).count();

    std::vector<double> ours, theirs;
    std::size_t sink = 0;
    constexpr int rounds = 5;
    for (int r = 0; r < rounds; ++r) {
        for (const auto& q : queries) {
            const auto cps = text::decode(q);
            for (std::size_t k = 1; k <= cps.size(); ++k) {
                const std::string typed = text::encode(cps.substr(0, k));
                auto a = Clock::now();
                sink += index.search(typed).size();
                ours.push_back(std::chrono::duration<double, std::micro>(Clock::now() - a).count());
                a = Clock::now();
                // FTS5 gets the folding for free: it is part of the query preparation.
                sink += fts.search(text::fold_for_search(typed));
                theirs.push_back(
                    std::chrono::duration<double, std::micro>(Clock::now() - a).count());
            }
        }
    }
    const auto a = stats(ours);
    const auto b = stats(theirs);
    std::printf(
        "search_bench: %zu procedures, %zu queries, %zu keystrokes x %d rounds (sink %zu)\n", n,
        queries.size(), ours.size() / rounds, rounds, sink);
    std::printf("%-22s %10s %10s %10s %12s\n", "engine", "p50 us", "p99 us", "max us", "build ms");
    std::printf("%-22s %10.1f %10.1f %10.1f %12.1f\n", "quay SearchIndex", a.p50, a.p99, a.max,
                build_ms);
    std::printf("%-22s %10.1f %10.1f %10.1f %12.1f\n", "SQLite FTS5 (bm25)", b.p50, b.p99, b.max,
                fts_build_ms);
    std::printf("ratio FTS5/quay: p50 %.2fx, p99 %.2fx\n", b.p50 / a.p50, b.p99 / a.p99);
    return 0;
}
