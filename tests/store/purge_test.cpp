// Retention: purged personal data leaves no bytes behind in the files (secure_delete), and
// dead items keep their bodies for Options::dead_retention_days after they were first
// seen dead, then are purged unless staff resent them.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "quay/store/store.hpp"
#include "temp_dir.hpp"
#include "test_catalog.hpp"

using namespace quay;

namespace {

ManualClock make_clock() {
    return ManualClock(std::chrono::system_clock::time_point(std::chrono::seconds(1795338902)));
}

nlohmann::json draft_named(const std::string& name) {
    nlohmann::json d = test::sample_draft();
    d["applicant"]["full_name"] = name;
    d["fields"]["child_full_name"] = name + " Con";
    return d;
}

// Every byte of every file in the data directory (the database and any journal).
std::string all_bytes(const std::filesystem::path& dir) {
    std::string out;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        std::ifstream in(e.path(), std::ios::binary);
        out.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return out;
}

constexpr std::chrono::hours day{24};

}  // namespace

TEST_CASE("a purged applicant's name is in no byte of the store's files") {
    test::TempDir dir;
    auto clock = make_clock();
    const std::string name = "Hoàng Thị Xuyến";
    {
        auto store = store::Store::open(dir.path(), clock);
        const auto cat = test::small_catalog();
        const auto a = store.submit(draft_named(name), cat, "K0042");
        store.submit(draft_named("Nguyễn Văn An"), cat, "K0042");  // stays on the same page
        REQUIRE(store.claim_due());
        store.mark_delivered(a.dossier_id, "HS-1");
        REQUIRE(all_bytes(dir.path()).find(name) != std::string::npos);
        clock.advance(31 * day);
        REQUIRE(store.purge_expired() == 1);
    }
    CHECK(all_bytes(dir.path()).find(name) == std::string::npos);
}

TEST_CASE("dead items are purged dead_retention_days after they were first seen dead") {
    test::TempDir dir;
    auto clock = make_clock();
    store::Options o;
    o.dead_retention_days = 90;
    auto store = store::Store::open(dir.path(), clock, o);
    const auto cat = test::small_catalog();
    const auto a = store.submit(test::sample_draft(), cat, "K0042");
    const auto b = store.submit(test::sample_draft(), cat, "K0042");
    REQUIRE(store.claim_due());
    store.mark_dead(a.dossier_id, "too_large", nullptr);
    REQUIRE(store.claim_due());
    store.mark_dead(b.dossier_id, "too_large", nullptr);
    CHECK(store.purge_expired() == 0);  // both first seen dead now
    clock.advance(89 * day);
    CHECK(store.purge_expired() == 0);
    CHECK(store.resend(b.dossier_id));  // staff resent b: it is pending again, never purged
    clock.advance(2 * day);
    CHECK(store.purge_expired() == 1);
    CHECK(!store.get(a.dossier_id)->body);
    CHECK(!store.get(a.dossier_id)->applicant_name);
    CHECK(store.get(b.dossier_id)->body);
    CHECK(!store.resend(a.dossier_id));  // nothing left to send
}
