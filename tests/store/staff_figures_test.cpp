// The staff screen's figures (quay/staff/figures.hpp) on a real SQLite store with a manual
// clock: the pending list's order, ages, tries and errors in plain words.
#include <doctest/doctest.h>

#include <fstream>

#include "quay/config/config.hpp"
#include "quay/delivery/catalog_sync.hpp"
#include "quay/delivery/heartbeat.hpp"
#include "quay/delivery/outcome.hpp"
#include "quay/locale/locale.hpp"
#include "quay/metrics/kiosk_metrics.hpp"
#include "quay/staff/figures.hpp"
#include "quay/store/store.hpp"
#include "temp_dir.hpp"
#include "test_catalog.hpp"

using namespace quay;
using namespace std::chrono_literals;

namespace {

// 2026-11-22 09:15:02 UTC (16:15 in Hà Nội)
ManualClock make_clock() {
    return ManualClock(std::chrono::system_clock::time_point(std::chrono::seconds(1795338902)));
}

delivery::Result answer(long status) {
    delivery::Result r;
    r.response = delivery::Response{};
    r.response->status = status;
    return r;
}

}  // namespace

TEST_CASE("the pending list: undelivered dossiers, oldest first, with age, tries and error") {
    test::TempDir dir;
    auto clock = make_clock();
    auto store = store::Store::open(dir.path(), clock);
    const auto cat = test::small_catalog();
    std::vector<store::Submitted> filed;
    for (int i = 0; i < 4; ++i) {
        filed.push_back(store.submit(test::sample_draft(), cat, "K0042"));
        clock.advance(40min);
    }
    // The first fails twice on the network, the second is delivered, the third is in
    // flight, the fourth was never tried.
    REQUIRE(store.settle({}, 3).size() == 3);
    using K = store::Settled::Kind;
    store.settle({{.kind = K::retry,
                   .dossier_id = filed[0].dossier_id,
                   .text = "network: connect: refused",
                   .delay = std::chrono::milliseconds(0)},
                  {.kind = K::delivered, .dossier_id = filed[1].dossier_id, .text = "HS-1"}},
                 0);
    clock.advance(55min);

    const auto lines = staff::pending_lines(store);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].receipt_code == filed[0].receipt_code);
    CHECK(lines[1].receipt_code == filed[2].receipt_code);
    CHECK(lines[2].receipt_code == filed[3].receipt_code);
    // 4 x 40 min + 55 min after the first was filed: 3 h 35 min.
    CHECK(lines[0].age_s == (3 * 60 + 35) * 60);
    CHECK(lines[2].age_s == (40 + 55) * 60);
    // The oldest one's age is the metrics' oldest pending age (one rule).
    CHECK(store.summary().oldest_pending_age_s == lines[0].age_s);
    CHECK(lines[0].attempts == 1);
    CHECK(lines[0].state == "pending");
    CHECK(lines[0].last_error == "network: connect: refused");
    CHECK(lines[0].error_kind == "network");
    CHECK(lines[1].state == "in_flight");
    CHECK(lines[2].attempts == 0);
    CHECK(lines[2].error_kind.empty());

    const auto age = staff::split_age(lines[0].age_s);
    CHECK(age.days == 0);
    CHECK(age.hours == 3);
    CHECK(age.minutes == 35);
    const auto long_wait = staff::split_age(2 * 86400 + 5 * 3600 + 59);
    CHECK(long_wait.days == 2);
    CHECK(long_wait.hours == 5);
    CHECK(long_wait.minutes == 0);
}

TEST_CASE("every delivery error has plain words for staff in both languages") {
    const auto kind = [](const delivery::Result& r) {
        return std::string(delivery::error_kind(delivery::classify(r, "id", 0).error));
    };
    delivery::Result offline;
    offline.error = delivery::NetError::dns;
    CHECK(kind(offline) == "network");
    CHECK(kind(answer(503)) == "busy");
    CHECK(kind(answer(429)) == "busy");
    CHECK(kind(answer(409)) == "in_progress");
    CHECK(kind(answer(500)) == "portal_error");
    CHECK(kind(answer(200)) == "odd_answer");
    CHECK(kind(answer(422)) == "refused");
    CHECK(kind(answer(401)) == "unauthorized");
    CHECK(kind(answer(404)) == "other");
    CHECK(delivery::error_kind("").empty());

    const auto locale = locale::Locale::embedded();
    for (const auto* k : {"network", "busy", "in_progress", "portal_error", "odd_answer", "refused",
                          "unauthorized", "other"}) {
        for (const auto lang : {Language::vi, Language::en})
            CHECK_MESSAGE(locale.strings(lang).has(std::string("staff2.error.") + k), k);
    }
}

TEST_CASE("today's counts start at local midnight; ratings only of the last completed day") {
    test::TempDir dir;
    // 2026-11-22 23:30 in Hà Nội (16:30 UTC).
    ManualClock clock(std::chrono::system_clock::time_point(std::chrono::seconds(1795365000)));
    auto store = store::Store::open(dir.path(), clock);
    const auto cat = test::small_catalog();
    store.submit(test::sample_draft(), cat, "K0042");
    store.audit(store::audit_event::help_call, {{"by", "citizen"}, {"code", "form"}});
    store.rate(4);
    store.rate(2);
    auto t = metrics::today_counts(store, clock);
    CHECK(t.dossiers == 1);
    CHECK(t.help_calls == 1);
    CHECK_FALSE(t.last_day_ratings);  // today's are never read out
    CHECK(metrics::local_day(clock.now(), clock.utc_offset_minutes()) == "2026-11-22");

    clock.advance(45min);  // 00:15 on the 23rd: a new day
    store.submit(test::sample_draft(), cat, "K0042");
    store.submit(test::sample_draft(), cat, "K0042");
    t = metrics::today_counts(store, clock);
    CHECK(t.dossiers == 2);
    CHECK(t.help_calls == 0);
    REQUIRE(t.last_day_ratings);
    CHECK(t.last_day_ratings->day == "2026-11-22");
    CHECK(t.last_day_ratings->counts == std::array<std::int64_t, 4>{0, 1, 0, 1});
    CHECK(metrics::local_day(clock.now(), clock.utc_offset_minutes()) == "2026-11-23");

    // The metrics' figure is the same count (one rule).
    config::Config config;
    config.kiosk.data_dir = dir.path();
    CHECK(metrics::gather(config, clock, {}).submitted_today == 2);
}

TEST_CASE("slips today: the printed count since the day's first record, across a restart") {
    test::TempDir dir;
    metrics::DeviceStates recorded;  // a first start: nothing recorded
    metrics::DeviceStates now;
    now.receipts_printed = 3;
    metrics::carry_day(now, recorded, "2026-11-22");
    CHECK(metrics::printed_on(now, "2026-11-22") == 3);
    metrics::write_device_states(dir.path(), now);

    // A restart later that day reads the record back and goes on counting.
    recorded = metrics::read_device_states(dir.path());
    CHECK(recorded.printed_day == "2026-11-22");
    metrics::DeviceStates later;
    later.receipts_printed = 5;
    metrics::carry_day(later, recorded, "2026-11-22");
    CHECK(metrics::printed_on(later, "2026-11-22") == 5);

    // The next day starts from the last count recorded.
    metrics::DeviceStates next;
    next.receipts_printed = 7;
    metrics::carry_day(next, later, "2026-11-23");
    CHECK(metrics::printed_on(next, "2026-11-23") == 2);
    CHECK(metrics::printed_on(next, "2026-11-24") == 0);  // a record of another day
}

TEST_CASE("damaged copies: the staff screen lists what the heartbeat and the metrics count") {
    test::TempDir a, b;
    auto clock = make_clock();
    {
        auto s = store::Store::open(a.path(), clock);
        s.submit(test::sample_draft(), test::small_catalog(), "K0042");
    }
    auto fresh = store::Store::open(b.path(), clock);
    CHECK(staff::damaged_lines(fresh).empty());
    std::filesystem::copy_file(a.path() / "quay.db", b.path() / "quay.db.damaged-20261122T091502");
    const auto lines = staff::damaged_lines(fresh);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].file == "quay.db.damaged-20261122T091502");
    delivery::HeartbeatInfo info;
    delivery::read_store(info, fresh);
    CHECK(info.damaged.size() == lines.size());
}

TEST_CASE("the catalogue's age from when it was written, and the last sync tried") {
    test::TempDir dir;
    auto clock = make_clock();
    config::Config config;
    config.kiosk.data_dir = dir.path() / "data";
    std::filesystem::create_directories(config.kiosk.data_dir);

    // The bundled catalogue: written when the software was built.
    auto v = staff::catalog_view(config, clock);
    CHECK(v.source == "bundled");
    CHECK_FALSE(v.version.empty());
    CHECK(v.version == metrics::catalog_state(config).version);  // the metrics' figure
    CHECK_FALSE(v.timed_sync);                                   // no portal
    CHECK(v.sync_at.empty());

    // A catalogue file set by the technician, written 40 days before the clock's now.
    config.catalog.file = dir.path() / "catalog.json";
    {
        std::ifstream in(std::filesystem::path(QUAY_SOURCE_DIR) / "assets" / "catalog" /
                         "catalog.json");
        REQUIRE(in);
        std::ofstream(config.catalog.file) << in.rdbuf();
    }
    const auto written = clock.now() - std::chrono::days(40);
    std::filesystem::last_write_time(config.catalog.file,
                                     std::chrono::file_clock::from_sys(written));
    v = staff::catalog_view(config, clock);
    CHECK(v.source == "config_file");
    REQUIRE(v.age_days);
    CHECK(*v.age_days == 40);
    CHECK(v.stale);
    clock.jump(-std::chrono::milliseconds(std::chrono::days(15)));
    v = staff::catalog_view(config, clock);
    CHECK(*v.age_days == 25);
    CHECK_FALSE(v.stale);

    // The last sync tried, as the sync records it: a portal nobody listens for.
    delivery::PortalSettings settings;
    settings.base_url = "http://127.0.0.1:1";
    settings.kiosk_id = "K0042";
    delivery::PortalClient client(settings);
    const auto check = [](const std::string&) -> std::string { return "never"; };
    CHECK_THROWS_AS(
        delivery::sync_catalog_recorded(client, config.kiosk.data_dir, check, v.version, clock),
        Error);
    v = staff::catalog_view(config, clock);
    CHECK(v.sync_at == format_rfc3339(clock.now(), 420));
    CHECK(v.sync_outcome == "offline");
}
