// quayctl deliver against the simulator: one test per row of the response table of
// portal-api.md (POST /v1/dossiers), checked from the portal's side and from `queue`.
#include <doctest/doctest.h>

#include "common.hpp"

using namespace quay::testing;
using nlohmann::json;

TEST_CASE("201: delivered, portal_ref kept, one POST with the dossier's key and exact body") {
    Fixture f("rows-201");
    const auto s = f.kiosk.submit(f.kiosk.draft());
    const std::string id = id_of(s);
    CHECK(s.at("state") == "pending");
    CHECK(is_uuid(id));
    CHECK(std::regex_match(s.at("receipt_code").get<std::string>(),
                           std::regex("^K0042-\\d{6}-\\d{4}$")));
    deliver_ok(f);
    check_delivered_once(f, id);
    const auto item = item_of(f, id);
    CHECK(item.at("last_error").is_null());
    CHECK(item.at("attempts") == 1);

    const auto posts = f.posts_for(id);
    REQUIRE(posts.size() == 1);
    CHECK(posts[0].at("idempotency_key") == id);
    CHECK(posts[0].at("kiosk_id") == "K0042");
    CHECK(posts[0].at("status") == 201);

    const auto shown = f.kiosk.ok({"show", id});
    const auto stored = f.sim.dossier(id);
    CHECK(shown.at("body") == stored->at("body"));  // the exact bytes that were sent
    const auto body = json::parse(shown.at("body").get<std::string>());
    CHECK(body.at("dossier_id") == id);
    CHECK(body.at("receipt_code") == s.at("receipt_code"));
    CHECK(body.at("kiosk_id") == "K0042");
    CHECK_NOTHROW(parse_rfc3339(body.at("created_at").get<std::string>()));
}

TEST_CASE("200 replay (reply lost after the commit): delivered with the portal's ref") {
    Fixture f("rows-200", SimOptions().with_faults({"status,code=500,after_commit=true,count=1"}));
    const std::string id = deliver_one(f);
    const auto posts = f.posts_for(id);
    REQUIRE(posts.size() == 2);
    CHECK(posts[0].at("status") == 500);
    CHECK(posts[1].at("status") == 200);
    CHECK(posts[1].at("outcome") == "replay");
}

TEST_CASE("400: dead letter that keeps the portal's message; never retried") {
    Fixture f("rows-400");
    const auto s = f.submit(2);
    f.sim.admin("POST", "/_sim/faults",
                json{{"kind", "status"},
                     {"code", 400},
                     {"ids", {id_of(s[0])}},
                     {"body", R"({"error":"bad_request","message":"thiếu trường ngày cấp"})"}}
                    .dump());
    deliver_ok(f);
    const auto dead = item_of(f, id_of(s[0]));
    CHECK(dead.at("state") == "dead");
    REQUIRE(dead.at("last_error").is_string());
    CHECK(dead.at("last_error").get<std::string>().find("thiếu trường ngày cấp") !=
          std::string::npos);
    check_delivered_once(f, id_of(s[1]));
    deliver_ok(f);
    CHECK(f.posts_for(id_of(s[0])).size() == 1);
}

TEST_CASE("401 and 403: all delivery paused, exit 4, nothing sent until staff resume") {
    for (const int code : {401, 403}) {
        CAPTURE(code);
        Fixture f("rows-" + std::to_string(code));
        const auto s = f.submit(2);
        f.sim.add_fault("status,code=" + std::to_string(code) + ",count=1");
        auto r = f.kiosk.deliver_until_idle(30);
        CHECK_MESSAGE(r.exit_code == 4, r.describe());
        auto q = f.kiosk.queue();
        CHECK(q.at("paused") == true);
        CHECK(q.at("pause_reason").is_string());
        const auto sent = f.sim.requests_to("POST", "/v1/dossiers").size();
        // Transfers already under way may finish (parallel sending); the refused one stays
        // pending and nothing new starts once the 401/403 is in.
        CHECK(sent <= 2);
        int pending = 0;
        for (const auto& i : q.at("items")) {
            CHECK(i.at("state") != "dead");
            pending += i.at("state") == "pending";
        }
        CHECK(pending >= 1);

        // A new dossier and another run: still paused, still nothing sent.
        f.kiosk.submit(f.kiosk.draft());
        r = f.kiosk.deliver_until_idle(30);
        CHECK_MESSAGE(r.exit_code == 4, r.describe());
        CHECK(f.sim.requests_to("POST", "/v1/dossiers").size() == sent);

        f.kiosk.ok({"resume"});
        CHECK(f.kiosk.queue().at("paused") == false);
        deliver_ok(f);
        const auto after = f.kiosk.queue();
        for (const auto& i : after.at("items")) {
            check_delivered_once(f, i.at("dossier_id").get<std::string>());
        }
        CHECK(f.sim.dossier_count() == 3);
    }
}

TEST_CASE("401 from a revoked token: paused; a new token and resume deliver") {
    Fixture f("rows-401-token");
    const std::string id = id_of(f.kiosk.submit(f.kiosk.draft()));
    f.kiosk.set_token("revoked-token");
    const auto r = f.kiosk.deliver_until_idle(30);
    CHECK_MESSAGE(r.exit_code == 4, r.describe());
    CHECK(f.posts_for(id).at(0).at("status") == 401);
    f.kiosk.set_token(kiosk_token);
    f.kiosk.ok({"resume"});
    deliver_ok(f);
    check_delivered_once(f, id);
}

TEST_CASE("409 in progress: retried with backoff, then delivered") {
    Fixture f("rows-409", SimOptions().with_faults({"status,code=409,count=2"}));
    const std::string id = deliver_one(f);
    CHECK(f.posts_for(id).size() == 3);
}

TEST_CASE("409 for real: the portal still holds the key after the kiosk gave up waiting") {
    // The commit takes longer than the kiosk's stall limit; the retry meets the held key.
    Fixture f("rows-409-held", SimOptions().with_faults({"hold,ms=2500,count=1"}),
              KioskOptions().with_stall_limit_ms(1000));
    const std::string id = deliver_one(f);
    bool saw_409 = false;
    for (const auto& p : f.posts_for(id))
        saw_409 = saw_409 || p.at("status") == 409;
    CHECK(saw_409);
}

TEST_CASE("413: dead letter") {
    Fixture f("rows-413", SimOptions().with_faults({"status,code=413,count=1"}));
    const std::string id = id_of(f.kiosk.submit(f.kiosk.draft()));
    deliver_ok(f);
    CHECK(state_of(f, id) == "dead");
    CHECK(f.sim.dossier_count() == 0);
}

TEST_CASE("422 idempotency_mismatch: dead letter, never resent under a new key") {
    Fixture f("rows-422-mismatch");
    const auto s = f.kiosk.submit(f.kiosk.draft());
    const std::string id = id_of(s);
    // Someone else already used this key with other content.
    auto other = json::parse(f.kiosk.ok({"show", id}).at("body").get<std::string>());
    other["applicant"]["address"] = "Địa chỉ khác";
    auto c = f.sim.client();
    const auto pre = c.Post("/v1/dossiers",
                            {{"Authorization", "Bearer " + kiosk_token},
                             {"X-Kiosk-Id", "K0042"},
                             {"Idempotency-Key", id}},
                            other.dump(), "application/json");
    REQUIRE(pre->status == 201);

    deliver_ok(f);
    CHECK(state_of(f, id) == "dead");
    deliver_ok(f);
    const auto posts = f.posts_for(id);
    CHECK(posts.size() == 2);  // the foreign one and the kiosk's single try
    for (const auto& p : f.sim.requests_to("POST", "/v1/dossiers")) {
        CHECK(p.at("idempotency_key") == id);
    }
    CHECK(f.sim.dossier_count() == 1);
}

TEST_CASE("422 validation_failed for chosen ids: dead with the portal's reason, others delivered") {
    Fixture f("rows-422-validation");
    const auto s = f.submit(4);
    f.sim.add_fault("reject,id=" + id_of(s[1]) + ",id=" + id_of(s[3]) +
                    ",field=applicant.id_number,message=Số CCCD không khớp CSDL dân cư");
    deliver_ok(f);
    for (const std::size_t i : {1u, 3u}) {
        const auto item = item_of(f, id_of(s[i]));
        CHECK(item.at("state") == "dead");
        REQUIRE(item.at("last_error").is_string());
        const std::string why = item.at("last_error").get<std::string>();
        CHECK(why.find("Số CCCD không khớp CSDL dân cư") != std::string::npos);
        CHECK(why.find("applicant.id_number") != std::string::npos);
    }
    check_delivered_once(f, id_of(s[0]));
    check_delivered_once(f, id_of(s[2]));
    CHECK(f.sim.dossier_count() == 2);
}

TEST_CASE("429 with Retry-After in seconds: no request before the stated time") {
    Fixture f("rows-429", SimOptions().with_faults({"status,code=429,retry_after=2,count=1"}));
    const std::string id = deliver_one(f);
    const auto posts = f.posts_for(id);
    REQUIRE(posts.size() == 2);
    CHECK(posts[0].at("retry_after") == "2");
    const auto waited =
        posts[1].at("started_mono_ms").get<long>() - posts[0].at("finished_mono_ms").get<long>();
    CHECK(waited >= 2000);
}

TEST_CASE("503 with Retry-After as an HTTP date: no request before that date") {
    Fixture f("rows-503-date",
              SimOptions().with_faults({"status,code=503,retry_after_date=3,count=1"}));
    const std::string id = deliver_one(f);
    const auto posts = f.posts_for(id);
    REQUIRE(posts.size() == 2);
    const auto date = parse_http_date(posts[0].at("retry_after").get<std::string>());
    const auto next = std::chrono::system_clock::time_point(
        std::chrono::milliseconds(posts[1].at("started_ms").get<long long>()));
    CHECK(next >= date);
}

TEST_CASE("Retry-After over an hour is capped at one hour") {
    Fixture f("rows-retry-cap", SimOptions().with_faults({"status,code=503,retry_after=7200"}));
    const std::string id = id_of(f.kiosk.submit(f.kiosk.draft()));
    const auto r = f.kiosk.deliver_until_idle(3);
    CHECK_MESSAGE(r.exit_code == 3, r.describe());
    const auto item = item_of(f, id);
    CHECK(item.at("state") == "pending");
    REQUIRE(item.at("next_attempt_at").is_string());
    const auto next = parse_rfc3339(item.at("next_attempt_at").get<std::string>());
    const auto ahead =
        std::chrono::duration_cast<std::chrono::seconds>(next - std::chrono::system_clock::now())
            .count();
    CHECK(ahead <= 3600);
    CHECK(ahead >= 3600 - 60);
    CHECK(f.posts_for(id).size() == 1);
}

TEST_CASE("other 5xx: retried with backoff while down, delivered after recovery") {
    Fixture f("rows-5xx", SimOptions().with_faults({"status,code=500"}));
    const std::string id = id_of(f.kiosk.submit(f.kiosk.draft()));
    const auto r = f.kiosk.deliver_until_idle(3);
    CHECK_MESSAGE(r.exit_code == 3, r.describe());
    const auto item = item_of(f, id);
    CHECK(item.at("state") == "pending");
    CHECK(item.at("attempts").get<int>() >= 2);
    CHECK(item.at("last_error").is_string());
    CHECK(f.sim.dossier_count() == 0);
    for (const int code : {502, 504})
        f.sim.add_fault("status,code=" + std::to_string(code) + ",count=1");
    f.sim.admin("DELETE", "/_sim/faults/f1");
    deliver_ok(f);
    check_delivered_once(f, id);
}

TEST_CASE("anything else (302, 404, 418): retried and never dead; redirects not followed") {
    Fixture f("rows-other");
    const std::string id = id_of(f.kiosk.submit(f.kiosk.draft()));
    f.sim.add_fault("status,code=302,location=" + f.sim.url() +
                    "/v1/moved,count=1\n"
                    "status,code=404,count=1\nstatus,code=418,count=1");
    deliver_ok(f);
    check_delivered_once(f, id);
    CHECK(f.posts_for(id).size() == 4);
    for (const auto& r : f.sim.requests())
        CHECK(r.at("path") != "/v1/moved");
}
