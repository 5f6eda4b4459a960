#pragma once
// Sizes and ImGui's own style. Sizes are in pixels at density 1 and scale with
// display.density (and large text, Widgets::px). Colours are in palette.hpp: two themes,
// the one in use chosen per session.

#include <imgui.h>

#include "quay/ui/palette.hpp"

namespace quay::ui::theme {

inline constexpr float margin = 32;
inline constexpr float gap = 16;     // nothing a finger needs is closer than this
inline constexpr float target = 88;  // touch targets: at least 80 px high
inline constexpr float top_bar = 120;
inline constexpr float action_bar = 132;
inline constexpr float rounding = 12;
inline constexpr float pad = 24;

void apply_style(ImGuiStyle& style, float density);
// ImGui's own colours (window, scrollbar, popups) from the session's palette, each frame.
void apply_colors(ImGuiStyle& style, const Palette& palette);

}  // namespace quay::ui::theme
