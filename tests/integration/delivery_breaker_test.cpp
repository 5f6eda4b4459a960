// The sender's circuit breaker against the real simulator (docs/delivery.md "Outages"):
// with the portal down, the queue is not claimed item by item; one probe per backoff
// period, and every dossier delivered exactly once when the portal is back (issue 11).
#include <doctest/doctest.h>

#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "bulk.hpp"
#include "common.hpp"
#include "quay/delivery/sender.hpp"

using namespace quay::testing;
using namespace std::chrono_literals;
namespace delivery = quay::delivery;
namespace store = quay::store;

namespace {

struct Events {
    std::mutex mutex;
    std::vector<delivery::Event> seen;
    delivery::EventSink sink() {
        return [this](const delivery::Event& e) {
            std::lock_guard lock(mutex);
            seen.push_back(e);
        };
    }
    int count(delivery::Event::Kind kind) {
        std::lock_guard lock(mutex);
        int n = 0;
        for (const auto& e : seen)
            n += e.kind == kind ? 1 : 0;
        return n;
    }
};

struct Attempts {
    std::int64_t total = 0;      // sum of attempts over the queue
    std::int64_t untouched = 0;  // items never attempted, never rescheduled
    std::int64_t in_flight = 0;
    std::int64_t delivered = 0;
};

Attempts attempts(const store::Store& s) {
    Attempts a;
    s.for_each([&](const store::Item& it) {
        a.total += it.attempts;
        if (it.attempts == 0 && !it.next_attempt_at && !it.last_error) ++a.untouched;
        if (it.state == store::State::in_flight) ++a.in_flight;
        if (it.state == store::State::delivered) ++a.delivered;
    });
    return a;
}

}  // namespace

TEST_CASE("portal down: one probe per backoff period, then every dossier delivered once") {
    constexpr int queued = 200;
    constexpr int periods = 5;
    const auto period = 1000ms;  // backoff base = cap: each probe waits 1000..1250 ms
    TempDir dir("breaker");
    const auto portal_dir = make_subdir(dir, "portal");
    std::optional<Sim> sim;
    sim.emplace(portal_dir, SimOptions().with_tokens(kiosk_token + "\n"));
    const int port = sim->port();
    Kiosk kiosk(make_subdir(dir, "kiosk"), sim->url(), kiosk_token,
                KioskOptions().with_backoff_ms(period.count(), period.count()));
    const auto ids = submit_many(kiosk, queued);
    REQUIRE(sim->stop() == 0);  // connection refused from now on
    sim.reset();

    const auto config = quay::config::load_file(kiosk.config());
    quay::ManualClock clock(std::chrono::system_clock::now());
    const auto view = store::Store::open(config, clock);
    Events events;
    delivery::SenderOptions options;
    options.poll_interval = 20ms;
    options.on_event = events.sink();
    delivery::Sender sender(config, clock, options);
    std::thread runner([&] { sender.run(false); });
    struct Join {
        delivery::Sender& s;
        std::thread& t;
        ~Join() {
            s.stop();
            t.join();
        }
    } join{sender, runner};

    // Every attempt ends in one retry event, sent after its outcome is stored.
    const auto settled = [&](std::int64_t total) {
        const auto a = attempts(view);
        return a.in_flight == 0 && a.total == total &&
               events.count(delivery::Event::Kind::retry) == total;
    };
    REQUIRE(wait_until(
        [&] {
            const auto a = attempts(view);
            return a.total >= 1 && a.in_flight == 0 &&
                   events.count(delivery::Event::Kind::retry) == a.total;
        },
        30s));
    const auto first = attempts(view);
    // Before it opened: the transfers in the air and what was claimed ahead, no more.
    CHECK(first.total >= 1);
    CHECK(first.total <= 2 * options.parallel);
    CHECK(first.untouched == queued - first.total);
    CHECK(events.count(delivery::Event::Kind::link_down) == 1);

    for (int k = 1; k <= periods; ++k) {
        clock.advance(period + period / 4);
        sender.wake();
        REQUIRE_MESSAGE(wait_until([&] { return settled(first.total + k); }, 30s),
                        "period " << k << ": attempts " << attempts(view).total);
    }
    const auto down = attempts(view);
    CHECK(down.total == first.total + periods);  // one probe per period, no more
    CHECK(down.untouched >= queued - first.total - periods);
    CHECK(down.delivered == 0);
    CHECK(events.count(delivery::Event::Kind::link_down) == 1 + periods);

    sim.emplace(portal_dir, SimOptions()
                                .with_tokens(kiosk_token + "\n")
                                .with_args({"--listen", "127.0.0.1:" + std::to_string(port)}));
    clock.advance(period + period / 4);
    sender.wake();
    REQUIRE(wait_until([&] { return attempts(view).delivered == queued; }, 120s));
    CHECK(sim->dossier_count() == queued);
    const auto posts = sim->requests_to("POST", "/v1/dossiers");
    std::set<std::string> posted;
    for (const auto& r : posts) {
        CHECK(r.at("status") == 201);
        posted.insert(r.at("dossier_id").get<std::string>());
    }
    // Each sent once after the outage: no replay, none twice.
    CHECK(posts.size() == static_cast<std::size_t>(queued));
    CHECK(posted.size() == static_cast<std::size_t>(queued));
    for (const auto& id : ids)
        CHECK(sim->dossier(id).has_value());
}
