// The app's delivery thread (delivery::Worker) against the simulator: it heals itself
// after a storage error and purges daily while it runs (issue 11).
#include <doctest/doctest.h>

#include <filesystem>
#include <mutex>

#include "common.hpp"
#include "quay/clock.hpp"
#include "quay/config/config.hpp"
#include "quay/delivery/heartbeat.hpp"
#include "quay/delivery/sender.hpp"

using namespace quay::testing;
using namespace std::chrono_literals;

namespace {

struct Events {
    std::mutex mutex;
    std::vector<quay::delivery::Event> seen;
    quay::delivery::EventSink sink() {
        return [this](const quay::delivery::Event& e) {
            std::lock_guard lock(mutex);
            seen.push_back(e);
        };
    }
    bool any(quay::delivery::Event::Kind kind, const std::string& text) {
        std::lock_guard lock(mutex);
        for (const auto& e : seen)
            if (e.kind == kind && e.message.find(text) != std::string::npos) return true;
        return false;
    }
};

quay::delivery::SenderOptions fast(Events& events) {
    quay::delivery::SenderOptions o;
    o.poll_interval = 20ms;
    o.on_event = events.sink();
    return o;
}

}  // namespace

TEST_CASE("a storage error does not end the delivery thread: retried, shown, then delivered") {
    Fixture f("worker-heals");
    const std::string id = id_of(f.kiosk.submit(f.kiosk.draft()));
    // sender.lock cannot be opened (a directory in its place: even root gets EISDIR).
    const auto lock = f.kiosk.data_dir() / "sender.lock";
    std::filesystem::create_directory(lock);
    const auto config = quay::config::load_file(f.kiosk.config());
    quay::SystemClock clock;
    Events events;
    quay::delivery::Worker worker(config, clock, fast(events), {20ms, 200ms});

    REQUIRE(wait_until([&] { return worker.health().failures >= 3; }, 20s));
    const auto h = worker.health();
    CHECK(h.last_error.find("sender.lock") != std::string::npos);
    CHECK(h.wedged(clock.monotonic() + 1h, 10min));
    CHECK(events.any(quay::delivery::Event::Kind::paused, "delivery error"));
    CHECK(state_of(f, id) == "pending");
    // The province sees it in the heartbeat, not only the staff on the screen.
    quay::delivery::HeartbeatInfo info;
    info.delivery = h;
    const auto failing = quay::delivery::heartbeat_body(info).at("delivery");
    CHECK(failing.at("ok") == false);
    CHECK(failing.at("failures").get<int>() >= 3);
    CHECK(failing.at("error").get<std::string>().find("sender.lock") != std::string::npos);

    std::filesystem::remove(lock);  // the fault clears
    REQUIRE(wait_until([&] { return state_of(f, id) == "delivered"; }, 30s));
    check_delivered_once(f, id);
    CHECK(worker.health().last_error.empty());
    CHECK_FALSE(worker.health().wedged(clock.monotonic() + 1h, 10min));
    info.delivery = worker.health();
    CHECK(quay::delivery::heartbeat_body(info).at("delivery").at("ok") == true);
}

TEST_CASE("the running worker purges every 24 hours of monotonic time, not only at start") {
    Fixture f("worker-purges");
    const std::string id = id_of(f.kiosk.submit(f.kiosk.draft()));
    const auto config = quay::config::load_file(f.kiosk.config());
    quay::ManualClock clock(std::chrono::system_clock::now());
    Events events;
    auto options = fast(events);
    options.purge_interval = 24h;
    quay::delivery::Worker worker(config, clock, options);

    REQUIRE(wait_until([&] { return state_of(f, id) == "delivered"; }, 30s));
    CHECK(f.kiosk.ok({"show", id}).at("body").is_string());
    // Past the retention period (30 days) while the same worker keeps running.
    clock.advance(std::chrono::hours(24 * 31));
    worker.wake();
    CHECK(wait_until([&] { return f.kiosk.ok({"show", id}).at("body").is_null(); }, 30s));
    CHECK(state_of(f, id) == "delivered");  // the receipt data stays
}
