// quayctl status for a dossier still on the kiosk (issue 13 "Honest status, also offline"):
// answered from the store with the portal up or stopped; a delivered one by the portal.
#include <doctest/doctest.h>

#include "common.hpp"

using namespace quay::testing;
using nlohmann::json;

namespace {

std::string code_of(const json& submitted) {
    return submitted.at("receipt_code").get<std::string>();
}

RunResult status(const Fixture& f, const std::string& code, const std::string& last4) {
    return f.kiosk.quayctl({"status", code, "--id-last4", last4});
}

json answer_of(const RunResult& r) {
    INFO(r.describe());
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
}

std::string error_code(const RunResult& r) {
    INFO(r.describe());
    const auto e = json::parse(r.last_err_line(), nullptr, false);
    REQUIRE(e.is_object());
    return e.at("error").get<std::string>();
}

// The kiosk's answer, exactly its four keys.
void check_local(const Fixture& f, const json& submitted, const std::string& state) {
    const json a = answer_of(status(f, code_of(submitted), "3456"));  // sample_applicant()
    CHECK(a.size() == 4);
    CHECK(a.at("receipt_code") == code_of(submitted));
    CHECK(a.at("source") == "kiosk");
    CHECK(a.at("status") == state);
    CHECK(a.at("saved_at") == item_of(f, id_of(submitted)).at("created_at"));
}

}  // namespace

TEST_CASE("status: queued, dead and delivered dossiers, network up then down") {
    Fixture f("local-status");
    const auto dead = f.kiosk.submit(f.kiosk.draft(0));
    const auto sent = f.kiosk.submit(f.kiosk.draft(1));
    f.sim.add_fault("status,code=422,id=" + id_of(dead));
    deliver_ok(f);
    REQUIRE(state_of(f, id_of(dead)) == "dead");
    check_delivered_once(f, id_of(sent));

    check_local(f, dead, "needs_staff");
    const auto before = f.sim.requests_to("GET", "/v1/dossiers").size();
    // A wrong ID is the portal's not_found, and the portal is not asked for a held dossier.
    const auto wrong = status(f, code_of(dead), "0000");
    CHECK(wrong.exit_code == 1);
    CHECK(error_code(wrong) == "not_found");
    CHECK(f.sim.requests_to("GET", "/v1/dossiers").size() == before);

    const json portal = answer_of(status(f, code_of(sent), "3456"));
    CHECK(portal.at("source") == "portal");
    CHECK(portal.at("status") == "received");
    CHECK(portal.at("portal_ref") == item_of(f, id_of(sent)).at("portal_ref"));
    CHECK(error_code(status(f, code_of(sent), "0000")) == "not_found");

    const auto queued = f.kiosk.submit(f.kiosk.draft(2));
    check_local(f, queued, "queued");

    REQUIRE(f.sim.stop() == 0);  // the network is gone
    check_local(f, queued, "queued");
    check_local(f, dead, "needs_staff");
    CHECK(error_code(status(f, code_of(queued), "1234")) == "not_found");
    const auto offline = status(f, code_of(sent), "3456");
    CHECK(offline.exit_code == 1);
    CHECK(error_code(offline) == "offline");
}
