// The rollback rule (docs/updates.md): after an OS update rolls back, the older app runs on
// a store the newer app already migrated. Every migration must be additive, and an app
// must keep taking, delivering and reading dossiers on a store with a newer schema.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <string>

#include "quay/store/schema.hpp"
#include "quay/store/store.hpp"
#include "raw_query.hpp"
#include "temp_dir.hpp"
#include "test_catalog.hpp"

using namespace quay;

namespace {

std::string upper(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return out;
}

void exec(const std::filesystem::path& file, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    CHECK_MESSAGE(rc == SQLITE_OK, (err ? err : ""));
    sqlite3_free(err);
    sqlite3_close(db);
}

}  // namespace

TEST_CASE("every migration only adds: no DROP, RENAME or NOT NULL column without a DEFAULT") {
    const std::regex not_null_no_default(R"(ADD\s+COLUMN\s+[^,;]*NOT\s+NULL(?![^,;]*DEFAULT))");
    int n = 0;
    for (const auto m : store::schema_migrations()) {
        ++n;
        const auto sql = upper(m);
        CAPTURE(n);
        CHECK(sql.find("DROP ") == std::string::npos);
        CHECK(sql.find("RENAME") == std::string::npos);
        CHECK(sql.find("DELETE FROM") == std::string::npos);
        CHECK_FALSE(std::regex_search(sql, not_null_no_default));
    }
    CHECK(n >= 6);
}

TEST_CASE("after a rollback the older app keeps working on the newer app's store") {
    test::TempDir dir;
    ManualClock clock(std::chrono::system_clock::time_point(std::chrono::seconds(1795338902)));
    const auto cat = test::small_catalog();
    std::string first;
    {
        auto s = store::Store::open(dir.path(), clock);
        first = s.submit(test::sample_draft(), cat, "K0042").dossier_id;
    }
    const auto file = dir.path() / "quay.db";
    int version = 0;
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
        test::raw_query(db, "PRAGMA user_version",
                        [&](sqlite3_stmt* st) { version = sqlite3_column_int(st, 0); });
        sqlite3_close(db);
    }
    CHECK(version == static_cast<int>(store::schema_migrations().size()));
    // A newer app's additive migration, and a dossier it stored with its new column.
    exec(file,
         "ALTER TABLE dossiers ADD COLUMN channel TEXT DEFAULT 'kiosk';"
         "CREATE TABLE attachments (dossier_id TEXT NOT NULL, name TEXT NOT NULL);"
         "PRAGMA user_version = " +
             std::to_string(version + 1) + ";");

    // The older app again: opens without touching the schema, takes, delivers, reads.
    auto s = store::Store::open(dir.path(), clock);
    const auto second = s.submit(test::sample_draft(), cat, "K0042");
    auto claimed = s.claim_due();
    REQUIRE(claimed);
    s.mark_delivered(claimed->dossier_id, "P-1");
    claimed = s.claim_due();
    REQUIRE(claimed);
    s.mark_delivered(claimed->dossier_id, "P-2");
    CHECK(s.summary().delivered == 2);
    CHECK(s.get(first)->state == store::State::delivered);
    CHECK(s.get(second.dossier_id)->state == store::State::delivered);
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    test::raw_query(db, "PRAGMA user_version",
                    [&](sqlite3_stmt* st) { CHECK(sqlite3_column_int(st, 0) == version + 1); });
    test::raw_query(db, "SELECT count(*) FROM dossiers WHERE channel = 'kiosk'",
                    [&](sqlite3_stmt* st) { CHECK(sqlite3_column_int(st, 0) == 2); });
    sqlite3_close(db);
}
