// A wrong wall clock (an ARM board without an RTC, before NTP): dossiers are still taken,
// the body says so, and the retention purge waits for a clock it can trust (issue 11).
#include <doctest/doctest.h>

#include "quay/delivery/heartbeat.hpp"
#include "quay/store/store.hpp"
#include "temp_dir.hpp"
#include "test_catalog.hpp"

using namespace quay;
using namespace std::chrono;

namespace {

// The real time in these tests: 2026-11-23 10:00 +07:00.
const system_clock::time_point real_now = sys_days(year{2026} / 11 / 23) + hours(3);
constexpr hours one_day{24};

nlohmann::json born(const std::string& date) {
    nlohmann::json d = test::sample_draft();
    d["applicant"]["date_of_birth"] = date;
    return d;
}

nlohmann::json body_of(const store::Store& s, const std::string& id) {
    return nlohmann::json::parse(*s.get(id)->body);
}

}  // namespace

TEST_CASE("a synchronised clock: the body is exactly the contract's, no clock fields") {
    test::TempDir dir;
    ManualClock clock(real_now);
    auto store = store::Store::open(dir.path(), clock);
    const auto s = store.submit(test::sample_draft(), test::small_catalog(), "K0042");
    CHECK(store.clock_status().trust == ClockTrust::synced);
    const auto body = body_of(store, s.dossier_id);
    CHECK_FALSE(body.contains("clock_synced"));
    CHECK_FALSE(body.contains("clock_offset_s"));
}

TEST_CASE("an unsynchronised clock a month behind still takes a real date, and says so") {
    test::TempDir dir;
    ManualClock clock(real_now - 30 * one_day);  // booted on the clock saved a month ago
    clock.set_synchronised(false);
    auto store = store::Store::open(dir.path(), clock);
    // Born 2026-11-02: "in the future" for the wrong clock. Before the fix: validation_failed.
    const auto s = store.submit(born("2026-11-02"), test::small_catalog(), "K0042");
    const auto body = body_of(store, s.dossier_id);
    CHECK(body["clock_synced"] == false);
    CHECK_FALSE(body.contains("clock_offset_s"));  // no portal reply seen yet
    CHECK(body["created_at"] == s.created_at);     // the kiosk's time, as it was
}

TEST_CASE("after a portal reply the offset is known, to every store on the data directory") {
    test::TempDir dir;
    ManualClock clock(real_now - 30 * one_day);
    clock.set_synchronised(false);
    auto store = store::Store::open(dir.path(), clock);
    store.note_portal_time(real_now);
    auto other = store::Store::open(dir.path(), clock);  // quayctl beside the app
    const auto status = other.clock_status();
    CHECK(status.trust == ClockTrust::implausible);
    CHECK(status.portal_offset == -30 * one_day);
    // A date the portal's today allows is taken; one beyond it by more than a day is not.
    const auto s = store.submit(born("2026-11-23"), test::small_catalog(), "K0042");
    CHECK(body_of(store, s.dossier_id)["clock_offset_s"] == -30 * 24 * 3600);
    CHECK_THROWS_AS(store.submit(born("2026-11-26"), test::small_catalog(), "K0042"),
                    store::InvalidDraft);
    // The wall clock is corrected (NTP): the offset follows, the anchor did not move.
    clock.jump(30 * one_day);
    clock.set_synchronised(true);
    CHECK(store.clock_status().trust == ClockTrust::synced);
    CHECK(store.clock_status().portal_offset == seconds(0));
}

TEST_CASE("a wall clock 10 years ahead while unsynchronised purges nothing") {
    test::TempDir dir;
    ManualClock clock(real_now);
    auto store = store::Store::open(dir.path(), clock);
    const auto cat = test::small_catalog();
    const auto delivered = store.submit(test::sample_draft(), cat, "K0042");
    const auto dead = store.submit(test::sample_draft(), cat, "K0042");
    REQUIRE(store.claim_due());
    store.mark_delivered(delivered.dossier_id, "HS-1");
    REQUIRE(store.claim_due());
    store.mark_dead(dead.dossier_id, "too_large", nullptr);
    REQUIRE(store.purge_expired() == 0);  // stamps dead_seen_ms now

    clock.set_synchronised(false);
    clock.jump(duration_cast<milliseconds>(10 * 365 * one_day));  // a board booting in 2036
    CHECK(store.clock_status().trust == ClockTrust::unsynced);
    CHECK(store.purge_expired() == 0);  // before the fix: 2 (both "years" past retention)
    CHECK(store.get(delivered.dossier_id)->body);
    CHECK(store.get(dead.dossier_id)->body);

    // Synchronised, but to a wrong server: the portal's Date shows it, still nothing.
    clock.set_synchronised(true);
    store.note_portal_time(real_now);
    CHECK(store.clock_status().trust == ClockTrust::implausible);
    CHECK(store.purge_expired() == 0);
    CHECK(store.get(delivered.dossier_id)->body);
}

TEST_CASE("a trusted clock purges as before") {
    test::TempDir dir;
    ManualClock clock(real_now);
    auto store = store::Store::open(dir.path(), clock);
    const auto a = store.submit(test::sample_draft(), test::small_catalog(), "K0042");
    REQUIRE(store.claim_due());
    store.mark_delivered(a.dossier_id, "HS-1");
    store.note_portal_time(real_now);
    clock.advance(31 * one_day);  // wall and monotonic together: the portal agrees
    CHECK(store.clock_status().trust == ClockTrust::synced);
    CHECK(store.purge_expired() == 1);
}

TEST_CASE("the heartbeat carries the clock's status") {
    test::TempDir dir;
    ManualClock clock(real_now);
    clock.set_synchronised(false);
    auto store = store::Store::open(dir.path(), clock);
    store.note_portal_time(real_now - std::chrono::minutes(10));
    delivery::HeartbeatInfo info;
    delivery::read_store(info, store);
    const auto c = delivery::heartbeat_body(info).at("clock");
    CHECK(c.at("trust") == "implausible");
    CHECK(c.at("synchronised") == false);
    CHECK(c.at("portal_offset_s") == 600);
}
