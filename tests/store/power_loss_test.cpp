// Power cuts through an in-memory VFS that loses what was not synced (power_loss_vfs.hpp):
// open the store, submit dossiers, cut the power at a seeded random VFS call (or while
// idle after the last submit), reboot, and check that every acknowledged dossier is there
// exactly once, that no receipt code is ever handed out twice, and that integrity_check is
// ok. Half the submits are liên thông bundles of two dossiers: after every cut a bundle is
// there whole or not at all. QUAY_POWER_CUTS sets the count (default 10,000),
// QUAY_POWER_SEED the seed.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "power_loss_vfs.hpp"
#include "quay/store/store.hpp"
#include "raw_query.hpp"
#include "temp_dir.hpp"
#include "test_catalog.hpp"

using namespace quay;
using test::PowerLossVfs;

namespace {

std::int64_t env_or(const char* name, std::int64_t fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::strtoll(v, nullptr, 10) : fallback;
}

ManualClock make_clock() {
    return ManualClock(std::chrono::system_clock::time_point(std::chrono::seconds(1795338902)));
}

// What a reboot finds: a fresh connection (it rolls back a hot journal, as the store would).
struct AfterBoot {
    std::string integrity;
    std::multiset<std::string> dossier_ids;
    std::map<std::string, std::int64_t> bundle_sizes;  // bundle_id -> dossiers found
};

AfterBoot look(const std::string& vfs, const std::filesystem::path& file) {
    AfterBoot out;
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                            vfs.c_str()) == SQLITE_OK);
    auto query = [db](const char* sql, auto&& row) { test::raw_query(db, sql, row); };
    auto text = [](sqlite3_stmt* st) {
        return std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    };
    query("PRAGMA integrity_check", [&](sqlite3_stmt* st) { out.integrity += text(st); });
    bool has_table = false;
    query("SELECT 1 FROM sqlite_master WHERE name = 'dossiers'",
          [&](sqlite3_stmt*) { has_table = true; });
    if (has_table) {
        query("SELECT dossier_id FROM dossiers",
              [&](sqlite3_stmt* st) { out.dossier_ids.insert(text(st)); });
        query(
            "SELECT json_extract(body, '$.bundle_id'), count(*) FROM dossiers "
            "WHERE json_extract(body, '$.bundle_id') IS NOT NULL GROUP BY 1",
            [&](sqlite3_stmt* st) { out.bundle_sizes[text(st)] = sqlite3_column_int64(st, 1); });
    }
    sqlite3_close(db);
    return out;
}

struct Outcome {
    std::int64_t cuts = 0;
    std::int64_t acknowledged = 0;
    std::int64_t lost = 0;        // acknowledged, then missing after a cut
    std::int64_t duplicated = 0;  // present more than once
    std::int64_t reused = 0;      // a receipt code handed out twice
    std::int64_t damaged = 0;     // integrity_check not ok
    std::int64_t partial = 0;     // a bundle found with some of its dossiers only
    std::int64_t bundles = 0;     // bundles acknowledged
    std::int64_t idle_cuts = 0;   // cuts after the last submit returned
    std::string first_problem;
    bool ok() const { return lost + duplicated + reused + damaged + partial == 0; }
};

// Each "life" starts from an empty disk so the file stays small and the run fast.
constexpr std::int64_t cuts_per_life = 50;

Outcome run(std::uint64_t seed, store::Synchronous sync, std::int64_t cuts) {
    test::TempDir dir;
    PowerLossVfs vfs("quay-power-loss", seed);
    const ManualClock clock = make_clock();
    const catalog::Catalog catalog = test::bundle_catalog();
    const nlohmann::json draft = test::sample_draft();
    const nlohmann::json bundle = test::sample_bundle();
    const auto bundle_size = static_cast<std::int64_t>(bundle["drafts"].size());
    std::mt19937_64 rng(seed * 0x9e3779b97f4a7c15ULL + 1);
    store::Options options;
    options.vfs = vfs.name();
    options.synchronous = sync;
    options.queue_numbers = true;  // its counter commits with the dossier, like the code's
    Outcome out;
    std::vector<std::string> acked;
    std::set<std::string> codes;
    std::set<std::string> tickets;  // "<field> <queue number>": one day (the clock stands)
    auto problem = [&](const std::string& what) {
        if (out.first_problem.empty())
            out.first_problem = "cut " + std::to_string(out.cuts) + ": " + what;
    };
    for (; out.cuts < cuts; ++out.cuts) {
        if (out.cuts % cuts_per_life == 0) {
            vfs.wipe();
            acked.clear();
            codes.clear();
            tickets.clear();
        }
        const int submits = 1 + static_cast<int>(rng() % 4);
        vfs.cut_after(
            static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(40 * submits + 30)));
        try {
            std::optional<store::Store> s;
            s.emplace(store::Store::open(dir.path(), clock, options));
            for (int i = 0; i < submits; ++i) {
                std::vector<store::Submitted> done;
                if (rng() % 2) {
                    done = s->submit_bundle(bundle, catalog, "K01").dossiers;
                    ++out.bundles;
                } else {
                    done.push_back(s->submit(draft, catalog, "K01"));
                }
                for (const store::Submitted& r : done) {
                    ++out.acknowledged;
                    acked.push_back(r.dossier_id);
                    if (!codes.insert(r.receipt_code).second) {
                        ++out.reused;
                        problem("receipt code " + r.receipt_code + " handed out twice");
                    }
                    const std::string ticket =
                        r.queue_field + " " + std::to_string(r.queue_number.value_or(0));
                    if (!r.queue_number || !tickets.insert(ticket).second) {
                        ++out.reused;
                        problem("queue number " + ticket + " handed out twice (or none)");
                    }
                }
            }
            if (!vfs.cut()) ++out.idle_cuts;
            vfs.cut_now();  // while the store is still open and idle
        } catch (const store::StorageError&) {
            // The cut came inside open or submit: that call was not acknowledged.
        }
        vfs.cut_now();
        vfs.power_on();
        const AfterBoot seen = look(vfs.name(), dir.path() / "quay.db");
        if (seen.integrity != "ok") {
            ++out.damaged;
            problem("integrity_check: " + seen.integrity);
            acked.clear();  // a damaged file cannot be checked further: start a new life
            vfs.wipe();
            codes.clear();
            tickets.clear();
            continue;
        }
        for (const auto& [bundle_id, n] : seen.bundle_sizes) {
            if (n != bundle_size) {
                ++out.partial;
                problem("bundle " + bundle_id + " has " + std::to_string(n) + " of " +
                        std::to_string(bundle_size) + " dossiers");
            }
        }
        std::vector<std::string> still;
        for (const std::string& id : acked) {
            const auto n = seen.dossier_ids.count(id);
            if (n == 0) {
                ++out.lost;  // counted once
                problem("acknowledged dossier " + id + " lost");
                continue;
            }
            still.push_back(id);
            if (n > 1) {
                ++out.duplicated;
                problem("dossier " + id + " present " + std::to_string(n) + " times");
            }
        }
        acked = std::move(still);
    }
    return out;
}

std::string describe(const Outcome& o, std::uint64_t seed) {
    std::ostringstream s;
    s << "seed " << seed << " (QUAY_POWER_SEED), cuts " << o.cuts << ", acknowledged "
      << o.acknowledged << ", idle cuts " << o.idle_cuts << ", lost " << o.lost << ", duplicated "
      << o.duplicated << ", reused codes " << o.reused << ", damaged " << o.damaged << ", bundles "
      << o.bundles << ", partial bundles " << o.partial << "; first: " << o.first_problem;
    return s.str();
}

}  // namespace

TEST_CASE("no acknowledged dossier or receipt code is lost at any power cut (synchronous=EXTRA)") {
    const auto seed = static_cast<std::uint64_t>(env_or("QUAY_POWER_SEED", 20261205));
    const std::int64_t cuts = env_or("QUAY_POWER_CUTS", 10000);
    const Outcome o = run(seed, store::Synchronous::extra, cuts);
    INFO(describe(o, seed));
    MESSAGE(describe(o, seed));
    CHECK(o.ok());
    CHECK(o.cuts == cuts);
    // The run must have exercised both kinds of cut and acknowledged plenty.
    CHECK(o.idle_cuts > cuts / 10);
    CHECK(o.acknowledged > cuts);
    CHECK(o.bundles > cuts / 4);
}

TEST_CASE("the harness finds the lost commit of synchronous=FULL (journal unlink not synced)") {
    const auto seed = static_cast<std::uint64_t>(env_or("QUAY_POWER_SEED", 20261205));
    const Outcome o = run(seed, store::Synchronous::full, 200);
    MESSAGE(describe(o, seed));
    CHECK(o.lost + o.reused > 0);
    CHECK(o.damaged == 0);
}

TEST_CASE("a power cut right after submit returns keeps the dossier and its receipt number") {
    test::TempDir dir;
    PowerLossVfs vfs("quay-power-loss-one", 1);
    const ManualClock clock = make_clock();
    store::Options options;
    options.vfs = vfs.name();
    std::string first_code;
    {
        store::Store s = store::Store::open(dir.path(), clock, options);
        first_code = s.submit(test::sample_draft(), test::small_catalog(), "K01").receipt_code;
        vfs.cut_now();
    }
    vfs.power_on();
    store::Store s = store::Store::open(dir.path(), clock, options);
    CHECK(s.find_by_receipt(first_code).has_value());
    const std::string second =
        s.submit(test::sample_draft(), test::small_catalog(), "K01").receipt_code;
    CHECK(second != first_code);
}

TEST_CASE("fsyncs per submit: EXTRA syncs the directory after the journal's unlink") {
    const ManualClock clock = make_clock();
    for (const auto sync : {store::Synchronous::full, store::Synchronous::extra}) {
        test::TempDir dir;
        PowerLossVfs vfs("quay-power-loss-count", 1);
        store::Options options;
        options.vfs = vfs.name();
        options.synchronous = sync;
        store::Store s = store::Store::open(dir.path(), clock, options);
        s.submit(test::sample_draft(), test::small_catalog(), "K01");
        const std::int64_t files = vfs.file_syncs();
        const std::int64_t dirs = vfs.dir_syncs();
        constexpr int n = 20;
        for (int i = 0; i < n; ++i)
            s.submit(test::sample_draft(), test::small_catalog(), "K01");
        const double file_per = double(vfs.file_syncs() - files) / n;
        const double dir_per = double(vfs.dir_syncs() - dirs) / n;
        MESSAGE(std::string(sync == store::Synchronous::extra ? "EXTRA" : "FULL")
                << ": file fsyncs per submit " << file_per << ", directory fsyncs " << dir_per);
        CHECK(dir_per == (sync == store::Synchronous::extra ? 2 : 1));
    }
}
