#pragma once
// Moving through a screen without touching it (issue 15: keypad, on-screen arrows,
// speech). The screen reports what can be tapped, in reading order; keys move a cursor
// over that list. The cursor belongs to the flow, so speech says what the flow says is
// focused; the screen only draws the ring around it (docs/keypad.md).

#include <optional>
#include <string>
#include <vector>

#include "quay/locale/locale.hpp"

namespace quay::flow {

// What an actionable item is, for speech ("button", "box") and the keypad's rules.
enum class ItemKind {
    button,  // does something when activated (cards, choices, faces included)
    field,   // a box: activating it opens it for typing or picking
    key,     // a key of the on-screen keyboard, digit pad or date picker
    check,   // a tick box (the declaration on the review)
};

struct FocusItem {
    std::string id;     // the widget's id ("home.search", "field:tre_ho_ten")
    std::string label;  // what it says (a field's label, a button's text)
    ItemKind kind = ItemKind::button;
    std::string value;  // a field's value as shown, a tick box's state; else empty
    bool operator==(const FocusItem&) const = default;
};

// The focused item and where it is in the list (speech may say "3 of 7").
struct FocusedItem {
    int index = 0;
    int count = 0;
    FocusItem item;
};

// A cursor over the current screen's items. Nothing is focused until a key moves it;
// next/previous wrap around at the ends, so one key reaches everything.
class FocusCursor {
  public:
    // The screen's items (a newer frame's list): the focused item stays focused if it is
    // still there, wherever it moved; otherwise nothing is focused.
    void set_items(std::vector<FocusItem> items);
    void clear();  // a new screen: no items until it reports them, nothing focused
    void next();
    void previous();
    // Focuses the item with this id, if the screen has it.
    void focus(const std::string& id);
    std::optional<FocusedItem> current() const;
    const std::vector<FocusItem>& items() const { return items_; }

  private:
    std::vector<FocusItem> items_;
    int index_ = -1;  // -1: nothing focused
};

// What an item is called aloud: the locale's "voice2.item.<id>" where the drawn label is
// a sign or an icon ("+", "−1", ","), else the label itself (docs/voice.md).
std::string spoken_name(const FocusItem& item, const locale::Strings& strings);

// What the speech keys ask of the speaker (the app connects effect::Speech to it).
enum class SpeechCommand { read_again, louder, softer, faster, slower };

}  // namespace quay::flow
