// The kiosk's clock against the portal's HTTP Date, through quayctl and the simulator
// (--date-offset): a wrong clock still delivers, the body and the status say so
// (docs/storage.md "Wrong clocks", docs/delivery.md "Wrong clocks").
#include <doctest/doctest.h>

#include "common.hpp"

using namespace quay::testing;
using nlohmann::json;

namespace {

json body_of(const Fixture& f, const std::string& id) {
    return json::parse(f.kiosk.ok({"show", id}).at("body").get<std::string>());
}

}  // namespace

TEST_CASE("a portal an hour behind the kiosk: implausible, still delivered, the body says so") {
    Fixture f("clock-portal-behind", SimOptions{}.with_args({"--date-offset", "-3600"}));
    CHECK_FALSE(f.kiosk.queue().at("clock").at("portal_offset_s").is_number());
    deliver_one(f);  // its 2xx reply carries the portal's Date: the kiosk keeps it

    const auto clock = f.kiosk.queue().at("clock");
    CHECK(clock.at("trust") == "implausible");
    const auto offset = clock.at("portal_offset_s").get<std::int64_t>();
    CHECK(offset >= 3600 - 5);
    CHECK(offset <= 3600 + 5);

    const std::string id = id_of(f.kiosk.submit(f.kiosk.draft()));
    const auto body = body_of(f, id);
    CHECK(body.at("clock_synced") == false);
    CHECK(body.at("clock_offset_s").get<std::int64_t>() == offset);
    deliver_ok(f);
    check_delivered_once(f, id);  // a portal that ignores unknown keys takes it as before

    const auto hb = f.kiosk.ok({"heartbeat"});
    CHECK(hb.at("clock").at("trust") == "implausible");
}

TEST_CASE("a portal that agrees: the clock is as plausible as the system says it is synced") {
    Fixture f("clock-portal-agrees", SimOptions{}.with_args({"--date-offset", "0"}));
    deliver_one(f);
    const auto clock = f.kiosk.queue().at("clock");
    const auto offset = clock.at("portal_offset_s").get<std::int64_t>();
    CHECK(offset >= -5);
    CHECK(offset <= 5);
    // Whether this machine's clock is NTP-synchronised is the machine's business; the
    // status and the body must agree with it.
    const bool synced = clock.at("synchronised").get<bool>();
    CHECK(clock.at("trust") == (synced ? "synced" : "unsynced"));
    const std::string id = id_of(f.kiosk.submit(f.kiosk.draft()));
    CHECK(body_of(f, id).contains("clock_synced") == !synced);
}

TEST_CASE("a heartbeat alone checks the clock: a kiosk with nothing to deliver still knows") {
    Fixture f("clock-heartbeat", SimOptions{}.with_args({"--date-offset", "600"}));
    f.kiosk.ok({"heartbeat"});
    const auto clock = f.kiosk.queue().at("clock");
    CHECK(clock.at("trust") == "implausible");
    const auto offset = clock.at("portal_offset_s").get<std::int64_t>();
    CHECK(offset >= -600 - 5);
    CHECK(offset <= -600 + 5);
}
