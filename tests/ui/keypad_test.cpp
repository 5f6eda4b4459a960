// The keypad's one table (docs/keypad.md): what each key asks of the flow, and how an open
// box changes the digits, Enter and Backspace.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "quay/ui/keypad.hpp"

using namespace quay;
using platform::Key;
using ui::key_intent;
using ui::KeyContext;

namespace {

template <class T>
bool is(Key key, KeyContext where = {}) {
    const auto i = key_intent(key, where);
    return i && std::holds_alternative<T>(*i);
}

flow::SpeechCommand speech(Key key) {
    const auto i = key_intent(key, {});
    REQUIRE(i);
    REQUIRE(std::holds_alternative<flow::intent::Speech>(*i));
    return std::get<flow::intent::Speech>(*i).command;
}

}  // namespace

TEST_CASE("the keypad and the arrows move, act and go back; the speech keys adjust speech") {
    for (Key k : {Key::kp_2, Key::kp_6, Key::down, Key::right, Key::tab})
        CHECK(is<flow::intent::FocusNext>(k));
    for (Key k : {Key::kp_8, Key::kp_4, Key::up, Key::left})
        CHECK(is<flow::intent::FocusPrevious>(k));
    CHECK(is<flow::intent::Activate>(Key::kp_5));
    CHECK(is<flow::intent::Activate>(Key::enter));
    for (Key k : {Key::kp_0, Key::backspace, Key::escape})
        CHECK(is<flow::intent::Back>(k));
    CHECK(speech(Key::kp_period) == flow::SpeechCommand::read_again);
    CHECK(speech(Key::kp_plus) == flow::SpeechCommand::louder);
    CHECK(speech(Key::kp_minus) == flow::SpeechCommand::softer);
    CHECK(speech(Key::kp_multiply) == flow::SpeechCommand::faster);
    CHECK(speech(Key::kp_divide) == flow::SpeechCommand::slower);
    // Unbound digits do nothing but count as activity.
    CHECK_FALSE(key_intent(Key::kp_7, {}));
}

TEST_CASE(
    "in an open box the digits type, Backspace erases, Enter closes it or presses the focused "
    "key") {
    const KeyContext in_box{true, false}, on_a_key{true, true};
    for (Key k : {Key::kp_0, Key::kp_2, Key::kp_5, Key::kp_8, Key::kp_period})
        CHECK_FALSE(key_intent(k, in_box));  // their text event types them
    CHECK(is<flow::intent::Backspace>(Key::backspace, in_box));
    CHECK(is<flow::intent::Blur>(Key::enter, in_box));
    CHECK(is<flow::intent::Activate>(Key::enter, on_a_key));
    CHECK(is<flow::intent::FocusNext>(Key::down, in_box));
    CHECK(is<flow::intent::Back>(Key::escape, in_box));
    CHECK(speech(Key::kp_plus) == flow::SpeechCommand::louder);
}

TEST_CASE("in a letters box the keypad keeps moving and pressing; 0 and 5 on the box close it") {
    const KeyContext on_the_box{true, false, true}, on_a_key{true, true, true};
    CHECK(is<flow::intent::FocusNext>(Key::kp_2, on_the_box));
    CHECK(is<flow::intent::FocusPrevious>(Key::kp_8, on_a_key));
    CHECK(is<flow::intent::Activate>(Key::kp_5, on_a_key));  // types the focused key
    CHECK(is<flow::intent::Blur>(Key::kp_5, on_the_box));
    CHECK(is<flow::intent::Blur>(Key::kp_0, on_a_key));
    CHECK(speech(Key::kp_period) == flow::SpeechCommand::read_again);
    // The text those keys also send must not type: the app drops it (keypad_text).
    CHECK(ui::keypad_text(Key::kp_5) == "5");
    CHECK(ui::keypad_text(Key::kp_period) == ".");
    CHECK(ui::keypad_text(Key::enter).empty());
}

TEST_CASE("every key the platform names is in the one table, once") {
    int bound = 0;
    for (const auto& b : ui::keypad_bindings()) {
        int same = 0;
        for (const auto& o : ui::keypad_bindings())
            same += o.key == b.key ? 1 : 0;
        CHECK_MESSAGE(same == 1, b.label);
        ++bound;
    }
    CHECK(bound == 19);
    for (const char* name : {"kp_0", "kp_5", "kp_9", "kp_period", "kp_plus", "kp_minus",
                             "kp_multiply", "kp_divide", "up", "enter", "escape"})
        CHECK_MESSAGE(platform::parse_key(name).has_value(), name);
}

TEST_CASE("docs/keypad.md's table lists every key of the code's table on its action's row") {
    std::ifstream in(std::string(QUAY_SOURCE_DIR) + "/docs/keypad.md");
    REQUIRE(in);
    std::vector<std::string> rows;
    for (std::string line; std::getline(in, line);)
        if (line.starts_with("| ")) rows.push_back(line);
    auto row_of = [&](ui::KeyAction a) -> std::string {
        static const std::map<ui::KeyAction, std::string_view> what{
            {ui::KeyAction::next, "Next item"},
            {ui::KeyAction::previous, "Previous item"},
            {ui::KeyAction::activate, "Do what a tap"},
            {ui::KeyAction::back, "Back (the Back button)"},
            {ui::KeyAction::read_again, "Read again"},
            {ui::KeyAction::louder, "| Louder"},
            {ui::KeyAction::softer, "| Softer"},
            {ui::KeyAction::faster, "| Faster"},
            {ui::KeyAction::slower, "| Slower"}};
        for (const auto& r : rows)
            if (r.find(what.at(a)) != std::string::npos) return r;
        return {};
    };
    for (const auto& b : ui::keypad_bindings()) {
        const std::string row = row_of(b.action);
        CAPTURE(b.label);
        REQUIRE_FALSE(row.empty());
        // The key's cell: its label between the row's first two bars.
        const std::string keys = row.substr(0, row.find('|', row.find('|', 1) + 1));
        CHECK_MESSAGE(keys.find(std::string(b.label)) != std::string::npos, row);
    }
}
