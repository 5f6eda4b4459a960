// quayctl's local commands as quayctl.md specifies them: submit (and its refusals), queue
// and show shapes, resend, pause / resume, exit codes for bad input.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <set>

#include "common.hpp"

using namespace quay::testing;
using nlohmann::json;

namespace {

void check_item_shape(const json& i) {
    for (const char* k : {"dossier_id", "receipt_code", "procedure_code", "state", "created_at"}) {
        CHECK_MESSAGE(i.contains(k), k);
        CHECK_MESSAGE(i[k].is_string(), k);
    }
    CHECK(i.at("attempts").is_number_integer());
    for (const char* k : {"portal_ref", "last_error", "next_attempt_at"}) {
        CHECK_MESSAGE(i.contains(k), k);
        CHECK_MESSAGE((i[k].is_null() || i[k].is_string()), k);
    }
    const std::set<std::string> states = {"pending", "in_flight", "delivered", "dead"};
    CHECK(states.contains(i.at("state").get<std::string>()));
    CHECK_NOTHROW(parse_rfc3339(i.at("created_at").get<std::string>()));
}

// The last line of stderr as JSON; must be an error object.
json error_of(const RunResult& r) {
    const auto line = r.last_err_line();
    INFO(r.describe());
    const auto e = json::parse(line, nullptr, false);
    REQUIRE(e.is_object());
    CHECK(e.at("error").is_string());
    CHECK(e.at("message").is_string());
    return e;
}

}  // namespace

TEST_CASE("submit: ids, receipt codes, queue and show shapes") {
    Fixture f("cmd-submit");
    const auto s = f.submit(3);
    std::set<std::string> ids, codes;
    for (const auto& d : s) {
        ids.insert(id_of(d));
        codes.insert(d.at("receipt_code").get<std::string>());
        CHECK(d.at("state") == "pending");
    }
    CHECK(ids.size() == 3);
    CHECK(codes.size() == 3);

    const auto q = f.kiosk.queue();
    CHECK(q.at("paused") == false);
    CHECK(q.at("pause_reason").is_null());
    REQUIRE(q.at("items").size() == 3);
    for (const auto& i : q.at("items")) {
        check_item_shape(i);
        CHECK(i.at("state") == "pending");
        CHECK(i.at("attempts") == 0);
        CHECK(i.at("portal_ref").is_null());
    }

    const auto shown = f.kiosk.ok({"show", id_of(s[0])});
    check_item_shape(shown);
    REQUIRE(shown.at("body").is_string());
    const auto body = json::parse(shown.at("body").get<std::string>());
    const auto draft = f.kiosk.draft(0);
    CHECK(body.at("procedure_code") == draft.at("procedure_code"));
    CHECK(body.at("applicant") == draft.at("applicant"));
    CHECK(body.at("fields") == draft.at("fields"));
    CHECK(body.at("catalog_version").is_string());

    // Nothing was sent: submit never talks to the portal.
    CHECK(f.sim.requests().empty());
}

TEST_CASE("submit refuses an invalid draft with exit 2 and details, storing nothing") {
    Fixture f("cmd-submit-invalid");
    auto bad = f.kiosk.draft();
    bad["applicant"]["id_number"] = "12ab";
    const auto path = f.dir.path() / "bad-draft.json";
    write_file(path, bad.dump());
    const auto r = f.kiosk.quayctl({"submit", path.string()});
    CHECK_MESSAGE(r.exit_code == 2, r.describe());
    const auto e = error_of(r);
    CHECK(e.at("error") == "validation_failed");
    REQUIRE(e.at("details").is_array());
    bool names_field = false;
    for (const auto& d : e.at("details")) {
        names_field =
            names_field || d.at("field").get<std::string>().find("id_number") != std::string::npos;
        CHECK(d.at("message").is_string());
    }
    CHECK(names_field);

    auto unknown = f.kiosk.draft();
    unknown["procedure_code"] = "9.999999";
    write_file(path, unknown.dump());
    CHECK(f.kiosk.quayctl({"submit", path.string()}).exit_code == 2);

    write_file(path, "{ not json");
    CHECK(f.kiosk.quayctl({"submit", path.string()}).exit_code == 2);
    CHECK(f.kiosk.quayctl({"submit", (f.dir.path() / "missing.json").string()}).exit_code == 2);
    CHECK(f.kiosk.queue().at("items").empty());
}

TEST_CASE("bad config and arguments exit 2 naming the problem") {
    Fixture f("cmd-config");
    const auto unknown_cmd = f.kiosk.quayctl({"frobnicate"});
    CHECK(unknown_cmd.exit_code == 2);
    error_of(unknown_cmd);

    // A token readable by others is refused by every command, as part of the config.
    f.kiosk.submit(f.kiosk.draft());
    std::filesystem::permissions(f.kiosk.config().parent_path() / "token",
                                 std::filesystem::perms(0644),
                                 std::filesystem::perm_options::replace);
    const auto r = f.kiosk.deliver_until_idle(5);
    CHECK_MESSAGE(r.exit_code == 2, r.describe());
    CHECK(r.last_err_line().find("token_file") != std::string::npos);
    CHECK(f.sim.requests().empty());

    write_file(f.kiosk.config(), read_file(f.kiosk.config()) + "\n[delivery2]\nx = 1\n");
    const auto bad = f.kiosk.quayctl({"queue"});
    CHECK(bad.exit_code == 2);
    error_of(bad);
}

TEST_CASE("resend: a dead item goes back to pending with the same id and body, then delivers") {
    Fixture f("cmd-resend");
    const std::string id = id_of(f.kiosk.submit(f.kiosk.draft()));
    const auto body_before = f.kiosk.ok({"show", id}).at("body");
    f.sim.add_fault("reject,id=" + id + ",field=applicant.address,message=Địa chỉ chưa rõ");
    deliver_ok(f);
    CHECK(state_of(f, id) == "dead");

    f.sim.clear_faults();
    const auto r = f.kiosk.quayctl({"resend", id});
    CHECK_MESSAGE(r.exit_code == 0, r.describe());
    const auto item = item_of(f, id);
    CHECK(item.at("state") == "pending");
    CHECK(f.kiosk.ok({"show", id}).at("body") == body_before);
    deliver_ok(f);
    check_delivered_once(f, id);
    CHECK(f.sim.dossier(id)->at("body") == body_before);
    for (const auto& p : f.posts_for(id))
        CHECK(p.at("idempotency_key") == id);
}

TEST_CASE("resend of a delivered item never sends it again") {
    Fixture f("cmd-resend-delivered");
    const std::string id = id_of(f.kiosk.submit(f.kiosk.draft()));
    deliver_ok(f);
    f.kiosk.quayctl({"resend", id});  // refused or a no-op; either way:
    deliver_ok(f);
    CHECK(state_of(f, id) == "delivered");
    CHECK(f.posts_for(id).size() == 1);
}

TEST_CASE("pause / resume: paused delivery exits 4 and sends nothing") {
    Fixture f("cmd-pause");
    const std::string id = id_of(f.kiosk.submit(f.kiosk.draft()));
    f.kiosk.ok({"pause"});
    const auto q = f.kiosk.queue();
    CHECK(q.at("paused") == true);
    CHECK(q.at("pause_reason").is_string());
    const auto r = f.kiosk.deliver_until_idle(10);
    CHECK_MESSAGE(r.exit_code == 4, r.describe());
    CHECK(f.sim.requests().empty());
    CHECK(state_of(f, id) == "pending");
    f.kiosk.ok({"resume"});
    CHECK(f.kiosk.queue().at("paused") == false);
    CHECK(f.kiosk.queue().at("pause_reason").is_null());
    deliver_ok(f);
    check_delivered_once(f, id);
}

TEST_CASE("deliver --until-idle with nothing to do exits 0 at once") {
    Fixture f("cmd-idle");
    const auto r = f.kiosk.deliver_until_idle(30);
    CHECK_MESSAGE(r.exit_code == 0, r.describe());
    CHECK(r.elapsed < std::chrono::seconds(20));
}

TEST_CASE("two senders at once never post one dossier concurrently") {
    // If both sent the same dossier at once, the held key would answer the second with 409.
    Fixture f("cmd-two-senders", SimOptions().with_faults({"hold,ms=300"}));
    const auto s = f.submit(6);
    std::vector<std::string> base = {quayctl_binary().string(),
                                     "--config",
                                     f.kiosk.config().string(),
                                     "deliver",
                                     "--until-idle",
                                     "--timeout",
                                     "60"};
    TempDir logs("cmd-two-senders-logs");
    Child a(base, (logs.path() / "a.err").string());
    Child b(base, (logs.path() / "b.err").string());
    const auto sa = a.wait(std::chrono::seconds(120));
    const auto sb = b.wait(std::chrono::seconds(120));
    REQUIRE(sa);
    REQUIRE(sb);
    CHECK((WIFEXITED(*sa) && WEXITSTATUS(*sa) == 0));
    CHECK((WIFEXITED(*sb) && WEXITSTATUS(*sb) == 0));
    for (const auto& d : s)
        check_delivered_once(f, id_of(d));
    for (const auto& p : f.sim.requests_to("POST", "/v1/dossiers"))
        CHECK(p.at("status") != 409);
}
