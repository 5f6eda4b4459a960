#pragma once
// What the runner drives. The UI library implements it; nothing here names SDL, so the
// UI never includes SDL headers.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quay::platform {

// Keys of a physical keyboard or a USB numeric keypad the kiosk reacts to (staff,
// citizens without touch: docs/keypad.md, tests). The keypad's keys are named apart from
// the digits a keyboard types: while a box is open they type, otherwise they navigate.
enum class Key {
    backspace,
    enter,
    escape,
    tab,
    left,
    right,
    up,
    down,
    kp_0,
    kp_1,
    kp_2,
    kp_3,
    kp_4,
    kp_5,
    kp_6,
    kp_7,
    kp_8,
    kp_9,
    kp_period,
    kp_plus,
    kp_minus,
    kp_multiply,
    kp_divide,
};
// Script names: "enter", "kp_8" ... (the platform's one table of keys).
std::optional<Key> parse_key(std::string_view name);

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
};

// One item a frame recorded (widget id, may be empty; its label or text; where it is).
struct RecordedItem {
    std::string id, label;
    Rect rect;
    std::optional<Rect> text;  // where its text was drawn (visible part), if it has text
};

class Application {
  public:
    virtual ~Application() = default;

    // Draws one frame: called between ImGui::NewFrame() and ImGui::Render().
    virtual void frame() = 0;

    // Physical keyboard input (UTF-8 text from SDL_TEXTINPUT, and named keys).
    virtual void on_text(std::string_view utf8) = 0;
    virtual void on_key(Key key) = 0;

    // True while something moves without input (inertia, spinners): keep drawing.
    virtual bool animating() const = 0;
    // How long the loop may sleep before the next timer needs a frame; nullopt: no timer.
    virtual std::optional<std::chrono::milliseconds> sleep_budget() const = 0;
    virtual bool quit_requested() const { return false; }
    // The colour the screen is cleared to before drawing (0xAABBGGRR as ImGui packs it).
    // Clearing is far cheaper than a full-screen background drawn by the software renderer.
    virtual std::uint32_t clear_color() const { return 0xFF000000; }

    // For scripts and tests: the current screen's name, and where a visible item is
    // (selector "#id" or the exact label text) in logical pixels.
    virtual std::string screen_name() const = 0;
    virtual std::optional<Rect> find_item(std::string_view selector) const = 0;
    // Every item of the last drawn frame, in drawing order (the screenshot goldens).
    virtual std::vector<RecordedItem> recorded_items() const { return {}; }
};

}  // namespace quay::platform
