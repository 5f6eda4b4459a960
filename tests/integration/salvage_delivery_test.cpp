// A kiosk's quay.db is damaged on purpose in the middle of its queue (issue 11): after the
// damaged file is moved aside, `quayctl deliver` salvages the readable undelivered dossiers
// and delivers each to the simulator exactly once with its original id and code; the
// dossiers delivered before the damage are not sent again, and no code is reused.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "common.hpp"
#include "quay/clock.hpp"
#include "quay/store/store.hpp"

using namespace quay::testing;
using nlohmann::json;

namespace {

// Overwrites the start of the page of `file` that holds `needle`.
void damage_page_holding(const std::filesystem::path& file, const std::string& needle) {
    std::string bytes;
    {
        std::ifstream in(file, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    const std::size_t page = 4096;  // SQLite's default page size, which the store keeps
    const auto pos = bytes.find(needle);
    REQUIRE(pos != std::string::npos);
    REQUIRE(pos >= page);
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(pos / page * page));
    const std::string junk(200, '\xa5');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
}

// n submits of the first procedure's draft (every procedure's sample draft is not valid on
// every day).
std::vector<json> submit(const Fixture& f, std::size_t n) {
    const json draft = f.kiosk.draft();
    std::vector<json> out;
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(f.kiosk.submit(draft));
    return out;
}

// The queue's items by dossier_id.
std::map<std::string, json> items_by_id(const Fixture& f) {
    std::map<std::string, json> out;
    const json queue = f.kiosk.queue();
    for (const auto& i : queue.at("items"))
        out[i.at("dossier_id").get<std::string>()] = i;
    return out;
}

// How often each value of `key` occurs in the records.
std::map<std::string, int> count_by(const std::vector<json>& records, const char* key) {
    std::map<std::string, int> out;
    for (const auto& r : records)
        if (r.contains(key) && r.at(key).is_string()) ++out[r.at(key).get<std::string>()];
    return out;
}

}  // namespace

TEST_CASE("salvaged dossiers are delivered exactly once with their original ids and codes") {
    Fixture f("salvage-delivery");
    std::set<std::string> codes;
    std::vector<std::string> delivered;
    for (const auto& s : submit(f, 10)) {
        delivered.push_back(id_of(s));
        codes.insert(s.at("receipt_code").get<std::string>());
    }
    deliver_ok(f);
    std::vector<json> pending = submit(f, 120);
    for (const auto& s : pending)
        codes.insert(s.at("receipt_code").get<std::string>());
    const auto before = items_by_id(f);
    const std::string victim = id_of(pending[60]);
    damage_page_holding(f.kiosk.data_dir() / "quay.db",
                        f.kiosk.ok({"show", victim}).at("body").get<std::string>());

    // The check at the next boot finds the damage and moves the file aside.
    quay::SystemClock clock;
    quay::store::Options o;
    o.check_every_open = true;
    CHECK_THROWS_AS(quay::store::Store::open(f.kiosk.data_dir(), clock, o),
                    quay::store::DamagedError);

    deliver_ok(f);
    const auto after = items_by_id(f);
    const auto at_portal = f.sim.dossiers();
    const std::vector<json> portal(at_portal.begin(), at_portal.end());
    const auto portal_ids = count_by(portal, "dossier_id");
    const auto portal_codes = count_by(portal, "receipt_code");
    const auto posts = count_by(f.sim.requests_to("POST", "/v1/dossiers"), "idempotency_key");
    std::size_t salvaged = 0;
    for (const auto& s : pending) {
        const std::string id = id_of(s);
        const auto item = after.find(id);
        if (item == after.end()) continue;  // on the damaged page
        ++salvaged;
        CHECK(item->second.at("receipt_code") == s.at("receipt_code"));
        CHECK(item->second.at("created_at") == before.at(id).at("created_at"));
        CHECK(item->second.at("state") == "delivered");
        CHECK(portal_ids.count(id) == 1);
        CHECK(portal_ids.at(id) == 1);
        CHECK(portal_codes.at(s.at("receipt_code").get<std::string>()) == 1);
        CHECK(posts.at(id) == 1);
    }
    MESSAGE("salvaged and delivered " << salvaged << " of " << pending.size());
    CHECK(after.count(victim) == 0);
    CHECK(salvaged >= pending.size() - 20);
    CHECK(portal.size() == delivered.size() + salvaged);
    for (const auto& id : delivered)
        CHECK(posts.at(id) == 1);

    const json queue = f.kiosk.queue();
    REQUIRE(queue.at("damaged").size() == 1);
    CHECK(queue.at("damaged")[0].at("undelivered") == salvaged);
    CHECK(queue.at("damaged")[0].at("unreadable").get<std::size_t>() == pending.size() - salvaged);
    for (const auto& s : submit(f, 3))
        CHECK(codes.count(s.at("receipt_code").get<std::string>()) == 0);
}
