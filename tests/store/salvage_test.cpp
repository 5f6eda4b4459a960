// Salvage of a damaged quay.db (issue 11): a real file with hundreds of pending dossiers is
// damaged on purpose (one page in the middle of the queue table, or the header); the store
// opens, salvages every readable undelivered dossier with its original ids, code,
// created_at and body, records what it found, never reuses a receipt code, salvages nothing
// twice when interrupted, and deletes the copy after the retention period.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>

#include "fault_vfs.hpp"
#include "quay/delivery/heartbeat.hpp"
#include "quay/store/store.hpp"
#include "temp_dir.hpp"
#include "test_catalog.hpp"

using namespace quay;
namespace fs = std::filesystem;

namespace {

ManualClock make_clock() {
    return ManualClock(std::chrono::system_clock::time_point(std::chrono::seconds(1795338902)));
}

struct Original {
    std::string receipt_code, created_at, body;
};

// What a kiosk held before the damage: `pending` undelivered dossiers after `delivered`
// delivered ones, by dossier_id.
struct Filled {
    std::map<std::string, Original> pending;
    std::set<std::string> codes;     // every code handed out
    std::vector<std::string> order;  // pending ids, oldest first
};

Filled fill(const fs::path& dir, const Clock& clock, int delivered, int pending) {
    Filled out;
    auto s = store::Store::open(dir, clock);
    for (int i = 0; i < delivered + pending; ++i) {
        const auto sub = s.submit(test::sample_draft(), test::small_catalog(), "K0042");
        out.codes.insert(sub.receipt_code);
        if (i < delivered) continue;
        out.pending[sub.dossier_id] = {sub.receipt_code, sub.created_at,
                                       *s.get(sub.dossier_id)->body};
        out.order.push_back(sub.dossier_id);
    }
    for (int i = 0; i < delivered; ++i) {
        const auto c = s.claim_due();
        REQUIRE(c);
        s.mark_delivered(c->dossier_id, "P-" + std::to_string(i));
    }
    return out;
}

std::string read_all(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

std::size_t page_size(const std::string& bytes) {
    const unsigned v =
        (static_cast<unsigned char>(bytes[16]) << 8) | static_cast<unsigned char>(bytes[17]);
    return v == 1 ? 65536 : v;
}

void overwrite(const fs::path& file, std::size_t at, std::size_t n) {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(at));
    const std::string junk(n, '\xa5');
    f.write(junk.data(), static_cast<std::streamsize>(n));
}

// Overwrites the first `n` bytes of the page that holds `needle` (a dossier's body: only
// its table row holds it); the page number.
std::size_t damage_page_holding(const fs::path& file, const std::string& needle, std::size_t n) {
    const std::string bytes = read_all(file);
    const auto pos = bytes.find(needle);
    REQUIRE(pos != std::string::npos);
    const std::size_t page = pos / page_size(bytes);
    REQUIRE(page > 0);
    overwrite(file, page * page_size(bytes), n);
    return page;
}

// The first open after the damage moves the file aside; the store that opens next.
store::Store reopen_after_damage(const fs::path& dir, const Clock& clock) {
    store::Options o;
    o.check_every_open = true;
    CHECK_THROWS_AS(store::Store::open(dir, clock, o), store::DamagedError);
    CHECK_FALSE(fs::exists(dir / "quay.db"));
    return store::Store::open(dir, clock, o);
}

// Every item of s is one of the originals, unchanged, pending; how many there are.
std::size_t check_salvaged(const store::Store& s, const Filled& before) {
    std::set<std::string> seen;
    for (const auto& it : s.items()) {
        const auto o = before.pending.find(it.dossier_id);
        REQUIRE_MESSAGE(o != before.pending.end(), "not an original: " << it.dossier_id);
        CHECK(seen.insert(it.dossier_id).second);
        CHECK(it.state == store::State::pending);
        CHECK(it.receipt_code == o->second.receipt_code);
        CHECK(it.created_at == o->second.created_at);
        CHECK(s.get(it.dossier_id)->body == o->second.body);
    }
    return seen.size();
}

// New submits get codes the damaged copy never handed out.
void check_no_code_reused(store::Store& s, const Filled& before) {
    for (int i = 0; i < 5; ++i) {
        const auto code =
            s.submit(test::sample_draft(), test::small_catalog(), "K0042").receipt_code;
        CHECK_MESSAGE(before.codes.count(code) == 0, "reused " << code);
    }
}

// The one damaged copy, salvaged.
store::DamagedCopy only_copy(const store::Store& s) {
    const auto copies = s.damaged_copies();
    REQUIRE(copies.size() == 1);
    CHECK(copies[0].salvaged);
    return copies[0];
}

}  // namespace

TEST_CASE("a damaged page in the middle of the queue loses only its own rows") {
    test::TempDir dir;
    auto clock = make_clock();
    const Filled before = fill(dir.path(), clock, 20, 400);
    const std::string& victim = before.order[200];
    damage_page_holding(dir.path() / "quay.db", before.pending.at(victim).body, 200);

    store::Options o;
    o.check_every_open = true;
    CHECK_THROWS_AS(store::Store::open(dir.path(), clock, o), store::DamagedError);
    const auto start = std::chrono::steady_clock::now();
    auto s = store::Store::open(dir.path(), clock, o);  // the open that salvages
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    const std::size_t salvaged = check_salvaged(s, before);
    const std::size_t lost = before.pending.size() - salvaged;
    MESSAGE("salvaged " << salvaged << " of " << before.pending.size() << ", lost " << lost
                        << ", open with salvage " << ms.count() << " ms");
    CHECK(lost >= 1);
    CHECK(lost <= 20);  // a page holds a handful of rows, not the table
    CHECK_FALSE(s.get(victim).has_value());
    // The rows after the damaged page were read too.
    CHECK(s.get(before.order.back()).has_value());
    CHECK(s.get(before.order[201 + 20]).has_value());

    const auto copy = only_copy(s);
    CHECK(copy.readable);
    CHECK(copy.undelivered == static_cast<std::int64_t>(salvaged));
    CHECK(copy.unreadable == static_cast<std::int64_t>(lost));
    check_no_code_reused(s, before);

    // The heartbeat says so, in counts only.
    delivery::HeartbeatInfo info;
    delivery::read_store(info, s);
    const auto damaged = delivery::heartbeat_body(info).at("damaged");
    CHECK(damaged.at("copies") == 1);
    CHECK(damaged.at("salvaged") == salvaged);
    CHECK(damaged.at("unreadable") == lost);

    // Reopening salvages nothing again.
    auto again = store::Store::open(dir.path(), clock);
    CHECK(again.summary().pending == static_cast<std::int64_t>(salvaged) + 5);
}

TEST_CASE("a damaged header: the header is rebuilt for reading and every dossier salvaged") {
    test::TempDir dir;
    auto clock = make_clock();
    const Filled before = fill(dir.path(), clock, 5, 300);
    overwrite(dir.path() / "quay.db", 0, 100);

    auto s = reopen_after_damage(dir.path(), clock);
    CHECK(check_salvaged(s, before) == before.pending.size());
    const auto copy = only_copy(s);
    CHECK(copy.undelivered == 300);
    CHECK(copy.unreadable == 0);
    check_no_code_reused(s, before);
}

TEST_CASE("a copy whose first page is gone: nothing salvaged, recorded, no code reused") {
    test::TempDir dir;
    auto clock = make_clock();
    const Filled before = fill(dir.path(), clock, 0, 50);
    overwrite(dir.path() / "quay.db", 0, page_size(read_all(dir.path() / "quay.db")));

    auto s = reopen_after_damage(dir.path(), clock);
    CHECK(s.items().empty());
    const auto copy = only_copy(s);
    CHECK_FALSE(copy.readable);
    CHECK(copy.undelivered == 0);
    check_no_code_reused(s, before);
}

TEST_CASE("a salvage interrupted at any write salvages each dossier exactly once") {
    test::TempDir dir;
    auto clock = make_clock();
    const Filled before = fill(dir.path(), clock, 10, 120);
    damage_page_holding(dir.path() / "quay.db", before.pending.at(before.order[60]).body, 200);
    {
        store::Options o;
        o.check_every_open = true;
        CHECK_THROWS_AS(store::Store::open(dir.path(), clock, o), store::DamagedError);
    }
    test::FaultVfs vfs("quay_fault_salvage");
    store::Options faulty;
    faulty.vfs = vfs.name();
    int interrupted = 0;
    for (int countdown = 0;; ++countdown) {
        vfs.arm(test::FaultVfs::Kind::io_error, countdown);
        try {
            store::Store::open(dir.path(), clock, faulty);
            vfs.disarm();
            break;  // got past its last write
        } catch (const store::StorageError& e) {
            CHECK(e.code() == "io_error");
            ++interrupted;
        }
        vfs.disarm();
        REQUIRE(countdown < 500);
    }
    MESSAGE("salvage interrupted at " << interrupted << " write points");
    CHECK(interrupted > 3);
    auto s = store::Store::open(dir.path(), clock);
    const std::size_t salvaged = check_salvaged(s, before);
    CHECK(salvaged >= before.pending.size() - 20);
    CHECK(only_copy(s).undelivered == static_cast<std::int64_t>(salvaged));
}

TEST_CASE("a store whose file was moved aside by another one writes nothing more into it") {
    test::TempDir dir;
    auto clock = make_clock();
    auto early = store::Store::open(dir.path(), clock);
    const Filled before = fill(dir.path(), clock, 0, 40);
    damage_page_holding(dir.path() / "quay.db", before.pending.at(before.order[20]).body, 200);
    store::Options o;
    o.check_every_open = true;
    fs::path moved;
    try {
        store::Store::open(dir.path(), clock, o);
        FAIL("opened a damaged file");
    } catch (const store::DamagedError& e) {
        moved = e.moved_to();
    }
    const std::string copy_bytes = read_all(moved);
    try {
        early.submit(test::sample_draft(), test::small_catalog(), "K0042");
        FAIL("wrote into the moved copy");
    } catch (const store::StorageError& e) {
        CHECK(e.code() == "database_damaged");
    }
    CHECK(read_all(moved) == copy_bytes);
    auto fresh = store::Store::open(dir.path(), clock);
    CHECK(check_salvaged(fresh, before) >= 30);
}

TEST_CASE("damaged copies are deleted once salvaged and past the retention period") {
    test::TempDir dir;
    auto clock = make_clock();
    const Filled before = fill(dir.path(), clock, 0, 30);
    damage_page_holding(dir.path() / "quay.db", before.pending.at(before.order[15]).body, 200);
    auto s = reopen_after_damage(dir.path(), clock);
    const auto copy = s.damaged_copies().at(0).file;
    fs::path journal = copy;
    journal += "-journal";
    std::ofstream(journal) << "left by a crash";

    clock.advance(std::chrono::hours(24 * 89));
    s.purge_expired();
    CHECK(fs::exists(copy));
    CHECK(s.damaged_copies().size() == 1);

    clock.advance(std::chrono::hours(24 * 2));
    s.purge_expired();
    CHECK_FALSE(fs::exists(copy));
    CHECK_FALSE(fs::exists(journal));
    CHECK(s.damaged_copies().empty());
    const auto audit = s.audit_entries(1);
    REQUIRE(audit.size() == 1);
    CHECK(audit[0].event == "purge");
    CHECK(audit[0].detail.at("count") == 1);
    // The salvaged dossiers themselves are untouched.
    CHECK(check_salvaged(s, before) >= 20);
}

TEST_CASE("only the file that was checked is moved: one another store put in place stays") {
    test::TempDir dir, other;
    auto clock = make_clock();
    const Filled before = fill(dir.path(), clock, 0, 30);
    damage_page_holding(dir.path() / "quay.db", before.pending.at(before.order[15]).body, 200);
    // A good file with one dossier of its own, as another store would have started it.
    std::string own;
    {
        auto s = store::Store::open(other.path(), clock);
        own = s.submit(test::sample_draft(), test::small_catalog(), "K0042").dossier_id;
    }
    test::FaultVfs vfs("quay_fault_replace");
    // While this store checks the damaged file (after its first pages), another one moves
    // it aside and starts afresh.
    vfs.on_read(8, [&] {
        fs::rename(dir.path() / "quay.db", dir.path() / "quay.db.damaged-20261122T090000");
        fs::copy_file(other.path() / "quay.db", dir.path() / "quay.db");
    });
    store::Options o;
    o.check_every_open = true;
    o.vfs = vfs.name();
    auto s = store::Store::open(dir.path(), clock, o);  // opens the new file instead
    CHECK(fs::exists(dir.path() / "quay.db"));
    CHECK(s.get(own).has_value());
    const auto copy = only_copy(s);
    CHECK(copy.file.filename() == "quay.db.damaged-20261122T090000");
    CHECK(copy.undelivered >= 20);
}
