// quayctl deliver against a misbehaving portal: the strict success check (captive page,
// wrong id, empty ref, wrong type, truncated reply), lost acks, stalls, slow drips, random
// 5xx, a dead network, and no head-of-line blocking.
#include <doctest/doctest.h>

#include "common.hpp"

using namespace quay::testing;
using nlohmann::json;

TEST_CASE("replies that are not a delivery: never marked delivered, then delivered exactly once") {
    // Each fault answers 200/201-looking replies that fail one clause of the success check.
    for (const std::string fault : {"captive_html", "wrong_id", "empty_ref", "wrong_type",
                                    "truncate", "truncate,mode=short"}) {
        CAPTURE(fault);
        Fixture f("bad-ack", SimOptions().with_faults({fault}));
        const std::string id = id_of(f.kiosk.submit(f.kiosk.draft()));
        const auto r = f.kiosk.deliver_until_idle(3);
        CHECK_MESSAGE(r.exit_code == 3, r.describe());
        const auto item = item_of(f, id);
        CHECK(item.at("state") == "pending");
        CHECK(item.at("portal_ref").is_null());
        CHECK(item.at("attempts").get<int>() >= 2);
        f.sim.clear_faults();
        deliver_ok(f);
        check_delivered_once(f, id);
        CHECK(f.sim.dossier_count() == 1);
    }
}

TEST_CASE("lost ack (commit, then the connection drops): delivered exactly once") {
    Fixture f("lost-ack", SimOptions().with_faults({"lost_ack,count=1"}));
    const std::string id = deliver_one(f);
    const auto posts = f.posts_for(id);
    REQUIRE(posts.size() == 2);
    CHECK(posts[0].at("outcome") == "stored+dropped");
    CHECK(posts[1].at("outcome") == "replay");
}

TEST_CASE("lost acks at a seeded rate over many dossiers: each exactly once on the portal") {
    Fixture f("lost-ack-rate", SimOptions().with_faults({"lost_ack,rate=0.5,seed=3"}));
    const auto s = f.submit(12);
    deliver_ok(f, 120);
    for (const auto& d : s)
        check_delivered_once(f, id_of(d));
    CHECK(f.sim.dossier_count() == 12);
    int dropped = 0;
    for (const auto& r : f.sim.requests_to("POST", "/v1/dossiers"))
        dropped += r.at("status") == 0;
    CHECK(dropped > 0);
}

TEST_CASE("stall before any reply byte: the try is aborted at the stall limit, then retried") {
    Fixture f("stall", SimOptions().with_faults({"stall,count=1"}),
              KioskOptions().with_stall_limit_ms(1000));
    const std::string id = deliver_one(f);
    const auto posts = f.posts_for(id);
    REQUIRE(posts.size() == 2);
    CHECK(posts[0].at("outcome") == "stalled,client_left");
    const auto held =
        posts[0].at("finished_mono_ms").get<long>() - posts[0].at("started_mono_ms").get<long>();
    CHECK(held >= 900);   // not given up before the limit
    CHECK(held <= 3000);  // aborted within the limit (plus scheduling slack)
}

TEST_CASE("stall in the middle of the reply body: aborted, retried, delivered once") {
    Fixture f("stall-body", SimOptions().with_faults({"stall,phase=body,count=1"}),
              KioskOptions().with_stall_limit_ms(1000));
    const std::string id = deliver_one(f);
    const auto posts = f.posts_for(id);
    REQUIRE(posts.size() == 2);
    CHECK(posts[0].at("outcome") == "stored+stalled_body,client_left");
    CHECK(posts[1].at("outcome") == "replay");
}

TEST_CASE("slow drip that keeps making progress is not a stall") {
    // About 5 s for the whole reply, never 1 s without a byte.
    Fixture f("drip", SimOptions().with_faults({"drip,interval_ms=250,chunk=8,count=1"}),
              KioskOptions().with_stall_limit_ms(1000));
    const std::string id = deliver_one(f);
    const auto posts = f.posts_for(id);
    REQUIRE(posts.size() == 1);
    CHECK(posts[0].at("outcome") == "stored+dripped");
}

TEST_CASE("5xx at a seeded rate: every dossier delivered exactly once") {
    Fixture f("5xx-rate",
              SimOptions().with_faults({"status,code=500,rate=0.4,seed=11",
                                        "status,code=503,rate=0.2,seed=5",
                                        "status,code=502,rate=0.2,seed=7,after_commit=true"}));
    const auto s = f.submit(10);
    deliver_ok(f, 120);
    for (const auto& d : s)
        check_delivered_once(f, id_of(d));
    CHECK(f.sim.dossier_count() == 10);
}

TEST_CASE("no head-of-line blocking: one failing dossier does not hold the others") {
    Fixture f("hol");
    const auto s = f.submit(4);
    f.sim.add_fault("status,code=503,id=" + id_of(s[0]));
    const auto r = f.kiosk.deliver_until_idle(3);
    CHECK_MESSAGE(r.exit_code == 3, r.describe());
    CHECK(state_of(f, id_of(s[0])) == "pending");
    for (std::size_t i = 1; i < s.size(); ++i)
        check_delivered_once(f, id_of(s[i]));
}

TEST_CASE("network down (connection refused), then the portal comes back on the same port") {
    TempDir dir("net-down");
    const auto portal_dir = make_subdir(dir, "portal");
    std::optional<Sim> sim;
    sim.emplace(portal_dir, SimOptions().with_tokens(kiosk_token + "\n"));
    const int port = sim->port();
    Kiosk kiosk(make_subdir(dir, "kiosk"), sim->url(), kiosk_token);
    const std::string id = id_of(kiosk.submit(kiosk.draft()));
    REQUIRE(sim->stop() == 0);
    sim.reset();

    const auto r = kiosk.deliver_until_idle(2);
    CHECK_MESSAGE(r.exit_code == 3, r.describe());
    const auto item = kiosk.item(id);
    REQUIRE(item);
    CHECK(item->at("state") == "pending");
    CHECK(item->at("last_error").is_string());

    sim.emplace(portal_dir, SimOptions()
                                .with_tokens(kiosk_token + "\n")
                                .with_args({"--listen", "127.0.0.1:" + std::to_string(port)}));
    const auto again = kiosk.deliver_until_idle(60);
    REQUIRE_MESSAGE(again.exit_code == 0, again.describe());
    CHECK(kiosk.item(id)->at("state") == "delivered");
    CHECK(sim->dossier_count() == 1);
}
