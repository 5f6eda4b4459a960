#include "quay/ui/keypad.hpp"

#include <algorithm>
#include <iterator>

namespace quay::ui {

namespace {

using platform::Key;

constexpr KeyBinding kBindings[] = {
    {Key::kp_8, KeyAction::previous, true, "8"},
    {Key::up, KeyAction::previous, false, "↑"},
    {Key::kp_4, KeyAction::previous, true, "4"},
    {Key::left, KeyAction::previous, false, "←"},
    {Key::kp_2, KeyAction::next, true, "2"},
    {Key::down, KeyAction::next, false, "↓"},
    {Key::kp_6, KeyAction::next, true, "6"},
    {Key::right, KeyAction::next, false, "→"},
    {Key::tab, KeyAction::next, false, "Tab"},
    {Key::kp_5, KeyAction::activate, true, "5"},
    {Key::enter, KeyAction::activate, false, "Enter"},
    {Key::kp_0, KeyAction::back, true, "0"},
    {Key::backspace, KeyAction::back, false, "Backspace"},
    {Key::escape, KeyAction::back, false, "Esc"},
    {Key::kp_period, KeyAction::read_again, true, "."},
    {Key::kp_plus, KeyAction::louder, false, "+"},
    {Key::kp_minus, KeyAction::softer, false, "-"},
    {Key::kp_multiply, KeyAction::faster, false, "*"},
    {Key::kp_divide, KeyAction::slower, false, "/"},
};

flow::Intent intent_of(KeyAction a) {
    using flow::SpeechCommand;
    namespace in = flow::intent;
    switch (a) {
        case KeyAction::next:
            return in::FocusNext{};
        case KeyAction::previous:
            return in::FocusPrevious{};
        case KeyAction::activate:
            return in::Activate{};
        case KeyAction::back:
            return in::Back{};
        case KeyAction::read_again:
            return in::Speech{SpeechCommand::read_again};
        case KeyAction::louder:
            return in::Speech{SpeechCommand::louder};
        case KeyAction::softer:
            return in::Speech{SpeechCommand::softer};
        case KeyAction::faster:
            return in::Speech{SpeechCommand::faster};
        case KeyAction::slower:
            return in::Speech{SpeechCommand::slower};
    }
    return in::Activate{};
}

}  // namespace

std::span<const KeyBinding> keypad_bindings() {
    return kBindings;
}

std::string_view keypad_text(Key key) {
    const auto* b = std::find_if(std::begin(kBindings), std::end(kBindings),
                                 [&](const KeyBinding& k) { return k.key == key; });
    return b != std::end(kBindings) && b->types ? b->label : std::string_view();
}

std::optional<flow::Intent> key_intent(Key key, KeyContext where) {
    const bool typing = where.typing;
    if (typing) {
        // The open box takes what a keyboard would give it.
        if (key == Key::enter && !where.focus_elsewhere) return flow::intent::Blur{};
        if (key == Key::backspace) return flow::intent::Backspace{};
    }
    const auto* b = std::find_if(std::begin(kBindings), std::end(kBindings),
                                 [&](const KeyBinding& k) { return k.key == key; });
    if (b == std::end(kBindings)) return std::nullopt;
    if (typing && b->types) {
        if (!where.letters) return std::nullopt;  // their text event types them
        const bool closes = b->action == KeyAction::back ||
                            (b->action == KeyAction::activate && !where.focus_elsewhere);
        if (closes) return flow::intent::Blur{};
    }
    return intent_of(b->action);
}

}  // namespace quay::ui
