// The portal at its most hostile (issue 11, contract for outside tests): replies nested
// 400,000 levels deep, a reply that drips one byte at a time for ever, and one dossier
// refused with 403. quayctl deliver, status and heartbeat never crash; a delivery that
// meets them is retried and delivered once the fault is off.
#include <doctest/doctest.h>

#include <algorithm>

#include "common.hpp"

using namespace quay::testing;
using nlohmann::json;

namespace {

// quayctl ended by itself (no signal, no crash) with one of the contract's exit codes.
void check_no_crash(const RunResult& r) {
    CHECK_MESSAGE(r.signal == 0, r.describe());
    CHECK_MESSAGE(!r.timed_out, r.describe());
    CHECK_MESSAGE(r.exit_code >= 0, r.describe());
    CHECK_MESSAGE(r.exit_code <= 4, r.describe());
}

std::string error_of(const RunResult& r) {
    const auto e = json::parse(r.last_err_line(), nullptr, false);
    return e.is_object() && e.contains("error") ? e.at("error").get<std::string>() : "";
}

std::vector<std::string> status_args(const json& submitted) {
    return {"status", submitted.at("receipt_code").get<std::string>(), "--id-last4", "3456"};
}

}  // namespace

TEST_CASE("replies nested 400,000 levels deep: deliver, status and heartbeat do not crash") {
    Fixture f("nested", SimOptions().with_faults({"nested,endpoint=any"}));
    const json submitted = f.kiosk.submit(f.kiosk.draft());
    const std::string id = id_of(submitted);

    const auto d = f.kiosk.deliver_until_idle(3);
    check_no_crash(d);
    CHECK_MESSAGE(d.exit_code == 3, d.describe());  // retried until the timeout, never done
    const auto item = item_of(f, id);
    CHECK(item.at("state") == "pending");
    CHECK(item.at("attempts").get<int>() >= 2);
    CHECK(item.at("last_error").get<std::string>().find("not a JSON object") != std::string::npos);
    CHECK(f.posts_for(id).front().at("outcome") == "stored+nested");

    // Still pending here: the kiosk answers a lookup itself, whatever the portal does.
    const auto local = f.kiosk.quayctl(status_args(submitted));
    check_no_crash(local);
    CHECK_MESSAGE(local.exit_code == 0, local.describe());
    CHECK(json::parse(local.out).at("source") == "kiosk");

    const auto h = f.kiosk.quayctl({"heartbeat"});
    check_no_crash(h);

    f.sim.clear_faults();
    deliver_ok(f);
    check_delivered_once(f, id);
    // Delivered: the portal answers lookups, and a nested 200 is an error, never a crash.
    f.sim.add_fault("nested,endpoint=status");
    const auto s = f.kiosk.quayctl(status_args(submitted));
    check_no_crash(s);
    CHECK_MESSAGE(s.exit_code == 1, s.describe());
    CHECK(error_of(s) == "portal_error");
    f.sim.clear_faults();
    const auto ok = f.kiosk.quayctl(status_args(submitted));
    CHECK_MESSAGE(ok.exit_code == 0, ok.describe());
}

TEST_CASE("a reply dripping one byte at a time for ever: each try ends at the deadline") {
    // The drip (one byte every 100 ms) is far faster than the stall limit (2 s), so only
    // the total deadline (1.5 s) can end a try.
    Fixture f("drip-forever",
              SimOptions().with_faults({"drip,endless=true,interval_ms=100,endpoint=any"}),
              KioskOptions().with_stall_limit_ms(2000).with_deadline_ms(1500));
    const json submitted = f.kiosk.submit(f.kiosk.draft());
    const std::string id = id_of(submitted);

    const auto d = f.kiosk.deliver_until_idle(5);
    check_no_crash(d);
    CHECK_MESSAGE(d.exit_code == 3, d.describe());
    const auto item = item_of(f, id);
    CHECK(item.at("state") == "pending");
    CHECK(item.at("attempts").get<int>() >= 2);
    CHECK(item.at("last_error").get<std::string>().find("deadline") != std::string::npos);
    // Every finished try was held about the deadline: not the stall limit, not for ever.
    const auto posts = f.posts_for(id);
    REQUIRE(posts.size() >= 2);
    for (std::size_t i = 0; i + 1 < posts.size(); ++i) {  // the last one is cut by the exit
        const auto& p = posts[i];
        const auto held =
            p.at("finished_mono_ms").get<long>() - p.at("started_mono_ms").get<long>();
        CHECK(p.at("outcome").get<std::string>().find("drip_endless") != std::string::npos);
        CHECK(held >= 1300);
        CHECK(held <= 3500);
    }

    // Lookups and heartbeats have the same deadline (a code this kiosk does not hold goes
    // to the portal; its own pending dossier is answered here at once).
    CHECK(f.kiosk.quayctl(status_args(submitted)).exit_code == 0);
    const auto s = f.kiosk.quayctl({"status", "K0042-261122-9999", "--id-last4", "3456"});
    check_no_crash(s);
    CHECK_MESSAGE(s.exit_code == 1, s.describe());
    CHECK(s.last_err_line().find("deadline") != std::string::npos);
    CHECK(s.elapsed < std::chrono::milliseconds(10000));
    const auto h = f.kiosk.quayctl({"heartbeat"});
    check_no_crash(h);
    CHECK(h.elapsed < std::chrono::milliseconds(10000));

    f.sim.clear_faults();
    deliver_ok(f);
    check_delivered_once(f, id);
}

TEST_CASE("one dossier refused with 403: after resume every other due dossier goes first") {
    Fixture f("refuse-one");
    const auto first = f.submit(1);
    const std::string culprit = id_of(first.front());
    f.sim.add_fault("status,code=403,id=" + culprit);

    auto r = f.kiosk.deliver_until_idle(30);
    CHECK_MESSAGE(r.exit_code == 4, r.describe());  // paused by the 403
    CHECK(f.kiosk.queue().at("paused") == true);

    // More dossiers arrive while paused; after resume they all go before the culprit.
    const auto others = f.submit(6);
    f.kiosk.ok({"resume"});
    const auto before = f.posts_for(culprit).size();
    r = f.kiosk.deliver_until_idle(60);
    CHECK_MESSAGE(r.exit_code == 4, r.describe());  // the culprit paused it again
    for (const auto& o : others)
        check_delivered_once(f, id_of(o));
    const auto culprit_posts = f.posts_for(culprit);
    // Claimed last, sent once more: with parallel transfers the last others may still be
    // in flight when it goes (the simulator's arrival order can interleave), but none was
    // left pending behind its pause.
    CHECK(culprit_posts.size() == before + 1);

    // Twice over: the culprit is still last after a second resume, and is delivered
    // once the portal accepts it.
    f.sim.clear_faults();
    f.kiosk.ok({"resume"});
    deliver_ok(f);
    check_delivered_once(f, culprit);
}
