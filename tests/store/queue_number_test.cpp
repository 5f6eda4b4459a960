// Counter queue numbers (config queue.numbers, docs/receipts.md "Queue numbers"): one
// sequence per field of procedure (lĩnh vực) and local day, taken in the dossier's own
// transaction, continuing across reopenings, absent when the option is off.
#include <doctest/doctest.h>

#include "quay/store/store.hpp"
#include "temp_dir.hpp"
#include "test_catalog.hpp"

using namespace quay;

namespace {

ManualClock make_clock() {
    return ManualClock(std::chrono::system_clock::time_point(std::chrono::seconds(1795338902)));
}

store::Options numbered() {
    store::Options o;
    o.queue_numbers = true;
    return o;
}

nlohmann::json other_field_draft() {
    nlohmann::json d = test::sample_draft();
    d["procedure_code"] = "1.004222";
    d["fields"] = {{"member_full_name", "Nguyễn Thị Bình"}};
    return d;
}

}  // namespace

TEST_CASE("without queue.numbers a dossier has no queue number") {
    test::TempDir dir;
    auto clock = make_clock();
    auto store = store::Store::open(dir.path(), clock);
    const auto s = store.submit(test::sample_draft(), test::small_catalog(), "K0042");
    CHECK_FALSE(s.queue_number);
    CHECK_FALSE(store.get(s.dossier_id)->queue_number);
}

TEST_CASE("queue numbers count per field and day, and go on after a reopening") {
    test::TempDir dir;
    auto clock = make_clock();
    const auto cat = test::bundle_catalog();
    {
        auto store = store::Store::open(dir.path(), clock, numbered());
        const auto a = store.submit(test::sample_draft(), cat, "K0042");
        const auto b = store.submit(test::sample_draft(), cat, "K0042");
        const auto other = store.submit(other_field_draft(), cat, "K0042");
        CHECK(a.queue_number == 1);
        CHECK(a.queue_field == "ho_tich");
        CHECK(b.queue_number == 2);
        CHECK(other.queue_number == 1);  // its own counter
        CHECK(other.queue_field == "cu_tru");
        const auto item = store.get(b.dossier_id);
        CHECK(item->queue_number == 2);
        CHECK(item->queue_field == "ho_tich");
    }
    {
        auto store = store::Store::open(dir.path(), clock, numbered());
        CHECK(store.submit(test::sample_draft(), cat, "K0042").queue_number == 3);
        // A bundle: each dossier in its own field's sequence, in the one transaction.
        const auto bundle = store.submit_bundle(test::sample_bundle(), cat, "K0042");
        CHECK(bundle.dossiers.at(0).queue_number == 4);
        CHECK(bundle.dossiers.at(1).queue_number == 2);
        // A draft the store refuses takes no number.
        nlohmann::json bad = test::sample_draft();
        bad["applicant"]["phone"] = "12";
        CHECK_THROWS_AS(store.submit(bad, cat, "K0042"), store::InvalidDraft);
        CHECK(store.submit(test::sample_draft(), cat, "K0042").queue_number == 5);
        // The next local day starts again at 1.
        clock.advance(std::chrono::hours(24));
        CHECK(store.submit(test::sample_draft(), cat, "K0042").queue_number == 1);
    }
}
