// Submit latency: Store::submit (validate, NFC, ids, body, receipt counter, one
// transaction, synchronous=EXTRA, rollback journal) against the floor of that design, a bare
// SQLite INSERT + COMMIT of a row of the same size with the same pragmas, in the same
// directory (same disk), interleaved in the same run so both see the same disk weather.
// A third line: Store::submit with synchronous=FULL, the cost of EXTRA's directory fsync.
// Prints p50/p99/max of each and the ratios. Never passes or fails on time.
//
//   store_submit_bench [DIR] [ITERATIONS]     (DIR: default ./store-bench-data, on the disk
//                                              to measure; it is removed afterwards)

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "quay/store/store.hpp"
#include "test_catalog.hpp"  // the store tests' catalogue and draft

using namespace quay;
using Steady = std::chrono::steady_clock;

namespace {

double ms(Steady::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

void check(sqlite3* db, int rc, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE)
        throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

// The floor: one table, one row per transaction, the store's pragmas.
class Bare {
  public:
    explicit Bare(const std::filesystem::path& file) {
        check(db_, sqlite3_open(file.c_str(), &db_), "open");
        exec("PRAGMA journal_mode = DELETE");
        exec("PRAGMA synchronous = FULL");
        exec("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
        check(db_, sqlite3_prepare_v2(db_, "INSERT INTO t (body) VALUES (?)", -1, &ins_, nullptr),
              "prepare");
    }
    ~Bare() {
        sqlite3_finalize(ins_);
        sqlite3_close(db_);
    }
    Bare(const Bare&) = delete;
    Bare& operator=(const Bare&) = delete;
    void insert(const std::string& body) {
        exec("BEGIN IMMEDIATE");
        sqlite3_bind_text(ins_, 1, body.data(), static_cast<int>(body.size()), SQLITE_STATIC);
        check(db_, sqlite3_step(ins_), "insert");
        sqlite3_reset(ins_);
        exec("COMMIT");
    }

  private:
    void exec(const char* sql) {
        check(db_, sqlite3_exec(db_, sql, nullptr, nullptr, nullptr), sql);
    }
    sqlite3* db_ = nullptr;
    sqlite3_stmt* ins_ = nullptr;
};

void report(const char* name, const std::vector<double>& v) {
    std::printf("%-28s p50 %7.3f ms   p99 %7.3f ms   max %7.3f ms\n", name, percentile(v, 0.5),
                percentile(v, 0.99), *std::max_element(v.begin(), v.end()));
}

}  // namespace

int main(int argc, char** argv) {
    const std::filesystem::path dir = argc > 1 ? argv[1] : "store-bench-data";
    const int iterations = argc > 2 ? std::atoi(argv[2]) : 1000;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const auto cat = test::small_catalog();
    SystemClock clock;
    {
        auto store = store::Store::open(dir / "store", clock);
        store::Options full_options;
        full_options.synchronous = store::Synchronous::full;
        auto full = store::Store::open(dir / "store-full", clock, full_options);
        Bare bare(dir / "bare.db");
        // The bare row carries the exact body the store writes (same row size).
        const auto first = store.submit(test::sample_draft(), cat, "K0042");
        const std::string body = *store.get(first.dossier_id)->body;
        bare.insert(body);

        std::vector<double> submit_ms, full_ms, bare_ms;
        for (int i = 0; i < iterations; ++i) {
            auto t0 = Steady::now();
            store.submit(test::sample_draft(), cat, "K0042");
            submit_ms.push_back(ms(Steady::now() - t0));
            t0 = Steady::now();
            full.submit(test::sample_draft(), cat, "K0042");
            full_ms.push_back(ms(Steady::now() - t0));
            t0 = Steady::now();
            bare.insert(body);
            bare_ms.push_back(ms(Steady::now() - t0));
        }
        std::printf("store_submit_bench: %d iterations, body %zu bytes, dir %s, SQLite %s\n",
                    iterations, body.size(), std::filesystem::absolute(dir).c_str(),
                    sqlite3_libversion());
        report("Store::submit (EXTRA)", submit_ms);
        report("Store::submit (FULL)", full_ms);
        report("bare INSERT+COMMIT (FULL)", bare_ms);
        std::printf("ratio submit/bare: p50 %.2fx   p99 %.2fx\n",
                    percentile(submit_ms, 0.5) / percentile(bare_ms, 0.5),
                    percentile(submit_ms, 0.99) / percentile(bare_ms, 0.99));
    }
    std::filesystem::remove_all(dir);
    return 0;
}
