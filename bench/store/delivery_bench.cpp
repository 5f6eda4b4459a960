// Delivery benchmarks against the portal simulator on loopback (docs/benchmarks.md):
//  (b) drain throughput: N queued dossiers delivered by the in-process delivery::Sender
//      (default parallel transfers), dossiers/s from run() start to idle;
//  (c) peak RSS of `quayctl deliver --until-idle` (getrusage of the child) with a small
//      and a large queue, to show memory does not grow with the queue.
// Queues are built with one Store::submit and then cloned in one SQL transaction (new
// dossier_id and receipt_code, body rewritten to match), because 50,000 fsynced submits
// would take minutes and measure the disk, not delivery. Prints figures; never fails on time.
//
//   delivery_bench [DRAIN_N] [RSS_N] [RSS_TIMEOUT_S]   (defaults 10000 50000 3600)
//   RSS_N 0: the drains only. The drain runs twice, the path before batching (one
//   transaction per claim and per outcome) then the batched one; QUAY_BENCH_ROUNDS=N
//   repeats the pair, QUAY_BENCH_BATCHED_ONLY=1 skips the old path, QUAY_BENCH_PARALLEL=N
//   sets the transfers (default 4, the kiosk's). fsyncs per dossier:
//   run under `strace -f -y -e trace=fsync,fdatasync -o LOG` and count the LOG lines
//   naming each bench-drain-*/kiosk directory.
//
// With a timeout, `quayctl deliver` stops there (exit 3) and the figures cover what it
// delivered by then (the portal count says how much).

#include <curl/curl.h>
#include <fcntl.h>
#include <sodium.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "fixture.hpp"
#include "kiosk.hpp"
#include "quay/catalog/loader.hpp"
#include "quay/delivery/sender.hpp"
#include "quay/store/store.hpp"
#include "sim.hpp"
#include "temp_dir.hpp"

extern char** environ;

using namespace quay;
using Steady = std::chrono::steady_clock;

namespace {

std::string uuid_v4() {
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
    char out[37];
    std::snprintf(out, sizeof out,
                  "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
                  b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
                  b[14], b[15]);
    return out;
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
    for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
        s.replace(pos, from.size(), to);
}

void check(sqlite3* db, int rc, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

// A queue of n pending dossiers in the kiosk's data directory: one real submit, n-1 clones.
void fill_queue(const testing::Kiosk& kiosk, std::size_t n) {
    const auto config = config::load_file(kiosk.config());
    const auto active = catalog::load_active(config);
    SystemClock clock;
    std::string id, code, body;
    {
        auto store = store::Store::open(config, clock);
        const auto s = store.submit(kiosk.draft(0), active.catalog, config.kiosk.id);
        id = s.dossier_id;
        code = s.receipt_code;
        body = *store.get(id)->body;
    }
    sqlite3* db = nullptr;
    const auto file = config.kiosk.data_dir / "quay.db";
    check(db, sqlite3_open(file.c_str(), &db), "open");
    check(db, sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), "begin");
    sqlite3_stmt* ins = nullptr;
    check(db,
          sqlite3_prepare_v2(
              db,
              "INSERT INTO dossiers (dossier_id, receipt_code, procedure_code, catalog_version, "
              "state, created_at, created_ms, applicant_name, body) SELECT ?1, ?2, "
              "procedure_code, catalog_version, 'pending', created_at, created_ms, "
              "applicant_name, ?3 FROM dossiers WHERE dossier_id = ?4",
              -1, &ins, nullptr),
          "prepare");
    for (std::size_t i = 1; i < n; ++i) {
        // Receipt numbers are 4 digits a day: spread the clones over days of 2025.
        const int day = static_cast<int>(i / 9000);
        const int month = 1 + day / 28, mday = 1 + day % 28;
        char rc[64];
        std::snprintf(rc, sizeof rc, "%s-25%02d%02d-%04d", config.kiosk.id.c_str(), month, mday,
                      static_cast<int>(i % 9000) + 1);
        const std::string new_id = uuid_v4();
        std::string b = body;
        replace_all(b, id, new_id);
        replace_all(b, code, rc);
        sqlite3_bind_text(ins, 1, new_id.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 2, rc, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 3, b.data(), static_cast<int>(b.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 4, id.c_str(), -1, SQLITE_TRANSIENT);
        check(db, sqlite3_step(ins), "insert");
        sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    check(db, sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), "commit");
    sqlite3_close(db);
}

void drain(std::size_t n, bool batch) {
    testing::TempDir dir("bench-drain");
    testing::Sim sim(
        testing::make_subdir(dir.path(), "portal"),
        testing::SimOptions().with_tokens("bench-token\n").with_args({"--threads", "8"}));
    testing::Kiosk kiosk(testing::make_subdir(dir.path(), "kiosk"), sim.url(), "bench-token");
    fill_queue(kiosk, n);
    const auto config = config::load_file(kiosk.config());
    SystemClock clock;
    delivery::SenderOptions options;
    options.poll_interval = std::chrono::milliseconds(50);
    options.batch = batch;
    if (const char* p = std::getenv("QUAY_BENCH_PARALLEL")) options.parallel = std::atoi(p);
    delivery::Sender sender(config, clock, options);
    const auto t0 = Steady::now();
    const auto end = sender.run(true);
    const double s = std::chrono::duration<double>(Steady::now() - t0).count();
    auto store = store::Store::open(config, clock);
    const auto sum = store.summary();
    std::printf(
        "drain (%s): %zu dossiers, %lld delivered (end=%d, portal has %lld) in %.2f s = %.0f "
        "dossiers/s (parallel %d)\n",
        batch ? "batched" : "one transaction per change", n, static_cast<long long>(sum.delivered),
        static_cast<int>(end), static_cast<long long>(sim.dossier_count()), s,
        static_cast<double>(n) / s, options.parallel);
}

void rss(std::size_t n, const std::string& timeout_s) {
    testing::TempDir dir("bench-rss");
    testing::Sim sim(
        testing::make_subdir(dir.path(), "portal"),
        testing::SimOptions().with_tokens("bench-token\n").with_args({"--threads", "8"}));
    testing::Kiosk kiosk(testing::make_subdir(dir.path(), "kiosk"), sim.url(), "bench-token");
    fill_queue(kiosk, n);
    const std::string bin = testing::quayctl_binary().string();
    const std::string cfg = kiosk.config().string();
    std::vector<std::string> args = {bin,         "--config", cfg, "deliver", "--until-idle",
                                     "--timeout", timeout_s};
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const auto t0 = Steady::now();
    if (posix_spawn(&pid, bin.c_str(), &fa, nullptr, argv.data(), environ) != 0)
        throw std::runtime_error("cannot start " + bin);
    posix_spawn_file_actions_destroy(&fa);
    int status = 0;
    rusage ru{};
    if (::wait4(pid, &status, 0, &ru) != pid) throw std::runtime_error("wait4");
    const double s = std::chrono::duration<double>(Steady::now() - t0).count();
    std::printf(
        "quayctl deliver --until-idle: %zu queued, exit %d, portal has %lld, %.2f s "
        "(%.0f delivered/s), peak RSS %ld KiB (%.1f MiB)\n",
        n, WIFEXITED(status) ? WEXITSTATUS(status) : -1,
        static_cast<long long>(sim.dossier_count()), s,
        static_cast<double>(sim.dossier_count()) / s, ru.ru_maxrss,
        static_cast<double>(ru.ru_maxrss) / 1024.0);
}

}  // namespace

int main(int argc, char** argv) {
    if (sodium_init() < 0) return 1;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const std::size_t drain_n = argc > 1 ? std::stoul(argv[1]) : 10000;
    const std::size_t rss_n = argc > 2 ? std::stoul(argv[2]) : 50000;
    const std::string rss_timeout = argc > 3 ? argv[3] : "3600";
    // The path before batching and the batched one, interleaved in the same run (the
    // shared machine's disk speed drifts; compare neighbours).
    const int rounds =
        std::getenv("QUAY_BENCH_ROUNDS") ? std::atoi(std::getenv("QUAY_BENCH_ROUNDS")) : 1;
    for (int r = 0; r < rounds; ++r) {
        if (!std::getenv("QUAY_BENCH_BATCHED_ONLY")) drain(drain_n, false);
        drain(drain_n, true);
    }
    if (rss_n == 0) return 0;
    rss(1000, rss_timeout);
    rss(rss_n, rss_timeout);
    return 0;
}
