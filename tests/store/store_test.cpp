// The store on real SQLite files: submit round trips, receipt codes, pause/resend, the
// sender's claim/mark cycle, retention, concurrent first opens, damaged files.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <fstream>
#include <set>
#include <thread>

#include "quay/store/store.hpp"
#include "quay/text/utf8.hpp"
#include "temp_dir.hpp"
#include "test_catalog.hpp"

using namespace quay;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// 2026-11-22 09:15:02 UTC
ManualClock make_clock() {
    return ManualClock(std::chrono::system_clock::time_point(std::chrono::seconds(1795338902)));
}

json draft(const std::string& name = "Nguyễn Văn An") {
    return {{"procedure_code", "1.001193"},
            {"applicant",
             {{"full_name", name},
              {"id_number", "001090123456"},
              {"date_of_birth", "1990-01-01"},
              {"phone", "0912345678"},
              {"address", "Số 5, thôn Đông"}}},
            {"fields", {{"child_full_name", "Nguyễn Thị Bình"}}}};
}

}  // namespace

TEST_CASE("submit stores the exact body once, with ids and catalogue data") {
    test::TempDir dir;
    auto clock = make_clock();
    const auto data = dir.path() / "data";
    auto store = store::Store::open(data, clock);
    struct stat st {};
    REQUIRE(::stat(data.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);

    const auto cat = test::small_catalog();
    // Decomposed "ễ" (e + circumflex + tilde) must come out composed.
    const std::string decomposed = "Nguye\xcc\x82\xcc\x83n Va\xcc\x86n An";
    const auto s = store.submit(draft(decomposed), cat, "K0042");
    CHECK(s.dossier_id.size() == 36);
    CHECK(s.dossier_id[14] == '4');
    const auto local = local_time(clock.now(), clock.utc_offset_minutes());
    char day[8];
    std::snprintf(day, sizeof day, "%02d%02d%02d", local.year % 100, local.month, local.day);
    CHECK(s.receipt_code == std::string("K0042-") + day + "-0001");
    CHECK(s.created_at == format_rfc3339(clock.now(), 420));

    const auto item = store.get(s.dossier_id);
    REQUIRE(item);
    CHECK(item->state == store::State::pending);
    CHECK(item->attempts == 0);
    REQUIRE(item->body);
    const auto body = json::parse(*item->body);
    CHECK(body["dossier_id"] == s.dossier_id);
    CHECK(body["receipt_code"] == s.receipt_code);
    CHECK(body["kiosk_id"] == "K0042");
    CHECK(body["catalog_version"] == "2026-11-01");
    CHECK(body["created_at"] == s.created_at);
    CHECK(body["applicant"]["full_name"] == text::to_nfc(decomposed));
    CHECK(body["applicant"]["full_name"] != decomposed);
    CHECK(body["applicant"]["email"].is_null());
    CHECK(body["documents"][0]["code"] == "giay_chung_sinh");
    CHECK(body["fees"][0]["amount"] == 0);
    // Key order of the contract.
    CHECK(item->body->rfind("{\"dossier_id\":", 0) == 0);
    CHECK(store.find_by_receipt(s.receipt_code)->dossier_id == s.dossier_id);

    const auto s2 = store.submit(draft(), cat, "K0042");
    CHECK(s2.receipt_code == std::string("K0042-") + day + "-0002");
    CHECK(s2.dossier_id != s.dossier_id);
    clock.advance(24h);
    const auto s3 = store.submit(draft(), cat, "K0042");
    CHECK(s3.receipt_code.substr(s3.receipt_code.size() - 4) == "0001");

    // Survives reopening, in order.
    auto again = store::Store::open(data, clock);
    const auto items = again.items();
    REQUIRE(items.size() == 3);
    CHECK(items[0].dossier_id == s.dossier_id);
    CHECK(items[2].dossier_id == s3.dossier_id);
    CHECK(!items[0].body);  // items() leaves bodies out
    CHECK(again.get(s.dossier_id)->body == item->body);
}

TEST_CASE("an invalid draft stores nothing and names every problem") {
    test::TempDir dir;
    auto clock = make_clock();
    auto store = store::Store::open(dir.path(), clock);
    const auto cat = test::small_catalog();
    json bad = {{"procedure_code", "9.999"}, {"dossier_id", "x"}};
    try {
        store.submit(bad, cat, "K0042");
        FAIL("accepted");
    } catch (const store::InvalidDraft& e) {
        std::set<std::string> fields;
        for (const auto& p : e.details())
            fields.insert(p.field);
        CHECK(fields.count("procedure_code"));
        CHECK(fields.count("applicant.full_name"));  // each missing applicant field is named
        CHECK(fields.count("dossier_id"));
    }
    json missing = draft();
    missing["fields"].erase("child_full_name");
    CHECK_THROWS_AS(store.submit(missing, cat, "K0042"), store::InvalidDraft);
    CHECK(store.items().empty());
    // The failed drafts did not use up receipt numbers.
    const auto s = store.submit(draft(), cat, "K0042");
    CHECK(s.receipt_code.substr(s.receipt_code.size() - 4) == "0001");
}

TEST_CASE("settle: outcomes and claims in one transaction; unclaimed leaves an item as it was") {
    test::TempDir dir;
    auto clock = make_clock();
    auto store = store::Store::open(dir.path(), clock);
    const auto cat = test::small_catalog();
    std::vector<std::string> ids;
    for (int i = 0; i < 5; ++i)
        ids.push_back(store.submit(draft(), cat, "K0042").dossier_id);
    // An earlier failure on the third: its error and due time must survive an unclaim.
    REQUIRE(store.settle({}, 3).size() == 3);
    clock.advance(1s);  // its due time is later than the others' (never failed: 0)
    store.mark_retry(ids[2], 0s, "network: connect: refused");
    const auto before = *store.get(ids[2]);

    auto claimed = store.settle({}, 10);  // oldest due first: 2 (due again), 3, 4
    REQUIRE(claimed.size() == 3);
    using K = store::Settled::Kind;
    claimed = store.settle({{.kind = K::delivered, .dossier_id = ids[0], .text = "HS-0"},
                            {.kind = K::retry,
                             .dossier_id = ids[1],
                             .text = "HTTP 503",
                             .delay = std::chrono::milliseconds(60s)},
                            {.kind = K::unclaimed, .dossier_id = ids[2]},
                            {.kind = K::dead, .dossier_id = ids[3], .text = "too_large"},
                            {.kind = K::released, .dossier_id = ids[4]}},
                           1);
    CHECK(store.get(ids[0])->state == store::State::delivered);
    CHECK(store.get(ids[0])->portal_ref == "HS-0");
    CHECK(store.get(ids[1])->state == store::State::pending);
    CHECK(store.get(ids[3])->state == store::State::dead);
    const auto after = *store.get(ids[2]);
    CHECK(after.attempts == before.attempts);  // the attempt given back
    CHECK(after.next_attempt_at == before.next_attempt_at);
    CHECK(after.last_error == before.last_error);
    CHECK(after.state == store::State::pending);
    // Claimed in the same transaction, after the outcomes: the released one, due first.
    REQUIRE(claimed.size() == 1);
    CHECK(claimed[0].dossier_id == ids[4]);

    // A 401 in the batch pauses the queue before its claims: none.
    CHECK(store
              .settle({{.kind = K::unauthorized,
                        .dossier_id = ids[2],
                        .text = "HTTP 401",
                        .fingerprint = "fp"}},
                      5)
              .empty());
    CHECK(store.paused());
    CHECK(store.get(ids[2])->state == store::State::pending);
}

TEST_CASE("claim, retry, dead, resend, delivered and pause") {
    test::TempDir dir;
    auto clock = make_clock();
    auto store = store::Store::open(dir.path(), clock);
    const auto cat = test::small_catalog();
    const auto a = store.submit(draft(), cat, "K0042");
    const auto b = store.submit(draft(), cat, "K0042");

    auto c1 = store.claim_due();
    REQUIRE(c1);
    CHECK(c1->dossier_id == a.dossier_id);
    CHECK(c1->attempts == 1);
    CHECK(store.get(a.dossier_id)->state == store::State::in_flight);
    store.mark_retry(a.dossier_id, 10s, "HTTP 503");
    // a waits; b is independent and due now.
    auto c2 = store.claim_due();
    REQUIRE(c2);
    CHECK(c2->dossier_id == b.dossier_id);
    CHECK(!store.claim_due());
    CHECK(store.next_due_in() == std::chrono::milliseconds(10s));
    store.mark_dead(b.dossier_id, "validation_failed", json{{"details", json::array()}});
    auto dead = store.get(b.dossier_id);
    CHECK(dead->state == store::State::dead);
    CHECK(dead->last_error == "validation_failed");
    CHECK(dead->error_details.contains("details"));
    CHECK(!store.resend(a.dossier_id));  // not dead
    CHECK(store.resend(b.dossier_id));
    CHECK(store.get(b.dossier_id)->body == dead->body);

    clock.advance(10s);
    auto resent = store.claim_due();  // due since its resend, before a's retry time
    REQUIRE(resent);
    CHECK(resent->dossier_id == b.dossier_id);
    auto c3 = store.claim_due();
    REQUIRE(c3);
    CHECK(c3->dossier_id == a.dossier_id);
    CHECK(c3->attempts == 2);
    CHECK(c3->failures == 1);
    store.mark_delivered(a.dossier_id, "HS-1");
    CHECK(store.get(a.dossier_id)->portal_ref == "HS-1");

    store.pause("staff", "printer service");
    CHECK(store.paused());
    CHECK(store.pause_state()->reason == "staff");
    CHECK(!store.claim_due());
    store.resume();
    CHECK(!store.paused());
    // A sender that died: its in_flight item is due again.
    CHECK(store.recover_in_flight() == 1);
    CHECK(store.get(b.dossier_id)->state == store::State::pending);

    const auto refused = store.claim_due();
    REQUIRE(refused);
    store.pause_unauthorized(refused->dossier_id, "fp1", "HTTP 401");
    CHECK(store.get(refused->dossier_id)->state == store::State::pending);
    CHECK(!store.claim_due());
    CHECK(!store.lift_auth_pause_if_changed("fp1"));
    CHECK(store.lift_auth_pause_if_changed("fp2"));
    CHECK(!store.paused());

    const auto sum = store.summary();
    CHECK(sum.pending == 1);
    CHECK(sum.delivered == 1);
    CHECK(sum.oldest_pending_age_s == 10);
}

TEST_CASE("retention purges only delivered bodies") {
    test::TempDir dir;
    auto clock = make_clock();
    store::Options o;
    o.retention_days = 30;
    auto store = store::Store::open(dir.path(), clock, o);
    const auto cat = test::small_catalog();
    const auto a = store.submit(draft(), cat, "K0042");
    const auto b = store.submit(draft(), cat, "K0042");
    const auto d = store.submit(draft(), cat, "K0042");
    REQUIRE(store.claim_due());
    store.mark_delivered(a.dossier_id, "HS-1");
    REQUIRE(store.claim_due());
    store.mark_dead(b.dossier_id, "too_large", nullptr);
    clock.advance(std::chrono::hours(24 * 29));
    CHECK(store.purge_expired() == 0);
    clock.advance(std::chrono::hours(48));
    CHECK(store.purge_expired() == 1);
    CHECK(!store.get(a.dossier_id)->body);
    CHECK(store.get(a.dossier_id)->portal_ref == "HS-1");
    CHECK(store.get(b.dossier_id)->body);
    CHECK(store.get(d.dossier_id)->body);
}

TEST_CASE("several threads opening a fresh directory at once all succeed") {
    test::TempDir dir;
    auto clock = make_clock();
    const auto data = dir.path() / "fresh";
    const auto cat = test::small_catalog();
    std::vector<std::thread> threads;
    std::vector<std::string> errors(8);
    std::vector<std::string> codes(8);
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([&, i] {
            try {
                auto s = store::Store::open(data, clock);
                codes[static_cast<std::size_t>(i)] = s.submit(draft(), cat, "K0042").receipt_code;
            } catch (const std::exception& e) {
                errors[static_cast<std::size_t>(i)] = e.what();
            }
        });
    }
    for (auto& t : threads)
        t.join();
    for (const auto& e : errors)
        CHECK(e == "");
    std::set<std::string> unique(codes.begin(), codes.end());
    CHECK(unique.size() == 8);
}

TEST_CASE("a damaged file is moved aside and reported, never recreated silently") {
    test::TempDir dir;
    auto clock = make_clock();
    std::string code;
    {
        auto store = store::Store::open(dir.path(), clock);
        code = store.submit(draft(), test::small_catalog(), "K0042").receipt_code;
    }
    const auto file = dir.path() / "quay.db";
    {
        std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(0);
        f << "this is not an SQLite header at all";
    }
    store::Options o;
    o.check_every_open = true;
    try {
        store::Store::open(dir.path(), clock, o);
        FAIL("opened a damaged file");
    } catch (const store::DamagedError& e) {
        CHECK(e.code() == "database_damaged");
        CHECK(std::filesystem::exists(e.moved_to()));
        CHECK(!std::filesystem::exists(file));
    }
    // The next open starts a new file, salvages the copy's pending dossier into it (the
    // header is rebuilt for reading) and lists the copy.
    auto fresh = store::Store::open(dir.path(), clock, o);
    REQUIRE(fresh.items().size() == 1);
    CHECK(fresh.items()[0].receipt_code == code);
    REQUIRE(fresh.damaged_copies().size() == 1);
    CHECK(fresh.damaged_copies()[0].undelivered == 1);
}

TEST_CASE("submit_bundle: one transaction, the same bundle_id in every body; invalid: nothing") {
    test::TempDir dir;
    const ManualClock clock = make_clock();
    auto store = store::Store::open(dir.path(), clock);
    const auto cat = test::bundle_catalog();
    const auto b = store.submit_bundle(test::sample_bundle(), cat, "K0042");
    REQUIRE(b.dossiers.size() == 2);
    CHECK(b.dossiers[0].procedure_code == "1.001193");
    CHECK(b.dossiers[1].procedure_code == "1.004222");
    CHECK(b.dossiers[0].receipt_code != b.dossiers[1].receipt_code);
    for (const auto& d : b.dossiers) {
        const auto item = store.get(d.dossier_id);
        REQUIRE(item.has_value());
        const auto body = json::parse(*item->body);
        CHECK(body.at("bundle_id") == b.bundle_id);
        CHECK(body.at("procedure_code") == d.procedure_code);
    }
    // A lone dossier's body has no bundle_id.
    const auto lone = store.submit(test::sample_draft(), cat, "K0042");
    CHECK_FALSE(json::parse(*store.get(lone.dossier_id)->body).contains("bundle_id"));

    auto refused = [&](json bundle, const std::string& field) {
        try {
            store.submit_bundle(bundle, cat, "K0042");
            FAIL("accepted");
        } catch (const store::InvalidDraft& e) {
            bool named = false;
            for (const auto& p : e.details())
                named = named || p.field == field;
            CHECK_MESSAGE(named, field);
        }
        CHECK(store.items().size() == 3);
    };
    json bad = test::sample_bundle();
    bad["drafts"][1]["applicant"]["phone"] = "12";
    refused(bad, "drafts[1].applicant.phone");
    bad = test::sample_bundle();
    bad["drafts"][1]["fields"]["member_full_name"] = "Người Khác";
    refused(bad, "drafts[1].fields.member_full_name");
    bad = test::sample_bundle();
    bad["drafts"][1]["applicant"]["full_name"] = "Người Khác";
    refused(bad, "drafts[1].applicant");
    bad = test::sample_bundle();
    bad["drafts"][1] = test::sample_draft();
    refused(bad, "drafts[1].procedure_code");
    refused(json{{"bundle", "zz"}, {"drafts", json::array()}}, "bundle");
    // An optional shared field left out of one draft is not a second answer.
    json partial = test::sample_bundle();
    partial["drafts"][1]["fields"] = json::object();
    CHECK(store.submit_bundle(partial, cat, "K0042").dossiers.size() == 2);
}
