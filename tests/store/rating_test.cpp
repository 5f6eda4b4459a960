// The one-tap rating (docs/receipts.md "Rating"): counts per local day and value only, in
// a table with no other column and no rowid; only completed days are read out, and the
// heartbeat carries them.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <set>

#include "quay/delivery/heartbeat.hpp"
#include "quay/store/store.hpp"
#include "raw_query.hpp"
#include "temp_dir.hpp"

using namespace quay;

namespace {

// 2026-11-22 09:15:02 UTC (16:15 in Hà Nội)
ManualClock make_clock() {
    return ManualClock(std::chrono::system_clock::time_point(std::chrono::seconds(1795338902)));
}

}  // namespace

TEST_CASE("ratings are counted per day; today's counts are not read out until it is over") {
    test::TempDir dir;
    auto clock = make_clock();
    auto store = store::Store::open(dir.path(), clock);
    for (const int v : {4, 4, 3, 1})
        store.rate(v);
    CHECK_THROWS_AS(store.rate(0), Error);
    CHECK_THROWS_AS(store.rate(5), Error);
    CHECK(store.rating_days(7).empty());  // today is not over

    clock.advance(std::chrono::hours(24));
    store.rate(2);
    auto days = store.rating_days(7);
    REQUIRE(days.size() == 1);
    CHECK(days[0].day == "2026-11-22");
    CHECK(days[0].counts == std::array<std::int64_t, 4>{1, 0, 1, 2});

    // The heartbeat sends the same counts.
    delivery::HeartbeatInfo info;
    delivery::read_store(info, store);
    const auto body = delivery::heartbeat_body(info);
    REQUIRE(body.at("ratings").size() == 1);
    CHECK(body.at("ratings")[0].at("day") == "2026-11-22");
    CHECK(body.at("ratings")[0].at("counts") == nlohmann::json::array({1, 0, 1, 2}));

    clock.advance(std::chrono::hours(24 * 8));  // out of the 7-day window
    CHECK(store.rating_days(7).empty());
    CHECK(store.rating_days(9).size() == 2);
}

TEST_CASE("the rating table holds a day, a value and a count: nothing to join a dossier by") {
    test::TempDir dir;
    auto clock = make_clock();
    {
        auto store = store::Store::open(dir.path(), clock);
        store.rate(3);
        store.rate(3);
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((dir.path() / "quay.db").c_str(), &db) == SQLITE_OK);
    std::set<std::string> columns;
    test::raw_query(db, "PRAGMA table_info(rating_counts)", [&](sqlite3_stmt* st) {
        columns.insert(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
    });
    CHECK(columns == std::set<std::string>{"day", "value", "count"});
    // WITHOUT ROWID: no hidden insertion order either.
    sqlite3_stmt* st = nullptr;
    CHECK(sqlite3_prepare_v2(db, "SELECT rowid FROM rating_counts", -1, &st, nullptr) != SQLITE_OK);
    sqlite3_finalize(st);
    std::int64_t rows = 0;
    test::raw_query(db, "SELECT day, value, count FROM rating_counts", [&](sqlite3_stmt* s) {
        ++rows;
        CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, 0))) ==
              "2026-11-22");
        CHECK(sqlite3_column_int64(s, 1) == 3);
        CHECK(sqlite3_column_int64(s, 2) == 2);
    });
    CHECK(rows == 1);
    sqlite3_close(db);
}
