#pragma once
// Touch widgets drawn with ImGui's draw lists: big buttons with wrapped labels, cards,
// text. Every widget records where it is (id, label, rectangle) so scripts and tests can
// find "the button that says Đăng ký khai sinh" on the last drawn frame.

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quay/flow/focus.hpp"
#include "quay/language.hpp"
#include "quay/locale/locale.hpp"
#include "quay/platform/application.hpp"
#include "quay/platform/fonts.hpp"
#include "quay/ui/palette.hpp"

namespace quay::ui {

enum class ButtonKind {
    primary,
    secondary,
    quiet,            // on the red top bar
    header_selected,  // on the red top bar, the current choice
    key,
    key_special,
    selected,
    danger
};

struct Item {
    std::string id;
    std::string label;
    ImVec2 min, max;                                // visible part, logical pixels
    std::optional<std::pair<ImVec2, ImVec2>> text;  // where its text was drawn, if any
};

// The union of the boxes text was drawn in (for the layout checks over recorded items).
struct TextBox {
    ImVec2 min{FLT_MAX, FLT_MAX}, max{-FLT_MAX, -FLT_MAX};
    bool empty() const { return min.x > max.x; }
    void add(ImVec2 a, ImVec2 b) {
        min = ImVec2(std::min(min.x, a.x), std::min(min.y, a.y));
        max = ImVec2(std::max(max.x, b.x), std::max(max.y, b.y));
    }
};

// Large text also enlarges boxes, gaps and bars by this much (the text by
// platform::kLargeTextScale): the bigger labels still fit their buttons.
inline constexpr float kLargeLayoutScale = 1.25f;

class Widgets {
  public:
    Widgets(const platform::FontSet& fonts, const locale::Locale& locale, float density);

    // Per frame: language and text size of the session, and the item registry.
    void begin_frame(Language language, bool large_text, bool high_contrast = false);
    void end_frame();

    std::string_view tr(std::string_view key) const { return strings_->tr(key); }
    const locale::Strings& strings() const { return *strings_; }
    Language language() const { return language_; }
    // Layout pixels: v at density 1 in normal text, scaled by density and large text.
    float px(float v) const { return v * density_ * scale_; }
    float density() const { return density_; }
    const platform::FontStyle& fonts() const { return *style_; }
    const platform::FontSet& font_set() const { return *fonts_; }
    bool large_text() const { return large_; }
    // The session's colours: the usual theme or high contrast.
    const Palette& colors() const { return *palette_; }

    // A button of the given size (height ≥ the touch target). Returns true when tapped.
    bool button(std::string_view id, std::string_view label, ImVec2 size,
                ButtonKind kind = ButtonKind::secondary, ImFont* font = nullptr,
                bool enabled = true);
    // A key that changes a value shown beside it (the date picker's +/−): the keys and
    // speech carry that value, so voice mode says "Tăng ngày, 21" (docs/voice.md).
    bool value_key(std::string_view id, std::string_view label, std::string_view value,
                   ImVec2 size);
    // A full-width card with a wrapped title and optional subtitle; as tall as its text.
    bool card_button(std::string_view id, std::string_view title, std::string_view subtitle,
                     float width, bool chevron = true);
    // Wrapped text at the cursor, full available width unless wrap_width is given.
    void text(std::string_view s, ImFont* font = nullptr, ImU32 color = 0, float wrap_width = 0);
    void heading(std::string_view s) { text(s, style_->heading); }
    void bold(std::string_view s) { text(s, style_->bold); }
    // Height of wrapped text (for layout before drawing).
    float text_height(std::string_view s, ImFont* font, float wrap_width) const;
    void spacing(float h) const;  // vertical space, h at density 1

    // Navigation without touch (docs/keypad.md). Per frame, before drawing: the item the
    // flow has focused (ringed, and scrolled into view when focus just moved to it) and the
    // item the keys activate this frame (it fires as if tapped).
    void set_focus(std::optional<std::string> focused, std::optional<std::string> activate);
    // An invisible tap area that is also reachable with the keys: true when tapped or
    // activated. The caller draws it and records it (record()).
    bool tap_area(std::string_view id, ImVec2 size, flow::ItemKind kind, std::string_view label,
                  std::string_view value = {});
    // A prompt covers the screen: only what is drawn from here on is reachable with keys.
    void begin_layer() { actionables_.clear(); }
    // The actionable items of the last complete frame, in reading (drawing) order.
    const std::vector<flow::FocusItem>& actionables() const { return last_actionables_; }

    // Registers an item drawn some other way (e.g. a field box).
    void record(std::string_view id, std::string_view label, ImVec2 min, ImVec2 max,
                const TextBox& text = {});

    // Items of the last complete frame.
    std::optional<platform::Rect> find(std::string_view selector) const;
    std::vector<platform::RecordedItem> recorded() const;

  private:
    const platform::FontSet* fonts_;
    const locale::Locale* locale_;
    const locale::Strings* strings_;
    const platform::FontStyle* style_;
    float density_;
    float scale_ = 1.0f;
    const Palette* palette_ = &kStandard;
    Language language_ = Language::vi;
    bool large_ = false;
    std::vector<Item> items_, last_items_;
    std::vector<flow::FocusItem> actionables_, last_actionables_;
    std::optional<std::string> focused_, activate_;
    bool focus_moved_ = false;  // scroll the focused item into view when it is drawn
    struct Ring {
        ImVec2 min, max, clip_min, clip_max;
    };
    std::optional<Ring> ring_;  // where the focused item was drawn this frame
    void draw_focus_ring();
    bool draw_button(std::string_view id, std::string_view label, ImVec2 size, ButtonKind kind,
                     ImFont* font, bool enabled, std::string_view value);
};

// Line advance: taller than the font size so stacked Vietnamese marks never touch.
float line_height(const ImFont* font);

// Draws s wrapped at width from `at`; returns where the text ends (for a caret).
ImVec2 draw_wrapped_text(ImDrawList* dl, ImFont* font, ImVec2 at, float width, ImU32 color,
                         std::string_view s, TextBox* box = nullptr);

// Labels longer than the box shrink to fit by wrapping; this draws text centred in a box.
void draw_centered_text(ImDrawList* dl, ImFont* font, ImVec2 min, ImVec2 max, ImU32 color,
                        std::string_view s, TextBox* box = nullptr);

}  // namespace quay::ui
