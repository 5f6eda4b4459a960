// quayctl fee-paid (docs/delivery.md "Fee paid"): a dossier marked before its first POST
// reaches the portal with "fee_paid": true; one marked after is recorded on the kiosk only
// and the portal's copy is untouched; refusals exit 2 and change nothing; every mark is
// audited.
#include <doctest/doctest.h>

#include "common.hpp"

using namespace quay::testing;
using nlohmann::json;

namespace {

json body_at_portal(const Fixture& f, const std::string& id) {
    const auto stored = f.sim.dossier(id);
    REQUIRE(stored.has_value());
    const auto& body = stored->at("body");
    return body.is_string() ? json::parse(body.get<std::string>()) : body;
}

json error_of(const RunResult& r) {
    INFO(r.describe());
    CHECK(r.exit_code == 2);
    const auto e = json::parse(r.last_err_line(), nullptr, false);
    REQUIRE(e.is_object());
    CHECK(e.at("message").is_string());
    return e;
}

}  // namespace

TEST_CASE("fee-paid: in the body before the first POST, recorded only after it") {
    Fixture f("cmd-fee-paid");
    json draft = f.kiosk.draft();
    draft["fee_due"] = 8000;
    const auto early = f.kiosk.submit(draft);
    const auto late = f.kiosk.submit(draft);
    const auto free = f.kiosk.submit(f.kiosk.draft());

    // By receipt code, before anything was sent.
    const auto marked = f.kiosk.ok({"fee-paid", early.at("receipt_code")});
    CHECK(marked.at("dossier_id") == id_of(early));
    CHECK(marked.at("fee_due") == 8000);
    CHECK(marked.at("fee_paid").at("sent_to_portal") == true);
    CHECK_NOTHROW(parse_rfc3339(marked.at("fee_paid").at("at").get<std::string>()));
    const auto shown = f.kiosk.ok({"show", id_of(early)});
    CHECK(shown.at("fee_due") == 8000);
    CHECK(shown.at("fee_paid") == marked.at("fee_paid"));
    CHECK(json::parse(shown.at("body").get<std::string>()).at("fee_paid") == true);

    deliver_ok(f);
    CHECK(body_at_portal(f, id_of(early)).at("fee_paid") == true);
    CHECK(body_at_portal(f, id_of(early)).at("fee_due") == 8000);
    CHECK_FALSE(body_at_portal(f, id_of(late)).contains("fee_paid"));

    // After delivery: recorded here, the portal's copy and the stored body untouched.
    const std::string late_body = f.kiosk.ok({"show", id_of(late)}).at("body");
    const auto after = f.kiosk.ok({"fee-paid", id_of(late)});
    CHECK(after.at("fee_paid").at("sent_to_portal") == false);
    CHECK(f.kiosk.ok({"show", id_of(late)}).at("body") == late_body);
    CHECK_FALSE(body_at_portal(f, id_of(late)).contains("fee_paid"));
    bool listed = false;
    const auto queue = f.kiosk.queue();
    for (const auto& i : queue.at("items")) {
        if (i.at("dossier_id") != id_of(late)) continue;
        listed = true;
        CHECK(i.at("fee_paid").at("sent_to_portal") == false);
    }
    CHECK(listed);

    // Refusals: exit 2, named, nothing changed.
    const auto again = error_of(f.kiosk.quayctl({"fee-paid", id_of(late)}));
    CHECK(again.at("error") == "already_paid");
    CHECK(again.at("fee_paid") == after.at("fee_paid"));
    CHECK(error_of(f.kiosk.quayctl({"fee-paid", id_of(free)})).at("error") == "no_fee_due");
    CHECK(error_of(f.kiosk.quayctl({"fee-paid", "no-such-dossier"})).at("error") == "not_found");
    CHECK(error_of(f.kiosk.quayctl({"fee-paid"})).at("error").is_string());
    CHECK_FALSE(f.kiosk.ok({"show", id_of(free)}).contains("fee_paid"));

    // Two marks, two audit rows, by quayctl, without personal data.
    std::vector<std::string> results;
    const auto audit = f.kiosk.ok({"audit"});
    for (const auto& e : audit.at("entries"))
        if (e.at("event") == "fee_paid") {
            CHECK(e.at("detail").at("by") == "quayctl");
            results.push_back(e.at("detail").at("result"));
        }
    CHECK(results == std::vector<std::string>{"in_body", "recorded_only"});
}
