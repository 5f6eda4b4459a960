#pragma once
// Checks shared by the quayctl integration tests.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <regex>
#include <string>

#include "fixture.hpp"

namespace quay::testing {

inline std::string id_of(const nlohmann::json& submitted) {
    return submitted.at("dossier_id").get<std::string>();
}

// The queue item, which must exist.
inline nlohmann::json item_of(const Fixture& f, const std::string& id) {
    const auto item = f.kiosk.item(id);
    REQUIRE_MESSAGE(item.has_value(), "no queue item " << id);
    return *item;
}

inline std::string state_of(const Fixture& f, const std::string& id) {
    return item_of(f, id).at("state").get<std::string>();
}

inline bool is_uuid(const std::string& s) {
    static const std::regex re("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
                               std::regex::icase);
    return std::regex_match(s, re);
}

// Delivered as the contract means it: state delivered, the portal's own ref kept, and
// exactly one record on the portal.
inline void check_delivered_once(const Fixture& f, const std::string& id) {
    const auto item = item_of(f, id);
    CHECK(item.at("state") == "delivered");
    const auto stored = f.sim.dossier(id);
    REQUIRE_MESSAGE(stored.has_value(), "the portal has no dossier " << id);
    CHECK(item.at("portal_ref") == stored->at("portal_ref"));
    int copies = 0;
    for (const auto& d : f.sim.dossiers()) {
        if (d.at("dossier_id") == id || d.at("receipt_code") == item.at("receipt_code")) ++copies;
    }
    CHECK(copies == 1);
}

// deliver --until-idle must finish with exit 0.
inline void deliver_ok(const Fixture& f, int timeout_s = 60) {
    const auto r = f.kiosk.deliver_until_idle(timeout_s);
    REQUIRE_MESSAGE(r.exit_code == 0, r.describe());
}

// Submits one draft, delivers until idle (exit 0) and checks it arrived exactly once.
inline std::string deliver_one(const Fixture& f) {
    const std::string id = id_of(f.kiosk.submit(f.kiosk.draft()));
    deliver_ok(f);
    check_delivered_once(f, id);
    return id;
}

}  // namespace quay::testing
