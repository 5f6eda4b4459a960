// quayctl's other portal calls: status lookup, catalogue sync with ETag and fallback,
// heartbeat (whose failures never touch delivery).
#include <doctest/doctest.h>

#include <mutex>

#include "common.hpp"
#include "quay/config/config.hpp"
#include "quay/delivery/heartbeat.hpp"

using namespace quay::testing;
using nlohmann::json;
using namespace quay;

namespace {

json bundled_catalog() {
    return json::parse(
        read_file(std::filesystem::path(QUAY_SOURCE_DIR) / "assets/catalog/catalog.json"));
}

std::string catalog_version(const Fixture& f) {
    return f.kiosk.ok({"catalog", "list"}).at("catalog_version").get<std::string>();
}

}  // namespace

TEST_CASE("status lookup: the portal's answer with history; wrong digits look like unknown") {
    Fixture f("svc-status");
    const auto s = f.kiosk.submit(f.kiosk.draft());
    const std::string code = s.at("receipt_code");
    const auto before = f.kiosk.quayctl({"status", code, "--id-last4", "3456"});
    CHECK(before.out.find("portal_ref") == std::string::npos);  // not delivered yet: 404

    deliver_ok(f);
    f.sim.admin("POST", "/_sim/dossiers/" + code + "/advance", "");
    auto r = f.kiosk.quayctl({"status", code, "--id-last4", "3456"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.describe());
    auto answer = json::parse(r.out);
    CHECK(answer.at("receipt_code") == code);
    CHECK(answer.at("status") == "processing");
    CHECK(answer.at("portal_ref") == f.sim.dossier(code)->at("portal_ref"));
    REQUIRE(answer.at("history").size() == 2);
    CHECK(answer.at("history")[0].at("status") == "received");

    f.sim.admin("POST", "/_sim/dossiers/" + code + "/advance",
                R"({"status":"ready_for_pickup","note":"Mời ông/bà đến nhận kết quả"})");
    answer = f.kiosk.ok({"status", code, "--id-last4", "3456"});
    CHECK(answer.at("status") == "ready_for_pickup");
    CHECK(answer.at("history").back().at("note") == "Mời ông/bà đến nhận kết quả");

    const auto wrong = f.kiosk.quayctl({"status", code, "--id-last4", "0000"});
    const auto unknown = f.kiosk.quayctl({"status", "K0042-200101-9999", "--id-last4", "3456"});
    CHECK(wrong.out.find("portal_ref") == std::string::npos);
    CHECK(wrong.exit_code == unknown.exit_code);
    CHECK(wrong.out == unknown.out);
    const auto lookups = f.sim.requests_to("GET", "/v1/dossiers/");
    CHECK(lookups.back().at("status") == 404);
}

TEST_CASE("catalogue sync: ETag, atomic swap, old one kept when the new one is bad") {
    Fixture f("svc-catalog");
    f.kiosk.ok({"catalog", "sync"});
    const auto second = f.kiosk.ok({"catalog", "sync"});
    CHECK(second.at("changed") == false);
    auto gets = f.sim.requests_to("GET", "/v1/catalog");
    REQUIRE(gets.size() == 2);
    CHECK(gets[1].at("status") == 304);  // the kiosk sent the ETag it got

    auto next = bundled_catalog();
    next["catalog_version"] = "2099-12-31";
    f.sim.admin("PUT", "/_sim/catalog", next.dump());
    const auto changed = f.kiosk.ok({"catalog", "sync"});
    CHECK(changed.at("changed") == true);
    CHECK(changed.at("catalog_version") == "2099-12-31");
    CHECK(catalog_version(f) == "2099-12-31");

    SUBCASE("not JSON") {
        f.sim.admin("PUT", "/_sim/catalog", "<html>not a catalogue</html>", "text/html");
    }
    SUBCASE("JSON that is not a valid catalogue") {
        f.sim.admin("PUT", "/_sim/catalog",
                    R"({"format":1,"catalog_version":"2100-01-01","procedures":[{"code":""}]})");
    }
    SUBCASE("captive portal page") {
        f.sim.add_fault("captive_html,endpoint=catalog");
    }
    SUBCASE("truncated") {
        auto again = bundled_catalog();
        again["catalog_version"] = "2100-01-01";
        f.sim.admin("PUT", "/_sim/catalog", again.dump());
        f.sim.add_fault("truncate,mode=short,endpoint=catalog");
    }
    const auto r = f.kiosk.quayctl({"catalog", "sync"});
    if (r.exit_code == 0) CHECK(json::parse(r.out).at("changed") == false);
    CHECK(catalog_version(f) == "2099-12-31");
    // The kiosk still works on the old catalogue.
    const auto s = f.kiosk.submit(f.kiosk.draft());
    CHECK(s.at("state") == "pending");
}

TEST_CASE("heartbeat: sent as printed, stored by the portal, with the queue's counts") {
    Fixture f("svc-heartbeat");
    const auto s = f.submit(3);
    f.sim.add_fault("reject,id=" + id_of(s[0]));
    f.sim.add_fault("status,code=503,id=" + id_of(s[1]));
    CHECK(f.kiosk.deliver_until_idle(2).exit_code == 3);

    const auto sent = f.kiosk.ok({"heartbeat"});
    const auto stored = f.sim.heartbeats();
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].at("kiosk_id") == "K0042");
    const auto body = stored[0].at("body");
    CHECK(body == sent);
    CHECK(body.at("queue").at("pending") == 1);
    CHECK(body.at("queue").at("dead") == 1);
    CHECK(body.at("queue").at("oldest_pending_age_s").get<long>() >= 0);
    CHECK(body.at("catalog_version") == catalog_version(f));
    CHECK(body.at("app_version").is_string());
    CHECK(body.at("printer").is_string());
    CHECK(body.at("uptime_s").is_number_integer());
}

TEST_CASE("heartbeat failures (500, 401, stall) never touch delivery") {
    Fixture f("svc-heartbeat-fail", SimOptions(), KioskOptions().with_stall_limit_ms(1000));
    for (const std::string fault :
         {"status,code=500,endpoint=heartbeat,count=1",
          "status,code=401,endpoint=heartbeat,count=1", "stall,endpoint=heartbeat,count=1"}) {
        CAPTURE(fault);
        f.sim.add_fault(fault);
        const std::string id = id_of(f.kiosk.submit(f.kiosk.draft()));
        f.kiosk.quayctl({"heartbeat"}, std::chrono::seconds(60));
        CHECK(f.kiosk.queue().at("paused") == false);
        deliver_ok(f);
        check_delivered_once(f, id);
    }
}

TEST_CASE("the app's heartbeat: a failed one is retried soon, not a whole interval later") {
    // A kiosk that starts before its network is up must show in the fleet view within
    // seconds of the network coming back, not after heartbeat_interval_s (300 s here).
    Fixture f("svc-heartbeat-retry");
    f.sim.add_fault("status,code=503,endpoint=heartbeat,count=2");
    const config::Config config = config::load_file(f.kiosk.config());
    REQUIRE(config.delivery.heartbeat_interval_s >= 300);
    std::mutex m;
    std::vector<std::string> log;
    const auto start = std::chrono::steady_clock::now();
    delivery::HeartbeatWorker worker(
        config, [] { return delivery::HeartbeatInfo{}; },
        [&](const std::string& line) {
            std::lock_guard lock(m);
            log.push_back(line);
        },
        std::chrono::milliseconds(100));
    std::vector<nlohmann::json> stored;
    while (stored.empty() && std::chrono::steady_clock::now() - start < std::chrono::seconds(30))
        stored = f.sim.heartbeats();  // each call is a round trip to the simulator
    worker.stop();
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].at("kiosk_id") == "K0042");
    std::lock_guard lock(m);
    CHECK(log.size() == 2);  // the two refused ones, logged
    // Two retries, 100 ms then 200 ms apart: well under a second, not 300 s.
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
}
