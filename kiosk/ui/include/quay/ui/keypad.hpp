#pragma once
// The keys of a USB numeric keypad (and a keyboard's arrows, Enter, Backspace, Escape) and
// what each asks of the flow: the one table of docs/keypad.md, modelled on EZ Access
// (ADA 2010 §707.5). While a box is open for typing, the keypad's digits type (their text
// arrives as text input), Backspace erases and Enter closes the box unless the focus is on
// another item; everything else means the same always.

#include <optional>
#include <span>
#include <string_view>

#include "quay/flow/kiosk.hpp"
#include "quay/platform/application.hpp"

namespace quay::ui {

enum class KeyAction {
    next,        // focus the next item (wraps to the first)
    previous,    // focus the previous item (wraps to the last)
    activate,    // do what a tap on the focused item does
    back,        // the Back button
    read_again,  // say the screen and the focused item again
    louder,
    softer,
    faster,
    slower,
};

struct KeyBinding {
    platform::Key key;
    KeyAction action;
    bool types = false;      // a character while a box is open (digits, the decimal point)
    std::string_view label;  // how docs/keypad.md names the key
};

std::span<const KeyBinding> keypad_bindings();

// Where the keys are: a box open for typing (flow::Session::focused), and whether the
// focus is on some other item than that box (a key of the on-screen keyboard).
struct KeyContext {
    bool typing = false;
    bool focus_elsewhere = false;
    // The open box is typed with the on-screen letter keyboard (a name, an address): the
    // keypad's keys keep their meaning, so a keypad alone reaches the letter keys; 0 and
    // 5 on the box itself close it. In a digits box (an ID, a phone) they type.
    bool letters = false;
};

// The text a keypad key also sends with NumLock on ("5"); empty for other keys.
std::string_view keypad_text(platform::Key key);

// What a key asks for; nullopt: nothing (a digit typed into an open digits box).
std::optional<flow::Intent> key_intent(platform::Key key, KeyContext where);

}  // namespace quay::ui
