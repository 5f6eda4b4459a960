// The store's audit log: rows, the personal-data guard, the chain, counts, and the
// wrong-PIN count that outlives a restart.
#include <doctest/doctest.h>

#include "../store/temp_dir.hpp"
#include "quay/delivery/heartbeat.hpp"
#include "quay/store/store.hpp"

using quay::ManualClock;
using quay::store::Store;
namespace ev = quay::store::audit_event;

namespace {

ManualClock clock_at_start() {
    return ManualClock{std::chrono::system_clock::time_point(std::chrono::seconds(1795312800))};
}

Store open(const quay::test::TempDir& dir, const ManualClock& clock) {
    quay::store::Options o;
    o.kiosk_id = "K0042";
    return Store::open(dir.path(), clock, o);
}

}  // namespace

TEST_CASE("rows are chained, numbered and carry time and kiosk id") {
    quay::test::TempDir dir;
    auto clock = clock_at_start();
    auto store = open(dir, clock);
    const auto a = store.audit(ev::pause, {{"by", "quayctl"}});
    clock.advance(std::chrono::seconds(5));
    const auto b = store.audit(ev::resend, {{"by", "staff_screen"}, {"dossier_id", "d-1"}});
    CHECK(a.seq == 1);
    CHECK(b.seq == 2);
    CHECK(a.kiosk_id == "K0042");
    CHECK(a.hash.size() == 64);
    CHECK(a.hash != b.hash);
    const auto rows = store.audit_entries();
    REQUIRE(rows.size() == 2);
    CHECK(rows[1].detail["dossier_id"] == "d-1");
    CHECK(rows[1].at > rows[0].at);
    CHECK(store.audit_entries(1).at(0).seq == 2);
    const auto v = store.verify_audit();
    CHECK_FALSE(v.broken_row);
    CHECK(v.rows == 2);
}

TEST_CASE("a detail that could carry personal data is refused") {
    quay::test::TempDir dir;
    auto clock = clock_at_start();
    auto store = open(dir, clock);
    CHECK_THROWS_AS(store.audit(ev::pause, {{"applicant_name", "An"}}), quay::Error);
    CHECK_THROWS_AS(store.audit(ev::pause, {{"reason", "Nguyễn Văn An"}}), quay::Error);
    CHECK_THROWS_AS(store.audit(ev::pause, {{"by", {{"nested", 1}}}}), quay::Error);
    CHECK_THROWS_AS(store.audit(ev::pause, {{"reason", std::string(200, 'x')}}), quay::Error);
    CHECK_THROWS_AS(store.audit("Bad Event", {}), quay::Error);
    CHECK(store.audit_entries().empty());
}

TEST_CASE("the wrong-PIN count survives reopening the store; a right PIN clears it") {
    quay::test::TempDir dir;
    auto clock = clock_at_start();
    {
        auto store = open(dir, clock);
        store.audit(ev::pin_failure, {});
        store.audit(ev::pin_success, {});
        for (int i = 0; i < 4; ++i)
            store.audit(ev::pin_failure, {});
        CHECK(store.consecutive_pin_failures() == 4);
    }
    // A restart: the kiosk reads it before opening the store, then the store agrees.
    CHECK(Store::consecutive_pin_failures(dir.path()) == 4);
    auto store = open(dir, clock);
    CHECK(store.consecutive_pin_failures() == 4);
    store.audit(ev::pin_success, {});
    CHECK(Store::consecutive_pin_failures(dir.path()) == 0);
    CHECK(Store::consecutive_pin_failures(dir.path() / "nowhere") == 0);
}

TEST_CASE("counts cover the last 24 hours; purge adds a row only when it purged") {
    quay::test::TempDir dir;
    auto clock = clock_at_start();
    auto store = open(dir, clock);
    store.audit(ev::pin_failure, {});
    clock.advance(std::chrono::hours(25));
    store.audit(ev::pin_failure, {});
    store.audit(ev::provision_refused, {{"reason", "bad_signature"}});
    CHECK(store.purge_expired() == 0);
    const auto counts = store.audit_counts(std::chrono::hours(24));
    CHECK(counts.at("pin_failure") == 1);
    CHECK(counts.at("provision_refused") == 1);
    CHECK_FALSE(counts.contains("purge"));
}

TEST_CASE("the heartbeat carries the audit counts and the newest row, nothing else of it") {
    quay::test::TempDir dir;
    auto clock = clock_at_start();
    auto store = open(dir, clock);
    store.audit(ev::pin_failure, {});
    store.audit(ev::pin_success, {});
    store.audit(ev::resend, {{"dossier_id", "d-1"}});
    store.audit(ev::provision_refused, {{"reason", "stale_serial"}});
    quay::delivery::HeartbeatInfo info;
    quay::delivery::read_store(info, store);
    const auto body = quay::delivery::heartbeat_body(info);
    const auto& a = body.at("audit");
    CHECK(a.at("pin_failures_24h") == 1);
    CHECK(a.at("pin_successes_24h") == 1);
    CHECK(a.at("staff_actions_24h") == 1);
    CHECK(a.at("provision_refused_24h") == 1);
    CHECK(a.at("provision_applied_24h") == 0);
    CHECK(a.at("last_seq") == 4);
    CHECK(body.dump().find("d-1") == std::string::npos);
}
