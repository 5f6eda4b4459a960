// A full disk or an I/O error at every write, sync and truncate point of a submit, through
// a fault-injecting VFS: the submit throws StorageError with code disk_full / io_error, no
// partial row (nor a spent receipt number) is left, the dossiers stored before are intact,
// integrity_check says ok, and the same Store submits again once the disk works.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <fstream>
#include <string>
#include <vector>

#include "fault_vfs.hpp"
#include "quay/store/store.hpp"
#include "raw_query.hpp"
#include "temp_dir.hpp"
#include "test_catalog.hpp"

using namespace quay;
using nlohmann::json;
using test::FaultVfs;

namespace {

ManualClock make_clock() {
    return ManualClock(std::chrono::system_clock::time_point(std::chrono::seconds(1795338902)));
}

// What another process opening the file sees: a fresh read-write connection on the
// default VFS (so it rolls back a hot journal left by a failed commit, as any would).
struct OnDisk {
    std::string integrity;
    std::int64_t dossiers = -1;
    std::int64_t counter = 0;  // receipt numbers handed out (all days)
};

OnDisk look(const std::filesystem::path& file) {
    OnDisk out;
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    auto query = [db](const char* sql, auto&& row) { test::raw_query(db, sql, row); };
    query("PRAGMA integrity_check", [&](sqlite3_stmt* st) {
        out.integrity += reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    });
    query("SELECT count(*) FROM dossiers",
          [&](sqlite3_stmt* st) { out.dossiers = sqlite3_column_int64(st, 0); });
    query("SELECT coalesce(sum(last), 0) FROM receipt_counters",
          [&](sqlite3_stmt* st) { out.counter = sqlite3_column_int64(st, 0); });
    sqlite3_close(db);
    return out;
}

std::int64_t receipt_number(const std::string& code) {
    return std::stoll(code.substr(code.rfind('-') + 1));
}

// Arms the fault after 0, 1, 2, ... successful operations of one submit, until a submit
// runs past its last operation without meeting the fault.
void fault_every_point(FaultVfs::Kind kind, const std::string& expected_code) {
    FaultVfs vfs("quay_fault_" + expected_code);
    test::TempDir dir;
    auto clock = make_clock();
    const auto cat = test::small_catalog();
    store::Options options;
    options.vfs = vfs.name();
    options.busy_timeout = std::chrono::milliseconds(2000);
    auto store = store::Store::open(dir.path(), clock, options);

    std::vector<std::string> stored;
    for (int i = 0; i < 3; ++i)
        stored.push_back(store.submit(test::sample_draft(), cat, "K0042").dossier_id);

    int failed_points = 0;
    for (int k = 0;; ++k) {
        REQUIRE_MESSAGE(k < 500, "a submit never ran out of operations to fault");
        CAPTURE(k);
        vfs.arm(kind, k);
        bool failed = false;
        try {
            stored.push_back(store.submit(test::sample_draft(), cat, "K0042").dossier_id);
        } catch (const store::StorageError& e) {
            failed = true;
            ++failed_points;
            CHECK_MESSAGE(e.code() == expected_code, e.what());
        }
        const bool fault_met = vfs.failures() > 0;
        vfs.disarm();

        const OnDisk disk = look(store.file());
        CHECK(disk.integrity == "ok");
        CHECK(disk.dossiers == static_cast<std::int64_t>(stored.size()));
        CHECK(disk.counter == static_cast<std::int64_t>(stored.size()));  // no number spent
        const auto items = store.items();
        REQUIRE(items.size() == stored.size());
        for (std::size_t i = 0; i < stored.size(); ++i) {
            CHECK(items[i].dossier_id == stored[i]);
            const auto item = store.get(stored[i]);
            REQUIRE(item);
            CHECK(item->body);
            CHECK(item->state == store::State::pending);
        }
        if (!fault_met) break;
        if (failed) {
            // The disk works again: the same Store (the app keeps its one) saves the next
            // dossier, with the next receipt number.
            const auto s = store.submit(test::sample_draft(), cat, "K0042");
            stored.push_back(s.dossier_id);
            CHECK(receipt_number(s.receipt_code) == static_cast<std::int64_t>(stored.size()));
        }
    }
    // Every write of a submit was hit at least once (journal, pages, syncs...).
    MESSAGE(expected_code << ": the fault was met at " << failed_points << " points");
    CHECK(failed_points >= 4);
    // A full check on a fresh open finds nothing damaged.
    options.check_every_open = true;
    auto reopened = store::Store::open(dir.path(), clock, options);
    CHECK(reopened.items().size() == stored.size());
    CHECK(reopened.damaged_copies().empty());
    // Rollback journal, never WAL (docs/storage.md): header bytes 18-19 are 1 (2 for WAL).
    std::ifstream in(reopened.file(), std::ios::binary);
    char header[20] = {};
    REQUIRE(in.read(header, sizeof header));
    CHECK(header[18] == 1);
    CHECK(header[19] == 1);
}

}  // namespace

TEST_CASE("disk full at every write point of a submit") {
    fault_every_point(FaultVfs::Kind::disk_full, "disk_full");
}

TEST_CASE("I/O error at every write, sync and truncate point of a submit") {
    fault_every_point(FaultVfs::Kind::io_error, "io_error");
}
