// Voice mode in the flow (issue 15, docs/voice.md): a keypad key or "Đọc to" turns it on;
// the flow then says each new screen once its items are known, each focus move (label,
// value, kind, position) and each refused value; "Đọc to" again stops; it lasts to the
// receipt and ends with the session.
#include <doctest/doctest.h>

#include "flow_fixture.hpp"

using namespace quay;
using namespace quay::flow;
using namespace quay::flow::testing;

namespace {

std::vector<std::string> said(Kiosk& k) {
    std::vector<std::string> out;
    for (auto& e : k.take_effects())
        if (auto* s = std::get_if<effect::Say>(&e)) out.push_back(s->text);
    return out;
}

std::vector<FocusItem> home_items() {
    return {{"home.search", "Tìm thủ tục", ItemKind::button, ""},
            {"home.status", "Tra cứu hồ sơ", ItemKind::button, ""}};
}

}  // namespace

TEST_CASE("voice: off until asked; a keypad key turns it on and says where the citizen is") {
    Fixture f;
    f.k.on(event::ScreenItems{home_items()});
    CHECK(said(f.k).empty());  // nobody asked: silence

    f.k.apply(intent::FocusNext{});
    CHECK(f.k.session().voice);
    const auto first = said(f.k);
    REQUIRE(first.size() == 2);
    CHECK(first[0].starts_with("Đã bật đọc to."));
    CHECK(first[0].find("Trang chủ") != std::string::npos);
    CHECK(first[0].find("Màn hình có 2 mục") != std::string::npos);
    CHECK(first[1] == "Tìm thủ tục. Nút. Mục 1 trên 2.");

    f.k.apply(intent::FocusNext{});
    CHECK(said(f.k) == std::vector<std::string>{"Tra cứu hồ sơ. Nút. Mục 2 trên 2."});
}

TEST_CASE("voice: a new screen is said once its items arrive; fields say their value") {
    Fixture f;
    f.k.apply(intent::ToggleVoice{});
    said(f.k);
    f.to_form();
    CHECK(said(f.k).empty());  // the form's items are not known yet
    f.k.on(
        event::ScreenItems{{{"field:applicant.full_name", "Họ, chữ đệm, tên", ItemKind::field, ""},
                            {"action.next", "Tiếp tục", ItemKind::button, ""}}});
    const auto page = said(f.k);
    REQUIRE(page.size() == 1);
    CHECK(page[0].starts_with("Bước 1 trên "));
    f.k.on(event::ScreenItems{
        {{"field:applicant.full_name", "Họ, chữ đệm, tên", ItemKind::field, ""}}});
    CHECK(said(f.k).empty());  // the same screen again: said once
    f.k.apply(intent::FocusNext{});
    CHECK(said(f.k) ==
          std::vector<std::string>{"Họ, chữ đệm, tên. Chưa điền. Ô điền. Mục 1 trên 1."});
}

TEST_CASE("voice: a refused page says what is wrong; Đọc to again stops") {
    Fixture f;
    f.k.apply(intent::ToggleVoice{});
    f.to_form();
    said(f.k);
    f.k.apply(intent::NextPage{});  // nothing filled: refused
    const auto errors = said(f.k);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].find("Họ") != std::string::npos);

    f.k.apply(intent::ToggleVoice{});
    CHECK_FALSE(f.k.session().voice);
    CHECK(said(f.k) == std::vector<std::string>{""});  // stop at once
    f.k.apply(intent::NextPage{});
    CHECK(said(f.k).empty());
}

TEST_CASE("voice: lasts to the receipt, which says the code; ends with the session") {
    Fixture f;
    f.k.apply(intent::ToggleVoice{});
    f.to_review();
    f.k.apply(intent::Confirm{});
    f.k.take_effects();
    f.k.on(event::Submitted{"d-1", "DEV01-261122-0001"});
    REQUIRE(f.k.location().screen == Screen::receipt);
    CHECK(f.k.session().voice);
    said(f.k);
    f.k.on(event::ScreenItems{{{"action.done", "Về trang chủ", ItemKind::button, ""}}});
    const auto receipt = said(f.k);
    REQUIRE(receipt.size() == 1);
    CHECK(receipt[0].find("Mã hồ sơ: DEV01-261122-0001") != std::string::npos);
    f.clock.advance(std::chrono::hours(1));
    f.k.tick();  // the receipt clears and the session ends: the next person starts silent
    CHECK(f.k.location().screen == Screen::home);
    CHECK_FALSE(f.k.session().voice);
}
