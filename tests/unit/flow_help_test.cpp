// Issue 14 in the flow: the scan notice stays on its page, the "next box" key, the call for
// help, the document checklist, and the staff's out-of-service switch.
#include <doctest/doctest.h>

#include "flow_fixture.hpp"

using namespace quay;
using namespace quay::flow;
using namespace quay::flow::testing;
using namespace std::chrono_literals;

namespace {

template <class E>
int count_effects(const std::vector<Effect>& effects) {
    int n = 0;
    for (const auto& e : effects)
        n += std::holds_alternative<E>(e) ? 1 : 0;
    return n;
}

const CitizenIdScan card{"001090123456", "Nguyễn Văn An", "1990-01-01", "Hà Nội"};

}  // namespace

TEST_CASE("the scan notice stays on its page until dismissed, and goes when the page changes") {
    Fixture f;
    f.to_form();
    f.k.on(event::ScannedCitizenId{card});
    CHECK(f.k.form_notice() == "ui.scan.id_filled");
    f.clock.advance(60s);  // no toast timer: it is read at the person's pace
    f.k.tick();
    CHECK(f.k.form_notice() == "ui.scan.id_filled");
    f.k.apply(intent::DismissFormNotice{});
    CHECK(f.k.form_notice().empty());

    f.k.on(event::ScannedCitizenId{card});
    CHECK(f.k.form_notice() == "ui.scan.id_filled");
    f.type(applicant::phone, "0912345678");  // typing on the same page keeps it
    CHECK(f.k.form_notice() == "ui.scan.id_filled");
    f.k.apply(intent::NextPage{});
    REQUIRE(f.k.location().page == 1);
    CHECK(f.k.form_notice().empty());
    f.k.apply(intent::Back{});
    CHECK(f.k.form_notice().empty());  // not back when the page comes back
}

TEST_CASE("a scan on another page opens the applicant page with the notice there") {
    Fixture f;
    f.to_form();
    f.fill_applicant();
    f.k.apply(intent::NextPage{});
    REQUIRE(f.k.location().page == 1);
    f.k.on(event::ScannedCitizenId{card});
    CHECK(f.k.location().page == 0);
    CHECK(f.k.form_notice() == "ui.scan.id_filled");
}

TEST_CASE("the next-box key moves to the next box typed in, skipping choices and dates") {
    Fixture f;
    f.to_form();
    f.k.apply(intent::Focus{std::string(applicant::full_name)});
    CHECK(f.k.next_field() == std::string(applicant::id_number));
    f.k.apply(intent::TypeText{"An"});
    f.k.apply(intent::NextField{});
    CHECK(f.k.session().focused == std::string(applicant::id_number));
    CHECK(f.k.session().value(applicant::full_name) == "An");  // kept, and checked
    CHECK(f.k.session().left.count(std::string(applicant::full_name)) == 1);
    // id_number → (date of birth is skipped) → address
    f.k.apply(intent::NextField{});
    CHECK(f.k.session().focused == std::string(applicant::address));
    CHECK_FALSE(f.k.next_field());
    f.k.apply(intent::NextField{});  // the last box: the key just closes the keyboard
    CHECK_FALSE(f.k.session().focused);

    f.fill_applicant();
    f.k.apply(intent::NextPage{});
    f.type(applicant::phone, "0912345678");
    f.k.apply(intent::NextPage{});
    f.k.apply(intent::Focus{"tre_ho_ten"});
    CHECK(f.k.next_field() == std::string("can_nang"));  // the choice between is skipped

    Fixture s;
    s.k.apply(intent::OpenStatus{});
    REQUIRE(s.k.session().focused == std::string(key::status_code));
    s.k.apply(intent::NextField{});
    CHECK(s.k.session().focused == std::string(key::status_last4));
}

TEST_CASE("Gọi cán bộ: records a call with the screen's name only, and says where to go") {
    Fixture f;
    f.to_form();
    f.type(applicant::full_name, "Nguyễn Văn An");
    (void)f.k.take_effects();
    f.k.apply(intent::CallHelp{});
    CHECK(f.k.help_open());
    const auto effects = f.k.take_effects();
    REQUIRE(effects.size() == 1);
    const auto* call = std::get_if<effect::CallHelp>(&effects[0]);
    REQUIRE(call != nullptr);
    CHECK(call->screen == "form");                                        // never what was typed
    CHECK(f.k.session().value(applicant::full_name) == "Nguyễn Văn An");  // nothing lost
    f.k.apply(intent::CloseHelp{});
    CHECK_FALSE(f.k.help_open());
    CHECK(f.k.location().screen == Screen::form);

    f.k.apply(intent::CallHelp{});
    f.clock.advance(120s);  // left alone: the session ends, and the panel with it
    f.k.tick();
    CHECK(f.k.location().screen == Screen::home);
    CHECK_FALSE(f.k.help_open());
}

TEST_CASE("a procedure page prints its document checklist in the citizen's language") {
    Fixture f;
    f.k.apply(intent::SetLanguage{Language::en});
    f.k.apply(intent::OpenProcedure{"1.001193"});
    (void)f.k.take_effects();
    f.k.apply(intent::PrintChecklist{});
    const auto effects = f.k.take_effects();
    REQUIRE(effects.size() == 1);
    const auto* print = std::get_if<effect::PrintChecklist>(&effects[0]);
    REQUIRE(print != nullptr);
    CHECK(print->procedure_code == "1.001193");
    CHECK(print->language == Language::en);
    CHECK(f.k.notice() == "ui.help.checklist_printing");
    f.k.on(event::Notice{"ui.help.checklist_no_printer"});  // the printer's answer, if bad
    CHECK(f.k.notice() == "ui.help.checklist_no_printer");
    f.k.apply(intent::Home{});
    f.k.apply(intent::PrintChecklist{});  // only from a procedure page
    CHECK(count_effects<effect::PrintChecklist>(f.k.take_effects()) == 0);
}

TEST_CASE("out of service: no new dossier starts; the switch comes from the store") {
    Fixture f;
    Settings s = Fixture::settings();
    s.out_of_service = true;  // read from the store at start: a restart keeps it
    Kiosk k{f.catalog, f.locale, f.clock, s};
    CHECK(k.out_of_service());
    k.apply(intent::OpenProcedure{"1.001193"});
    k.apply(intent::StartForm{});
    CHECK(k.location().screen == Screen::procedure);  // refused
    k.apply(intent::Home{});
    k.apply(intent::OpenStatus{});  // looking up a filed dossier still works
    CHECK(k.location().screen == Screen::status);

    // Staff switch it back: the effect, then the store's word in the staff view.
    k.apply(intent::Home{});
    for (int i = 0; i < 5; ++i)
        k.apply(intent::StaffCorner{});
    k.apply(intent::TypeText{"1234"});
    k.apply(intent::StaffSubmitPin{});
    k.on(event::PinChecked{true});
    REQUIRE(k.location().screen == Screen::staff);
    (void)k.take_effects();
    k.apply(intent::StaffSetService{true});
    const auto effects = k.take_effects();
    REQUIRE(effects.size() == 1);
    CHECK(std::get<effect::StaffSetService>(effects[0]).in_service);
    CHECK(k.out_of_service());  // not yet: the store has not said so
    StaffView v;
    v.out_of_service = false;
    k.on(event::StaffViewLoaded{v});
    CHECK_FALSE(k.out_of_service());
    k.apply(intent::StaffLock{});
    k.apply(intent::OpenProcedure{"1.001193"});
    k.apply(intent::StartForm{});
    CHECK(k.location().screen == Screen::form);
    // Staff-only actions are ignored anywhere else.
    k.apply(intent::StaffSetService{false});
    k.apply(intent::StaffAckHelp{});
    CHECK(count_effects<effect::StaffSetService>(k.take_effects()) == 0);
}
