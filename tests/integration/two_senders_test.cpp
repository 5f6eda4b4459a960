// Two senders on one data directory (quayctl.md: the app's thread and `quayctl deliver`
// never post one dossier at once): several `quayctl deliver --until-idle` processes started
// together, and the in-process delivery::Worker next to a `quayctl deliver`. The proof is
// the simulator's request log: for every dossier_id the POSTs never overlap in time (and
// none met 409 in_progress), each was posted once, and each is on the portal exactly
// once. A `hold` fault keeps every POST open for a while, so that an overlap would show.
#include <doctest/doctest.h>

#include <algorithm>
#include <condition_variable>
#include <future>
#include <map>
#include <mutex>
#include <set>

#include "bulk.hpp"
#include "common.hpp"
#include "quay/catalog/loader.hpp"
#include "quay/clock.hpp"
#include "quay/delivery/sender.hpp"
#include "quay/store/store.hpp"

using namespace quay::testing;
using nlohmann::json;
namespace delivery = quay::delivery;
namespace store = quay::store;

namespace {

// The request log's verdict: per dossier, POSTs one after another, never at once.
void check_no_overlap_and_once(const Fixture& f, const std::vector<std::string>& ids) {
    std::map<std::string, std::vector<json>> by_id;
    for (const auto& r : f.sim.requests_to("POST", "/v1/dossiers")) {
        REQUIRE_MESSAGE(!r.at("finished_mono_ms").is_null(), "a POST still open: " << r.dump());
        CHECK_MESSAGE(r.at("outcome") != "in_progress", "409 in_progress: " << r.dump());
        by_id[r.at("idempotency_key").get<std::string>()].push_back(r);
    }
    for (auto& entry : by_id) {
        // Not a structured binding: doctest's message lambdas capture it (clang 14).
        auto& posts = entry.second;
        std::sort(posts.begin(), posts.end(), [](const json& a, const json& b) {
            return a.at("started_mono_ms").get<double>() < b.at("started_mono_ms").get<double>();
        });
        // No fault here fails a POST, so a second one can only come from a second sender
        // (one that took another's in_flight items for a dead sender's, say).
        CHECK_MESSAGE(posts.size() == 1, entry.first << " was posted " << posts.size() << " times");
        for (std::size_t i = 1; i < posts.size(); ++i) {
            CHECK_MESSAGE(posts[i].at("started_mono_ms").get<double>() >=
                              posts[i - 1].at("finished_mono_ms").get<double>(),
                          "overlapping POSTs: " << posts[i - 1].dump() << " / " << posts[i].dump());
        }
    }
    // Exactly once on the portal, and delivered in the kiosk's queue.
    const auto portal = f.sim.dossiers();
    CHECK(portal.size() == ids.size());
    std::set<std::string> on_portal;
    for (const auto& d : portal)
        on_portal.insert(d.at("dossier_id").get<std::string>());
    CHECK(on_portal.size() == portal.size());
    const auto q = f.kiosk.queue().at("items");
    REQUIRE(q.size() == ids.size());
    for (const auto& i : q) {
        CHECK_MESSAGE(i.at("state") == "delivered", i.dump());
        CHECK(on_portal.contains(i.at("dossier_id").get<std::string>()));
    }
}

bool portal_has_posts(const Fixture& f) {
    return !f.sim.requests_to("POST", "/v1/dossiers").empty();
}

}  // namespace

TEST_CASE(
    "three quayctl deliver --until-idle at once post each dossier once, never twice at once") {
    Fixture f("two-senders-cli", SimOptions().with_faults({"hold,ms=30"}));
    auto ids = submit_many(f.kiosk, 300);
    auto deliver = [&f] { return f.kiosk.deliver_until_idle(120); };
    std::vector<std::future<RunResult>> runs;
    // One sender first; two more once it is posting: without the lock they would take its
    // in_flight items for a dead sender's and post them again.
    runs.push_back(std::async(std::launch::async, deliver));
    REQUIRE(wait_until([&] { return portal_has_posts(f); }, std::chrono::seconds(30)));
    runs.push_back(std::async(std::launch::async, deliver));
    runs.push_back(std::async(std::launch::async, deliver));
    // New dossiers arrive while they run: the idle checks of the waiting senders race
    // with the new work.
    const auto more = submit_many(f.kiosk, 50);
    ids.insert(ids.end(), more.begin(), more.end());
    for (auto& r : runs) {
        const RunResult res = r.get();
        CHECK_MESSAGE(res.exit_code == 0, res.describe());
    }
    // The 50 may have come after every sender went idle: one more run sends what is left.
    deliver_ok(f);
    check_no_overlap_and_once(f, ids);
}

TEST_CASE("the app's Worker and quayctl deliver: one waits, then the other takes over") {
    Fixture f("two-senders-worker", SimOptions().with_faults({"hold,ms=30"}));
    auto ids = submit_many(f.kiosk, 200);

    // quayctl deliver first: it holds the lock once the portal sees a POST.
    auto cli = std::async(std::launch::async, [&f] { return f.kiosk.deliver_until_idle(120); });
    REQUIRE(wait_until([&] { return portal_has_posts(f); }, std::chrono::seconds(30)));

    std::mutex m;
    std::condition_variable cv;
    std::vector<delivery::Event::Kind> kinds;
    std::set<std::string> by_worker;
    delivery::SenderOptions options;
    options.poll_interval = std::chrono::milliseconds(50);
    options.on_event = [&](const delivery::Event& e) {
        {
            std::lock_guard lock(m);
            kinds.push_back(e.kind);
            if (e.kind == delivery::Event::Kind::delivered) by_worker.insert(e.dossier_id);
        }
        cv.notify_all();
    };
    const auto config = quay::config::load_file(f.kiosk.config());
    quay::SystemClock clock;
    {
        delivery::Worker worker(config, clock, options);
        const RunResult r = cli.get();
        REQUIRE_MESSAGE(r.exit_code == 0, r.describe());
        CHECK(json::parse(r.out).at("delivered") == 200);

        // quayctl has gone idle and exited; new dossiers now go through the Worker.
        const auto more = submit_many(f.kiosk, 100);
        ids.insert(ids.end(), more.begin(), more.end());
        worker.wake();
        {
            std::unique_lock lock(m);
            const bool all = cv.wait_for(lock, std::chrono::seconds(60),
                                         [&] { return by_worker.size() >= more.size(); });
            REQUIRE_MESSAGE(all, "the Worker delivered " << by_worker.size() << " of 100");
        }
        worker.stop();
        std::lock_guard lock(m);
        // It stood by while quayctl held the lock, then sent.
        REQUIRE(!kinds.empty());
        CHECK(kinds.front() == delivery::Event::Kind::waiting_lock);
        CHECK(std::find(kinds.begin(), kinds.end(), delivery::Event::Kind::sending) != kinds.end());
        // It delivered exactly the new ones: quayctl had already sent the first 200.
        CHECK(by_worker == std::set<std::string>(more.begin(), more.end()));
    }
    check_no_overlap_and_once(f, ids);
}
