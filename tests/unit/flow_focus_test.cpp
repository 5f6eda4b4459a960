// Navigation without touch in the flow (issue 15): a cursor over the items the screen
// reports, wrapping at the ends, reset by a new screen; activation names the item the UI
// then fires as a tap; the speech keys leave as effects.
#include <doctest/doctest.h>

#include "flow_fixture.hpp"

using namespace quay;
using namespace quay::flow;
using namespace quay::flow::testing;
using namespace std::chrono_literals;

namespace {

std::vector<FocusItem> home_items() {
    return {{"home.search", "Tìm thủ tục", ItemKind::button, ""},
            {"home.events", "Theo sự kiện", ItemKind::button, ""},
            {"home.status", "Tra cứu", ItemKind::button, ""}};
}

std::string focused_id(const Kiosk& k) {
    const auto f = k.focused_item();
    return f ? f->item.id : std::string("(none)");
}

}  // namespace

TEST_CASE("nothing is focused until a key moves; next and previous wrap at the ends") {
    Fixture f;
    f.k.on(event::ScreenItems{home_items()});
    CHECK_FALSE(f.k.focused_item());
    f.k.apply(intent::FocusNext{});
    CHECK(focused_id(f.k) == "home.search");
    f.k.apply(intent::FocusNext{});
    f.k.apply(intent::FocusNext{});
    CHECK(focused_id(f.k) == "home.status");
    const auto last = f.k.focused_item();
    REQUIRE(last);
    CHECK(last->index == 2);
    CHECK(last->count == 3);
    CHECK(last->item.label == "Tra cứu");
    CHECK(last->item.kind == ItemKind::button);
    f.k.apply(intent::FocusNext{});  // past the last: the first
    CHECK(focused_id(f.k) == "home.search");
    f.k.apply(intent::FocusPrevious{});  // before the first: the last
    CHECK(focused_id(f.k) == "home.status");

    Fixture g;  // from nothing, "previous" starts at the end
    g.k.on(event::ScreenItems{home_items()});
    g.k.apply(intent::FocusPrevious{});
    CHECK(focused_id(g.k) == "home.status");
}

TEST_CASE("the focused item stays focused when the list changes around it, else focus goes") {
    Fixture f;
    f.k.on(event::ScreenItems{home_items()});
    f.k.apply(intent::FocusNext{});
    f.k.apply(intent::FocusNext{});
    REQUIRE(focused_id(f.k) == "home.events");
    auto items = home_items();
    items.insert(items.begin(), {"help.call", "Gọi cán bộ", ItemKind::button, ""});
    f.k.on(event::ScreenItems{items});
    CHECK(focused_id(f.k) == "home.events");
    CHECK(f.k.focused_item()->index == 2);
    // A prompt covers the screen: its own items only, nothing focused on them yet.
    f.k.on(event::ScreenItems{{{"idle.continue", "Tiếp tục", ItemKind::button, ""}}});
    CHECK_FALSE(f.k.focused_item());
    f.k.apply(intent::FocusNext{});
    CHECK(focused_id(f.k) == "idle.continue");
}

TEST_CASE("a new screen or form page starts with no items and nothing focused") {
    Fixture f;
    f.k.on(event::ScreenItems{home_items()});
    f.k.apply(intent::FocusNext{});
    REQUIRE(f.k.focused_item());
    f.k.apply(intent::OpenProcedure{"1.001193"});
    CHECK_FALSE(f.k.focused_item());
    CHECK(f.k.screen_items().empty());
    f.k.apply(intent::FocusNext{});  // nothing reported yet: nothing to focus
    CHECK_FALSE(f.k.focused_item());

    f.k.apply(intent::StartForm{});
    f.k.on(event::ScreenItems{{{"field:applicant.full_name", "Họ tên", ItemKind::field, ""},
                               {"action.next", "Tiếp", ItemKind::button, ""}}});
    f.k.apply(intent::FocusNext{});
    REQUIRE(focused_id(f.k) == "field:applicant.full_name");
    f.fill_applicant();
    f.k.apply(intent::NextPage{});  // page 2: the same screen kind, another page
    REQUIRE(f.k.location().page == 1);
    CHECK_FALSE(f.k.focused_item());
    CHECK(f.k.screen_items().empty());
}

TEST_CASE("the session's end (a timer, not a key) also drops the focus") {
    Fixture f;
    f.to_form();
    f.k.on(event::ScreenItems{{{"action.next", "Tiếp", ItemKind::button, ""}}});
    f.k.apply(intent::FocusNext{});
    REQUIRE(f.k.focused_item());
    f.clock.advance(f.k.settings().timeouts.idle_prompt + f.k.settings().timeouts.idle_countdown);
    f.k.tick();
    REQUIRE(f.k.location().screen == Screen::home);
    CHECK_FALSE(f.k.focused_item());
}

TEST_CASE(
    "activate names the focused item once (the UI fires it as a tap); nothing focused, nothing") {
    Fixture f;
    f.k.on(event::ScreenItems{home_items()});
    f.k.apply(intent::Activate{});
    CHECK_FALSE(f.k.take_activation());
    f.k.apply(intent::FocusNext{});
    f.k.apply(intent::Activate{});
    CHECK(f.k.take_activation() == std::optional<std::string>("home.search"));
    CHECK_FALSE(f.k.take_activation());
    // An activation not yet taken when the screen changes is not carried to the next one.
    f.k.apply(intent::Activate{});
    f.k.apply(intent::OpenSearch{});
    CHECK_FALSE(f.k.take_activation());
}

TEST_CASE("speech keys leave as effects for the speaker, and count as activity") {
    Fixture f;
    f.to_form();
    f.clock.advance(f.k.settings().timeouts.idle_prompt - 1s);
    f.k.apply(intent::Speech{SpeechCommand::louder});
    f.k.apply(intent::Speech{SpeechCommand::read_again});
    // The first key also turns voice mode on (an effect::Say of the screen).
    std::vector<SpeechCommand> keys;
    for (const auto& e : f.k.take_effects())
        if (const auto* s = std::get_if<effect::Speech>(&e)) keys.push_back(s->command);
    CHECK(keys == std::vector{SpeechCommand::louder, SpeechCommand::read_again});
    f.clock.advance(2s);
    CHECK_FALSE(f.k.idle_prompt().visible);
}

TEST_CASE("reported items are not activity: a screen redrawn never keeps a session alive") {
    Fixture f;
    f.to_form();
    f.clock.advance(f.k.settings().timeouts.idle_prompt);
    f.k.on(event::ScreenItems{{{"action.next", "Tiếp", ItemKind::button, ""}}});
    CHECK(f.k.idle_prompt().visible);
}
