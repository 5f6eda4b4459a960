// The status answer reads by its meaning: a dossier the office asks more of shows
// "Cần bổ sung" with its sign, the procedure it is for and the next step, never the
// green of success (issue 14). A real dossier: filed with quayctl, delivered to the portal
// simulator, moved to needs_supplement there, then looked up on the kiosk's screen.
#include <doctest/doctest.h>

#include "kiosk.hpp"
#include "kiosk_run.hpp"
#include "sim.hpp"

namespace {

// The status screen's lookup of a dossier filed with the sample applicant (ID ...3456),
// until its answer shows.
std::string look_up(const std::string& receipt) {
    return "tap #home.status\n"
           "osk \"" +
           receipt +
           "\"\n"
           "tap #field:status.last4\n"
           "osk \"3456\"\n"
           "tap #action.lookup\n"
           "wait-for item #status.answer 60\n";
}

}  // namespace

TEST_CASE("a dossier that needs more documents is shown so, with its procedure and next step") {
    quay::test::KioskDir d("status-result");
    std::filesystem::create_directories(d.path() / "sim");
    quay::testing::Sim sim(d.path() / "sim");
    std::filesystem::create_directories(d.path() / "kiosk");
    const quay::testing::Kiosk kiosk(d.path() / "kiosk", sim.url(), "test-kiosk-token");
    const auto draft = kiosk.draft(0);
    const std::string code = draft.at("procedure_code");
    const std::string receipt = kiosk.submit(draft).at("receipt_code");
    REQUIRE(kiosk.deliver_until_idle().exit_code == 0);
    sim.admin("POST", "/_sim/dossiers/" + receipt + "/advance",
              R"({"status": "needs_supplement", "note": "Thiếu bản sao giấy chứng sinh."})");
    const std::string name = kiosk.ok({"catalog", "show", code}).at("name");

    const auto r = d.run_script(kiosk.config(), look_up(receipt) +
                                                    "expect item \"Cần bổ sung\"\n"
                                                    "expect item \"" +
                                                    name +
                                                    "\"\n"
                                                    "expect item \"Việc cần làm tiếp\"\n"
                                                    "screenshot needs_supplement\n");
    CHECK_MESSAGE(r.exit_code == 0, r.stderr_text);
    CHECK(sim.stop() == 0);
}

TEST_CASE("a dossier still on this kiosk is answered by the kiosk, with the network down") {
    // The portal address refuses connections: the lookup must not wait for it.
    quay::test::KioskDir d("status-local");
    std::filesystem::create_directories(d.path() / "kiosk");
    const quay::testing::Kiosk kiosk(d.path() / "kiosk", "http://127.0.0.1:9", "test-kiosk-token");
    const std::string receipt = kiosk.submit(kiosk.draft(0)).at("receipt_code");

    const auto r = d.run_script(kiosk.config(), look_up(receipt) +
                                                    "expect item \"Đã lưu trên ki-ốt, chưa gửi\"\n"
                                                    "screenshot queued\n");
    CHECK_MESSAGE(r.exit_code == 0, r.stderr_text);
}
