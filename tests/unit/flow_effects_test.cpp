// flow::Kiosk's side of the work done off the UI thread: the leave prompt, the status
// lookup's cancellation, the delivery watch's polling and the staff screen's data all
// live in the flow, so the UI only draws them.
#include <doctest/doctest.h>

#include "flow_fixture.hpp"
#include "quay/flow/kiosk.hpp"

using namespace quay;
using namespace quay::flow;
using namespace std::chrono_literals;

using namespace quay::flow::testing;

namespace {

// Asks for a status lookup of `code` and returns the effect it produced.
effect::LookupStatus ask_status(Fixture& f, const std::string& code) {
    f.k.apply(intent::OpenStatus{});
    f.k.apply(intent::TypeText{code});
    f.k.apply(intent::Focus{std::string(key::status_last4)});
    f.k.apply(intent::TypeText{"3456"});
    f.k.apply(intent::LookupStatus{});
    REQUIRE(f.k.location().screen == Screen::status_result);
    auto effects = f.k.take_effects();
    REQUIRE(effects.size() == 1);
    return std::get<effect::LookupStatus>(effects[0]);
}

StatusAnswer found(const std::string& code, const std::string& status) {
    StatusAnswer a;
    a.kind = StatusAnswer::Kind::found;
    a.receipt_code = code;
    a.status = status;
    return a;
}

// Submits the sample dossier and takes the receipt's effects (Print, WatchDelivery).
void to_receipt(Fixture& f) {
    f.to_review();
    f.k.apply(intent::Confirm{});
    f.k.take_effects();
    f.k.on(event::Submitted{"d-1", "DEV01-261122-0001"});
    REQUIRE(f.k.location().screen == Screen::receipt);
    REQUIRE(f.k.take_effects().size() == 2);
}

}  // namespace

TEST_CASE("Home from a form with typed data asks first; Stay keeps everything") {
    Fixture f;
    f.to_form();
    f.k.apply(intent::Home{});  // nothing typed yet: no question
    CHECK(f.k.location().screen == Screen::home);
    CHECK_FALSE(f.k.leave_prompt());

    f.to_form();
    f.type(applicant::full_name, "Nguyễn Văn An");
    f.k.apply(intent::Home{});
    CHECK(f.k.leave_prompt());
    CHECK(f.k.location().screen == Screen::form);
    f.k.apply(intent::StayHere{});
    CHECK_FALSE(f.k.leave_prompt());
    CHECK(f.k.session().value(applicant::full_name) == "Nguyễn Văn An");

    f.k.apply(intent::LeaveForm{});  // without the question open: nothing
    CHECK(f.k.location().screen == Screen::form);
    f.k.apply(intent::Home{});
    f.k.apply(intent::LeaveForm{});
    CHECK(f.k.location().screen == Screen::home);
    CHECK(f.k.session().values.empty());
    CHECK_FALSE(f.k.leave_prompt());
}

TEST_CASE("the leave question goes with the session when nobody answers it") {
    Fixture f;
    f.to_review();
    f.k.apply(intent::Home{});
    REQUIRE(f.k.leave_prompt());
    f.clock.advance(75s);  // prompt at 60 s, countdown 15 s
    f.k.tick();
    CHECK(f.k.location().screen == Screen::home);
    CHECK_FALSE(f.k.leave_prompt());
}

TEST_CASE("a newer status lookup cancels the one in flight and its late answer is dropped") {
    Fixture f;
    const auto first = ask_status(f, "DEV01-261122-0001");
    CHECK_FALSE(first.cancelled->load());
    f.k.apply(intent::Back{});
    const auto second = ask_status(f, "DEV01-261122-0002");
    CHECK(first.cancelled->load());  // the app abandons the first request
    CHECK_FALSE(second.cancelled->load());
    CHECK(second.lookup != first.lookup);

    f.k.on(event::StatusAnswered{first.lookup, found("DEV01-261122-0001", "rejected")});
    CHECK_FALSE(f.k.session().status);  // never shown under the second code
    CHECK(f.k.session().status_pending);
    f.k.on(event::StatusAnswered{second.lookup, found("DEV01-261122-0002", "processing")});
    REQUIRE(f.k.session().status);
    CHECK(f.k.session().status->receipt_code == "DEV01-261122-0002");
}

TEST_CASE("leaving the result screen cancels the lookup still awaited") {
    Fixture f;
    const auto lookup = ask_status(f, "DEV01-261122-0001");
    f.k.apply(intent::Back{});
    f.k.tick();
    CHECK(lookup.cancelled->load());
    // An answer that comes anyway changes nothing.
    f.k.on(event::StatusAnswered{lookup.lookup, found("DEV01-261122-0001", "processing")});
    CHECK_FALSE(f.k.session().status);

    const auto home = ask_status(f, "DEV01-261122-0003");
    f.k.apply(intent::Home{});
    CHECK(home.cancelled->load());
}

TEST_CASE("the receipt asks the portal again every 2 s until the dossier is delivered") {
    Fixture f;
    to_receipt(f);
    f.k.on(event::NotDeliveredYet{"d-1"});
    REQUIRE(f.k.next_timer());
    CHECK(*f.k.next_timer() <= 2s);
    f.clock.advance(1s);
    f.k.tick();
    CHECK(f.k.take_effects().empty());
    f.clock.advance(1s);
    f.k.tick();
    auto effects = f.k.take_effects();
    REQUIRE(effects.size() == 1);
    CHECK(std::get<effect::WatchDelivery>(effects[0]).dossier_id == "d-1");

    f.k.on(event::NotDeliveredYet{"d-other"});  // not the dossier on screen
    f.clock.advance(2s);
    f.k.tick();
    CHECK(f.k.take_effects().empty());

    f.k.on(event::NotDeliveredYet{"d-1"});
    f.k.on(event::Delivered{"d-1", "HS-1"});
    f.clock.advance(2s);
    f.k.tick();
    CHECK(f.k.take_effects().empty());  // delivered: no more asking
    CHECK(f.k.session().receipt->portal_ref == "HS-1");
}

TEST_CASE("no delivery watch outlives its receipt screen") {
    Fixture f;
    to_receipt(f);
    f.k.on(event::NotDeliveredYet{"d-1"});
    f.k.apply(intent::Home{});
    f.clock.advance(3s);
    f.k.tick();
    CHECK(f.k.take_effects().empty());
}

TEST_CASE("the staff screen's data and messages come as events and go with the session") {
    Fixture f;
    StaffView view;
    view.pending = 3;
    view.kiosk_id = "DEV01";
    f.k.on(event::StaffViewLoaded{view});  // not on the staff screen: ignored
    CHECK_FALSE(f.k.staff_view());

    for (int i = 0; i < 5; ++i)
        f.k.apply(intent::StaffCorner{});
    f.k.apply(intent::TypeText{"1234"});
    f.k.apply(intent::StaffSubmitPin{});
    f.k.take_effects();
    f.k.on(event::PinChecked{true});
    REQUIRE(f.k.location().screen == Screen::staff);
    f.k.take_effects();
    f.k.on(event::StaffViewLoaded{view});
    REQUIRE(f.k.staff_view());
    CHECK(f.k.staff_view()->pending == 3);

    f.k.apply(intent::StaffPause{});
    REQUIRE(std::holds_alternative<effect::StaffPause>(f.k.take_effects().at(0)));
    f.k.on(event::StaffActionDone{"ui.staff.paused_now"});
    CHECK(f.k.staff_message() == "ui.staff.paused_now");

    // The test print: an effect only here, its outcome a staff message like any action's.
    f.k.apply(intent::StaffTestPrint{});
    REQUIRE(std::holds_alternative<effect::StaffTestPrint>(f.k.take_effects().at(0)));
    f.k.on(event::StaffActionDone{"staff2.test_print.paper_out"});
    CHECK(f.k.staff_message() == "staff2.test_print.paper_out");

    f.k.apply(intent::StaffLock{});
    CHECK(f.k.location().screen == Screen::home);
    CHECK_FALSE(f.k.staff_view());  // the next staff member starts from a fresh read
    CHECK(f.k.staff_message().empty());
    f.k.apply(intent::StaffTestPrint{});  // not on the staff screen: nothing
    CHECK(f.k.take_effects().empty());
}

TEST_CASE("a newer catalogue waits for a quiet home screen, never cuts into a session") {
    Fixture f;
    CHECK_FALSE(f.k.reload_due());
    f.k.on(event::CatalogReplaced{"2099-12-31"});
    CHECK_FALSE(f.k.reload_due());  // just touched (the fixture's start)
    REQUIRE(f.k.next_timer().has_value());
    CHECK(*f.k.next_timer() == 60s);  // the app wakes for it without a touch
    f.k.apply(intent::OpenSearch{});  // someone starts using the kiosk
    f.k.apply(intent::TypeText{"khai sinh"});
    f.clock.advance(70s);
    f.k.tick();
    CHECK_FALSE(f.k.reload_due());  // not on the home screen
    f.k.apply(intent::Home{});
    f.k.apply(intent::SetLanguage{Language::en});  // a person is choosing a language
    f.clock.advance(59s);
    f.k.tick();
    CHECK_FALSE(f.k.reload_due());  // their session is not over
    f.clock.advance(1s);
    f.k.tick();  // home's own idle rule ends it: wiped
    REQUIRE(f.k.location().screen == Screen::home);
    REQUIRE(f.k.session().language == Language::vi);
    CHECK(f.k.reload_due());  // untouched for 60 s, nobody's session left
    f.k.activity();
    CHECK_FALSE(f.k.reload_due());
}

TEST_CASE("staff mark a fee paid by a typed or scanned receipt code; elsewhere nothing") {
    Fixture f;
    f.k.apply(intent::StaffFeePaid{});  // not on the staff screen
    CHECK(f.k.take_effects().empty());
    for (int i = 0; i < 5; ++i)
        f.k.apply(intent::StaffCorner{});
    f.k.apply(intent::TypeText{"1234"});
    f.k.apply(intent::StaffSubmitPin{});
    f.k.on(event::PinChecked{true});
    REQUIRE(f.k.location().screen == Screen::staff);
    f.k.take_effects();

    f.k.apply(intent::StaffFeePaid{});  // no code typed: nothing to do
    CHECK(f.k.take_effects().empty());
    f.k.apply(intent::Focus{std::string(key::staff_fee_paid)});
    f.k.apply(intent::TypeText{"dev01-261122-0007"});  // typed in lower case
    f.k.apply(intent::StaffFeePaid{});
    auto effects = f.k.take_effects();
    REQUIRE(effects.size() == 1);
    CHECK(std::get<effect::StaffFeePaid>(effects[0]).receipt_code == "DEV01-261122-0007");

    f.k.on(event::ScannedReceiptCode{"DEV01-261122-0009"});  // fills both staff code boxes
    f.k.apply(intent::StaffFeePaid{});
    effects = f.k.take_effects();
    REQUIRE(effects.size() == 1);
    CHECK(std::get<effect::StaffFeePaid>(effects[0]).receipt_code == "DEV01-261122-0009");
    f.k.on(event::StaffActionDone{"fee.staff.marked"});
    CHECK(f.k.staff_message() == "fee.staff.marked");
}

TEST_CASE("one tap on a face of the receipt screen rates, once, without the dossier") {
    Fixture f;
    f.k.apply(intent::Rate{4});  // not on the receipt screen
    CHECK(f.k.take_effects().empty());
    to_receipt(f);
    f.k.apply(intent::Rate{0});  // not a face
    CHECK(f.k.take_effects().empty());
    f.k.apply(intent::Rate{3});
    auto effects = f.k.take_effects();
    REQUIRE(effects.size() == 1);
    CHECK(std::get<effect::Rate>(effects[0]).value == 3);
    CHECK(f.k.session().receipt->rating == 3);
    f.k.apply(intent::Rate{1});  // a second tap changes nothing
    CHECK(f.k.take_effects().empty());
    CHECK(f.k.session().receipt->rating == 3);
}
