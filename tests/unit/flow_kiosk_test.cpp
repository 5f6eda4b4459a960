// flow::Kiosk: the kiosk's navigation and session rules, without a display.
#include <doctest/doctest.h>

#include "flow_fixture.hpp"
#include "quay/flow/kiosk.hpp"
#include "quay/flow/scan.hpp"
#include "quay/text/utf8.hpp"

using namespace quay;
using namespace quay::flow;
using namespace std::chrono_literals;

using namespace quay::flow::testing;

TEST_CASE("navigation: home → procedure → form → back") {
    Fixture f;
    CHECK(f.k.location().screen == Screen::home);
    CHECK_FALSE(f.k.can_go_back());
    f.k.apply(intent::OpenEvent{"birth"});
    CHECK(f.k.location().screen == Screen::procedure_list);
    CHECK(f.k.location().param == "event:birth");
    f.k.apply(intent::OpenProcedure{"nope"});  // unknown codes go nowhere
    CHECK(f.k.location().screen == Screen::procedure_list);
    f.k.apply(intent::OpenProcedure{"1.001193"});
    CHECK(f.k.procedure()->code == "1.001193");
    f.k.apply(intent::StartForm{});
    CHECK(f.k.location().screen == Screen::form);
    CHECK(f.k.location().page == 0);
    f.k.apply(intent::Back{});
    CHECK(f.k.location().screen == Screen::procedure);
    f.k.apply(intent::Back{});
    f.k.apply(intent::Back{});
    CHECK(f.k.location().screen == Screen::home);
    f.k.apply(intent::Back{});
    CHECK(f.k.location().screen == Screen::home);
}

TEST_CASE("a page with a missing required field does not move on, and says why") {
    Fixture f;
    f.to_form();
    f.k.apply(intent::NextPage{});
    CHECK(f.k.location().page == 0);
    CHECK(f.k.session().errors.at(std::string(applicant::full_name)) == "validation.required");
    f.fill_applicant();
    CHECK(f.k.session().errors.empty());
    f.k.apply(intent::NextPage{});
    CHECK(f.k.location().page == 1);
}

TEST_CASE("errors appear when a field is left, from the catalogue's check") {
    Fixture f;
    f.to_form();
    f.type(applicant::id_number, "00109");
    CHECK(f.k.session().errors.at(std::string(applicant::id_number)) == "validation.id_number");
    // Letters never reach a digit field.
    f.k.apply(intent::Focus{std::string(applicant::id_number)});
    f.k.apply(intent::TypeText{"abc0123456"});
    f.k.apply(intent::Blur{});
    CHECK(f.k.session().value(applicant::id_number) == "001090123456");
    CHECK_FALSE(f.k.session().errors.count(std::string(applicant::id_number)));
}

TEST_CASE("the full form ends in a Submit effect with the draft, then the receipt") {
    Fixture f;
    f.to_form();
    f.fill_applicant();
    f.k.apply(intent::NextPage{});  // contact page
    f.type(applicant::phone, "0912345678");
    f.k.apply(intent::NextPage{});  // child page
    f.type("tre_ho_ten", "Nguyễn Thị Bình ");
    f.k.apply(intent::SetValue{"tre_gioi_tinh", "Nữ"});
    f.type("can_nang", "3");
    f.k.apply(intent::NextPage{});
    REQUIRE(f.k.location().screen == Screen::review);
    CHECK(f.k.take_effects().empty());
    f.k.apply(intent::Declare{true});
    f.k.apply(intent::Confirm{});
    CHECK(f.k.location().screen == Screen::saving);
    auto effects = f.k.take_effects();
    REQUIRE(effects.size() == 1);
    const auto& draft = std::get<effect::Submit>(effects[0]).draft;
    CHECK(draft["procedure_code"] == "1.001193");
    CHECK(draft["applicant"]["full_name"] == "Nguyễn Văn An");
    CHECK(draft["applicant"]["email"].is_null());
    CHECK(draft["fields"]["tre_ho_ten"] == "Nguyễn Thị Bình");  // trimmed when left
    CHECK(draft["fields"]["tre_gioi_tinh"] == "Nữ");
    CHECK(draft["fields"]["can_nang"] == 3);
    // Documents and fees come from the catalogue, filled by the store (their one builder).
    CHECK_FALSE(draft.contains("documents"));
    CHECK_FALSE(draft.contains("fees"));

    // Nothing else may happen while saving.
    f.k.apply(intent::Home{});
    f.k.apply(intent::Back{});
    CHECK(f.k.location().screen == Screen::saving);

    f.k.on(event::Submitted{"d-1", "DEV01-261122-0001"});
    CHECK(f.k.location().screen == Screen::receipt);
    CHECK(f.k.session().receipt->receipt_code == "DEV01-261122-0001");
    CHECK(f.k.session().values.empty());  // what was typed is gone once stored
    effects = f.k.take_effects();
    REQUIRE(effects.size() == 2);
    CHECK(std::holds_alternative<effect::Print>(effects[0]));
    f.k.on(event::Printed{"d-1", PrintState::paper_out});
    CHECK(f.k.session().receipt->print == PrintState::paper_out);
    f.k.on(event::Delivered{"d-1", "HS-1"});
    CHECK(f.k.session().receipt->delivered);

    // The finished dossier's screen clears after 30 s.
    f.clock.advance(29s);
    f.k.tick();
    CHECK(f.k.location().screen == Screen::receipt);
    f.clock.advance(2s);
    f.k.tick();
    CHECK(f.k.location().screen == Screen::home);
    CHECK_FALSE(f.k.session().receipt);
}

TEST_CASE("a failed save goes back to the review with the message, nothing lost") {
    Fixture f;
    f.to_review();
    f.k.apply(intent::Confirm{});
    f.k.on(event::SubmitFailed{"error.storage"});
    CHECK(f.k.location().screen == Screen::review);
    CHECK(f.k.session().submit_error == "error.storage");
    CHECK(f.k.session().value("tre_ho_ten") == "Bình");
}

TEST_CASE("the saving screen ends at its deadline; a late answer is still taken, never twice") {
    Fixture f;
    f.to_review();
    f.k.apply(intent::Confirm{});
    auto effects = f.k.take_effects();
    REQUIRE(effects.size() == 1);
    const auto given_up = std::get<effect::Submit>(effects[0]).given_up;
    CHECK_FALSE(given_up->load());
    // The store never answers (busy past its timeout, a hung disk).
    CHECK(f.k.next_timer() == std::chrono::milliseconds(20000));
    f.clock.advance(19s);
    f.k.tick();
    CHECK(f.k.location().screen == Screen::saving);
    CHECK(f.k.next_timer() == std::chrono::milliseconds(1000));
    f.clock.advance(1s);
    f.k.tick();
    CHECK(f.k.location().screen == Screen::review);
    CHECK(f.k.session().submit_error == "ui.error.saving_slow");
    CHECK(given_up->load());  // a submit not yet started will not start
    CHECK(f.k.session().value("tre_ho_ten") == "Bình");

    // Confirm again: waits for the same submit, no second one (never stored twice).
    f.k.apply(intent::Confirm{});
    CHECK(f.k.location().screen == Screen::saving);
    CHECK(f.k.take_effects().empty());
    CHECK_FALSE(given_up->load());
    f.clock.advance(20s);
    f.k.tick();
    CHECK(f.k.location().screen == Screen::review);

    // It was stored after all: the citizen gets the receipt.
    f.k.on(event::Submitted{"d-1", "DEV01-261122-0001"});
    CHECK(f.k.location().screen == Screen::receipt);
    CHECK(f.k.session().receipt->receipt_code == "DEV01-261122-0001");
}

TEST_CASE("a late answer for a dossier no longer on screen is not shown to the next one") {
    Fixture f;
    f.to_review();
    f.k.apply(intent::Confirm{});
    CHECK(f.k.take_effects().size() == 1);
    f.clock.advance(20s);
    f.k.tick();
    REQUIRE(f.k.location().screen == Screen::review);
    f.k.apply(intent::Home{});
    f.k.apply(intent::LeaveForm{});  // what was typed goes

    f.to_review();
    f.k.apply(intent::Confirm{});
    auto effects = f.k.take_effects();
    REQUIRE(effects.size() == 1);  // a new dossier: a new submit
    CHECK(std::holds_alternative<effect::Submit>(effects[0]));
    f.k.on(event::Submitted{"d-old", "DEV01-261122-0001"});  // the first one, late
    CHECK(f.k.location().screen == Screen::saving);
    f.k.on(event::SubmitFailed{"ui.error.storage"});  // this one's answer
    CHECK(f.k.location().screen == Screen::review);
    CHECK(f.k.session().submit_error == "ui.error.storage");
}

TEST_CASE("Edit from the review returns to the review") {
    Fixture f;
    f.to_review();
    f.k.apply(intent::EditPage{0});
    CHECK(f.k.location().screen == Screen::form);
    CHECK(f.k.location().page == 0);
    f.k.apply(intent::NextPage{});
    CHECK(f.k.location().screen == Screen::review);
}

TEST_CASE("inactivity: prompt at 60 s, countdown 15 s, then everything typed is wiped") {
    Fixture f;
    f.k.apply(intent::SetLanguage{Language::en});
    f.to_form();
    f.type(applicant::full_name, "Nguyễn Văn An");
    f.clock.advance(59s);
    f.k.tick();
    CHECK_FALSE(f.k.idle_prompt().visible);
    CHECK(f.k.next_timer() == std::chrono::milliseconds(1000));
    f.clock.advance(1s);
    f.k.tick();
    CHECK(f.k.idle_prompt().visible);
    CHECK(f.k.idle_prompt().seconds_left == 15);
    f.k.apply(intent::StillHere{});
    CHECK_FALSE(f.k.idle_prompt().visible);
    CHECK(f.k.session().value(applicant::full_name) == "Nguyễn Văn An");

    f.clock.advance(70s);
    f.k.tick();
    CHECK(f.k.idle_prompt().seconds_left == 5);
    f.clock.advance(5s);
    f.k.tick();
    CHECK(f.k.location().screen == Screen::home);
    CHECK(f.k.session().values.empty());
    CHECK(f.k.session().language == Language::vi);  // back to the kiosk's language
    CHECK(f.k.plan() == nullptr);
}

TEST_CASE("Home keeps the language but forgets what was typed") {
    Fixture f;
    f.k.apply(intent::SetLanguage{Language::en});
    f.to_form();
    f.type(applicant::full_name, "An");
    f.k.apply(intent::Home{});
    f.k.apply(intent::LeaveForm{});
    CHECK(f.k.location().screen == Screen::home);
    CHECK(f.k.session().language == Language::en);
    CHECK(f.k.session().values.empty());
}

TEST_CASE("a citizen ID scan fills the applicant page; elsewhere it explains") {
    Fixture f;
    f.k.on(event::ScannedCitizenId{{"001090123456", "Nguyễn Văn An", "1990-01-01", "Hà Nội"}});
    CHECK(f.k.notice() == "ui.scan.start_form_first");
    f.to_form();
    f.k.apply(intent::NextPage{});  // errors on the empty page
    f.k.on(event::ScannedCitizenId{{"001090123456", "Nguyễn Văn An", "1990-01-01", "Hà Nội"}});
    CHECK(f.k.session().value(applicant::id_number) == "001090123456");
    CHECK(f.k.session().value(applicant::full_name) == "Nguyễn Văn An");
    CHECK(f.k.session().errors.empty());
    // Said at the top of the form, not in a toast over the fields (issue 14).
    CHECK(f.k.form_notice() == "ui.scan.id_filled");
    CHECK(f.k.notice() != "ui.scan.id_filled");  // no toast over the fields
    f.k.on(event::ScanRejected{});
    CHECK(f.k.notice() == "ui.scan.unrecognised");
    f.clock.advance(10s);
    CHECK(f.k.notice().empty());
    CHECK(f.k.form_notice() == "ui.scan.id_filled");  // stays until dismissed
}

TEST_CASE("status lookup: checks the inputs, asks, shows the answer") {
    Fixture f;
    f.k.apply(intent::OpenStatus{});
    CHECK(f.k.session().focused == std::string(key::status_code));
    f.k.apply(intent::TypeText{"dev01-261122-0001"});
    CHECK(f.k.session().value(key::status_code) == "DEV01-261122-0001");
    f.k.apply(intent::Focus{std::string(key::status_last4)});
    f.k.apply(intent::TypeText{"34"});
    f.k.apply(intent::LookupStatus{});
    CHECK(f.k.location().screen == Screen::status);
    CHECK(f.k.session().errors.at(std::string(key::status_last4)) == "ui.status.error.last4");
    f.k.apply(intent::Focus{std::string(key::status_last4)});
    f.k.apply(intent::TypeText{"56"});
    f.k.apply(intent::LookupStatus{});
    CHECK(f.k.location().screen == Screen::status_result);
    auto effects = f.k.take_effects();
    REQUIRE(effects.size() == 1);
    const auto& lookup = std::get<effect::LookupStatus>(effects[0]);
    CHECK(lookup.id_last4 == "3456");
    StatusAnswer a;
    a.kind = StatusAnswer::Kind::offline;
    f.k.on(event::StatusAnswered{lookup.lookup, a});
    CHECK(f.k.session().status->kind == StatusAnswer::Kind::offline);
    // A receipt QR scanned on the home screen opens the lookup with the code.
    f.k.apply(intent::Home{});
    f.k.on(event::ScannedReceiptCode{"DEV01-261122-0002"});
    CHECK(f.k.location().screen == Screen::status);
    CHECK(f.k.session().value(key::status_code) == "DEV01-261122-0002");
    CHECK(f.k.session().focused == std::string(key::status_last4));
}

TEST_CASE("staff mode: five taps in 3 s, PIN with slow-down, locks after 2 minutes") {
    Fixture f;
    for (int i = 0; i < 4; ++i) {
        f.k.apply(intent::StaffCorner{});
        f.clock.advance(1s);  // too slow: never five within 3 s
    }
    CHECK(f.k.location().screen == Screen::home);
    for (int i = 0; i < 5; ++i)
        f.k.apply(intent::StaffCorner{});
    CHECK(f.k.location().screen == Screen::staff_pin);

    f.k.apply(intent::TypeText{"1234"});
    f.k.apply(intent::StaffSubmitPin{});
    auto effects = f.k.take_effects();
    REQUIRE(effects.size() == 1);
    CHECK(std::get<effect::VerifyPin>(effects[0]).pin == "1234");
    CHECK(f.k.session().value(key::staff_pin).empty());  // not kept
    // staff::PinThrottle's policy: three free tries, then 5 s, doubling.
    for (int i = 0; i < 3; ++i)
        f.k.on(event::PinChecked{false});
    CHECK(f.k.pin_wait() == 0s);
    f.k.on(event::PinChecked{false});
    CHECK(f.k.pin_wait() == 5s);
    CHECK(f.k.next_timer() <= 5s);
    f.k.apply(intent::Focus{std::string(key::staff_pin)});
    f.k.apply(intent::TypeText{"9999"});
    f.k.apply(intent::StaffSubmitPin{});
    CHECK(f.k.take_effects().empty());  // still waiting
    f.clock.advance(5s);
    f.k.apply(intent::StaffSubmitPin{});
    CHECK(f.k.take_effects().size() == 1);
    f.k.on(event::PinChecked{true});
    CHECK(f.k.location().screen == Screen::staff);
    CHECK(std::holds_alternative<effect::StaffRefresh>(f.k.take_effects().at(0)));
    f.clock.advance(119s);
    f.k.tick();
    CHECK(f.k.location().screen == Screen::staff);
    f.clock.advance(1s);
    f.k.tick();
    CHECK(f.k.location().screen == Screen::home);
}

TEST_CASE("a wrong PIN counts even when the screen was left before its check came back") {
    Fixture f;
    for (int i = 0; i < 4; ++i) {
        for (int t = 0; t < 5; ++t)
            f.k.apply(intent::StaffCorner{});
        REQUIRE(f.k.location().screen == Screen::staff_pin);
        f.k.apply(intent::TypeText{"1234"});
        f.k.apply(intent::StaffSubmitPin{});
        f.k.apply(intent::StaffLock{});  // walks away at once
        f.k.on(event::PinChecked{false});
        f.clock.advance(std::chrono::seconds(4));
    }
    CHECK(f.k.pin_wait() > 0s);
}

TEST_CASE("the PIN slowdown restored at start (from the store) applies at once") {
    catalog::Catalog c = sample_catalog();
    locale::Locale l = locale::Locale::embedded();
    ManualClock clock{std::chrono::system_clock::time_point(std::chrono::seconds(1795312800))};
    Settings s = Fixture::settings();
    s.pin_failures = 5;  // a restart after five wrong PINs: 10 s before the next try
    Kiosk k{c, l, clock, s};
    CHECK(k.pin_wait() == 10s);
    clock.advance(10s);
    CHECK(k.pin_wait() == 0s);
}

TEST_CASE("staff mode is closed when no PIN is configured") {
    catalog::Catalog c = sample_catalog();
    const auto locale = locale::Locale::embedded();
    ManualClock clock{std::chrono::system_clock::time_point{}};
    Kiosk k{c, locale, clock, Settings{}};
    for (int i = 0; i < 10; ++i)
        k.apply(intent::StaffCorner{});
    CHECK(k.location().screen == Screen::home);
}

TEST_CASE("every message key the flow can show exists in both languages") {
    const auto locale = locale::Locale::embedded();
    for (const char* key :
         {"validation.required", "validation.rejected", "ui.form.fix", "ui.status.error.code",
          "ui.status.error.last4", "ui.staff.pin_wait", "ui.staff.pin_wrong", "ui.scan.not_now",
          "ui.scan.start_form_first", "ui.scan.id_filled", "ui.scan.unrecognised",
          "ui.error.not_ready", "error.storage", "ui.review.declare_first"}) {
        CHECK_MESSAGE(locale.strings(Language::vi).has(key), key);
        CHECK_MESSAGE(locale.strings(Language::en).has(key), key);
    }
}

TEST_CASE("scanner bytes become flow events; garbage is rejected, never thrown") {
    const auto card = event_from_scan(
        "001090123456||Nguy\xe1\xbb\x85n V\xc4\x83n An|01011990|Nam|S\xe1\xbb\x91 5, "
        "th\xc3\xb4n \xc4\x90\xc3\xb4ng|15042021\r",
        false);
    const auto* id = std::get_if<event::ScannedCitizenId>(&card);
    REQUIRE(id != nullptr);
    CHECK(id->card.id_number == "001090123456");
    CHECK(id->card.full_name == "Nguyễn Văn An");
    CHECK(id->card.date_of_birth == "1990-01-01");
    CHECK(id->card.address == "Số 5, thôn Đông");
    const auto code =
        event_from_scan("https://dichvucong.gov.vn/tra-cuu?ma=DEV01-261122-0007", false);
    REQUIRE(std::holds_alternative<event::ScannedReceiptCode>(code));
    CHECK(std::get<event::ScannedReceiptCode>(code).receipt_code == "DEV01-261122-0007");
    for (std::string_view junk : {std::string_view("\xff\xfe\x00\x01", 4), std::string_view(""),
                                  std::string_view("|||||||"), std::string_view("hello")}) {
        CHECK(std::holds_alternative<event::ScanRejected>(event_from_scan(junk, false)));
    }
    CHECK(std::holds_alternative<event::ScanRejected>(
        event_from_scan("001090123456||An|01011990|Nam|HN|15042021", true)));
}

TEST_CASE("the input method follows the language: Telex in Vietnamese, plain keys in English") {
    Fixture f;
    CHECK(f.k.session().method == InputMethod::telex);
    f.k.apply(intent::SetLanguage{Language::en});
    CHECK(f.k.session().method == InputMethod::plain);
    f.to_form();
    f.k.apply(intent::Focus{std::string(applicant::full_name)});
    for (const char32_t c : std::u32string(U"Smith"))
        f.k.apply(intent::Key{c});
    f.k.apply(intent::Space{});
    for (const char32_t c : std::u32string(U"Fawwaz"))
        f.k.apply(intent::Key{c});
    f.k.apply(intent::Blur{});
    CHECK(f.k.session().value(applicant::full_name) == "Smith Fawwaz");  // Telex: "Smĩth Făwaz"

    // The citizen can still choose: plain -> Telex -> VNI -> plain.
    f.k.apply(intent::SetMethod{InputMethod::telex});
    CHECK(f.k.session().method == InputMethod::telex);
    f.k.apply(intent::SetLanguage{Language::vi});
    CHECK(f.k.session().method == InputMethod::telex);
    f.k.apply(intent::Home{});
    f.k.apply(intent::LeaveForm{});
    REQUIRE(f.k.location().screen == Screen::home);
    CHECK(f.k.session().method == InputMethod::telex);

    // A kiosk set up in English starts with plain keys too.
    Settings en = Fixture::settings();
    en.default_language = Language::en;
    Kiosk k(f.catalog, f.locale, f.clock, en);
    CHECK(k.session().language == Language::en);
    CHECK(k.session().method == InputMethod::plain);
}

TEST_CASE("a name typed with taps only, no Telex: letter keys, the tone bar, capitals by itself") {
    Fixture f;
    f.to_form();
    f.fill_applicant();
    f.k.apply(intent::Focus{"tre_ho_ten"});
    CHECK(f.k.next_letter_upper());  // the keyboard shows capitals at the start of a name
    // What a person who has never heard of Telex taps: letters (ê ă đ ư are keys), the
    // tone bar after the word, Space. No Shift: a name's words start with a capital.
    auto tap = [&](std::u32string_view letters) {
        for (const char32_t c : letters)
            f.k.apply(intent::Key{c});
    };
    tap(U"nguyên");
    CHECK_FALSE(f.k.next_letter_upper());
    f.k.apply(intent::ToneKey{Tone::tilde});
    f.k.apply(intent::Space{});
    CHECK(f.k.next_letter_upper());
    tap(U"văn");
    f.k.apply(intent::Space{});
    tap(U"đưc");
    f.k.apply(intent::ToneKey{Tone::acute});
    f.k.apply(intent::Blur{});
    const std::string name = f.k.session().value("tre_ho_ten");
    CHECK(name == "Nguyễn Văn Đức");
    CHECK(text::is_nfc(name));
    CHECK(f.k.session().errors.count("tre_ho_ten") == 0);

    // Only names: an address keeps what was typed.
    f.k.apply(intent::Focus{std::string(applicant::address)});
    CHECK_FALSE(f.k.next_letter_upper());
}

TEST_CASE("Confirm is refused until the declaration is ticked; an edit asks it again") {
    Fixture f;
    f.to_review();
    f.k.apply(intent::Declare{false});
    f.k.apply(intent::Confirm{});
    CHECK(f.k.location().screen == Screen::review);  // nothing saved
    CHECK(f.k.take_effects().empty());
    CHECK(f.k.session().errors.at(std::string(key::declaration)) == "ui.review.declare_first");

    f.k.apply(intent::Declare{true});
    CHECK_FALSE(f.k.session().errors.count(std::string(key::declaration)));
    // Changing a value after declaring: the declaration covered the old values.
    f.k.apply(intent::EditPage{0});
    f.k.apply(intent::NextPage{});
    REQUIRE(f.k.location().screen == Screen::review);
    CHECK_FALSE(f.k.session().declared);
    f.k.apply(intent::Back{});
    f.k.apply(intent::NextPage{});
    CHECK_FALSE(f.k.session().declared);
    f.k.apply(intent::Confirm{});
    CHECK(f.k.location().screen == Screen::review);

    f.k.apply(intent::Declare{true});
    f.k.apply(intent::Confirm{});
    CHECK(f.k.location().screen == Screen::saving);
    CHECK(f.k.take_effects().size() == 1);
}

TEST_CASE("the receipt screen counts down the seconds before it clears, a touch restarts them") {
    Fixture f;
    f.to_review();
    CHECK(f.k.receipt_seconds_left() == 0);  // only the receipt counts down
    f.k.apply(intent::Confirm{});
    f.k.on(event::Submitted{"d-1", "DEV01-261122-0001"});
    REQUIRE(f.k.location().screen == Screen::receipt);
    CHECK(f.k.receipt_seconds_left() == 30);
    f.clock.advance(10500ms);
    f.k.tick();
    CHECK(f.k.receipt_seconds_left() == 20);  // 19.5 s shows as 20
    // The app wakes at the next whole second so the number on screen moves.
    CHECK(f.k.next_timer() == std::chrono::milliseconds(500));
    f.k.activity();  // a touch: the person is still reading
    CHECK(f.k.receipt_seconds_left() == 30);
    f.clock.advance(30s);
    f.k.tick();
    CHECK(f.k.location().screen == Screen::home);
    CHECK_FALSE(f.k.session().receipt.has_value());
}
