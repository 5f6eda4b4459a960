// Staff mark a fee paid (Store::mark_fee_paid, docs/delivery.md "Fee paid"): the body
// changes only while no POST of it was ever started, so every retry of a dossier still
// sends one body under its Idempotency-Key; afterwards the mark is recorded here only.
#include <doctest/doctest.h>

#include "quay/store/store.hpp"
#include "temp_dir.hpp"
#include "test_catalog.hpp"

using namespace quay;
using Result = store::FeePaid::Result;

namespace {

ManualClock make_clock() {
    return ManualClock(std::chrono::system_clock::time_point(std::chrono::seconds(1795338902)));
}

nlohmann::json draft_due(std::int64_t due) {
    nlohmann::json d = test::sample_draft();
    d["fee_due"] = due;
    return d;
}

std::int64_t fee_paid_rows(const store::Store& s) {
    std::int64_t n = 0;
    for (const auto& e : s.audit_entries())
        n += e.event == store::audit_event::fee_paid;
    return n;
}

}  // namespace

TEST_CASE("a dossier never sent carries fee_paid in its body, the rest byte for byte") {
    test::TempDir dir;
    auto clock = make_clock();
    auto store = store::Store::open(dir.path(), clock);
    const auto s = store.submit(draft_due(8000), test::small_catalog(), "K0042");
    const std::string before = *store.get(s.dossier_id)->body;

    const auto r = store.mark_fee_paid(s.receipt_code, "staff");  // by its receipt code
    CHECK(r.result == Result::marked);
    CHECK(r.dossier_id == s.dossier_id);
    CHECK(r.fee_due == 8000);
    CHECK(r.in_body);
    CHECK(!r.paid_at.empty());
    const auto item = store.get(s.dossier_id);
    REQUIRE(item->body);
    // The same bytes with the key added last.
    CHECK(*item->body == before.substr(0, before.size() - 1) + ",\"fee_paid\":true}");
    CHECK(item->fee_paid_at == r.paid_at);
    CHECK(item->fee_paid_in_body);
    CHECK(item->fee_due == 8000);

    // What the sender claims is the new body.
    const auto claimed = store.claim_due();
    REQUIRE(claimed);
    CHECK(claimed->body == *item->body);

    // Audited once, in the same transaction, without personal data.
    const auto audit = store.audit_entries();
    REQUIRE(fee_paid_rows(store) == 1);
    CHECK(audit.back().detail.at("result") == "in_body");
    CHECK(audit.back().detail.at("by") == "staff");
    CHECK(audit.back().detail.at("receipt_code") == s.receipt_code);

    // A second mark changes nothing and writes no audit row.
    const auto again = store.mark_fee_paid(s.dossier_id, "quayctl");
    CHECK(again.result == Result::already_paid);
    CHECK(again.paid_at == r.paid_at);
    CHECK(again.in_body);
    CHECK(fee_paid_rows(store) == 1);
    CHECK(*store.get(s.dossier_id)->body == *item->body);
}

TEST_CASE("once a POST was started the body stays as it was: recorded here only") {
    test::TempDir dir;
    auto clock = make_clock();
    auto store = store::Store::open(dir.path(), clock);
    const auto cat = test::small_catalog();
    const auto in_flight = store.submit(draft_due(8000), cat, "K0042");
    const auto delivered = store.submit(draft_due(5000), cat, "K0042");
    const auto retried = store.submit(draft_due(3000), cat, "K0042");
    REQUIRE(store.claim_due());
    REQUIRE(store.claim_due());
    store.mark_delivered(delivered.dossier_id, "HS-1");
    REQUIRE(store.claim_due());
    // A failed try may still have reached the portal: pending again, but attempts 1.
    store.mark_retry(retried.dossier_id, std::chrono::milliseconds(0), "timeout");

    for (const auto* s : {&in_flight, &delivered, &retried}) {
        const std::string before = *store.get(s->dossier_id)->body;
        const auto r = store.mark_fee_paid(s->dossier_id, "quayctl");
        CHECK(r.result == Result::marked);
        CHECK(!r.in_body);
        const auto item = store.get(s->dossier_id);
        CHECK(*item->body == before);
        CHECK(item->fee_paid_at == r.paid_at);
        CHECK(!item->fee_paid_in_body);
    }
    CHECK(store.audit_entries().back().detail.at("result") == "recorded_only");
    CHECK(fee_paid_rows(store) == 3);
}

TEST_CASE("unknown dossiers, no fee due and purged bodies are refused, nothing recorded") {
    test::TempDir dir;
    auto clock = make_clock();
    auto store = store::Store::open(dir.path(), clock);
    const auto cat = test::small_catalog();
    CHECK(store.mark_fee_paid("K0042-261122-0099", "quayctl").result == Result::not_found);
    const auto none = store.submit(test::sample_draft(), cat, "K0042");
    const auto zero = store.submit(draft_due(0), cat, "K0042");
    CHECK(store.mark_fee_paid(none.dossier_id, "quayctl").result == Result::no_fee_due);
    CHECK(store.mark_fee_paid(zero.dossier_id, "quayctl").result == Result::no_fee_due);
    CHECK(!store.get(zero.dossier_id)->fee_paid_at);

    const auto old = store.submit(draft_due(8000), cat, "K0042");
    while (const auto c = store.claim_due())
        store.mark_delivered(c->dossier_id, "HS-" + c->receipt_code);
    clock.advance(std::chrono::hours(24 * 31));
    REQUIRE(store.purge_expired() == 3);
    CHECK(store.mark_fee_paid(old.dossier_id, "quayctl").result == Result::purged);
    CHECK(fee_paid_rows(store) == 0);
}
