#pragma once
// Colours and sizes. Sizes are in pixels at density 1 and scale with display.density.

#include <imgui.h>

namespace quay::ui::theme {

inline constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b, unsigned a = 255) {
    return IM_COL32(r, g, b, a);
}

inline constexpr ImU32 background = rgb(0xf4, 0xf1, 0xea);
inline constexpr ImU32 header = rgb(0xb3, 0x26, 0x1e);
inline constexpr ImU32 header_text = rgb(0xff, 0xff, 0xff);
inline constexpr ImU32 text = rgb(0x1b, 0x1b, 0x1b);
inline constexpr ImU32 muted = rgb(0x55, 0x51, 0x4a);
inline constexpr ImU32 card = rgb(0xff, 0xff, 0xff);
inline constexpr ImU32 card_pressed = rgb(0xf0, 0xe4, 0xd8);
inline constexpr ImU32 border = rgb(0xc9, 0xc2, 0xb3);
inline constexpr ImU32 primary = rgb(0xb3, 0x26, 0x1e);
inline constexpr ImU32 primary_pressed = rgb(0x8a, 0x1c, 0x16);
inline constexpr ImU32 primary_text = rgb(0xff, 0xff, 0xff);
inline constexpr ImU32 disabled = rgb(0xdd, 0xd8, 0xcf);
inline constexpr ImU32 disabled_text = rgb(0x8a, 0x85, 0x7c);
inline constexpr ImU32 error = rgb(0x9b, 0x1c, 0x1c);
inline constexpr ImU32 error_bg = rgb(0xfd, 0xe8, 0xe8);
inline constexpr ImU32 ok = rgb(0x1e, 0x6b, 0x35);
inline constexpr ImU32 ok_bg = rgb(0xe3, 0xf3, 0xe6);
inline constexpr ImU32 warn_bg = rgb(0xff, 0xf4, 0xd6);
inline constexpr ImU32 warn = rgb(0x7a, 0x4a, 0x00);  // on warn_bg: 7:1
inline constexpr ImU32 info_bg = rgb(0xe6, 0xee, 0xfa);
inline constexpr ImU32 focus = rgb(0x1f, 0x4e, 0x9c);
inline constexpr ImU32 scrim = rgb(0x10, 0x10, 0x10, 0x99);
inline constexpr ImU32 key = rgb(0xff, 0xff, 0xff);
inline constexpr ImU32 key_special = rgb(0xe6, 0xe0, 0xd4);
inline constexpr ImU32 keyboard_bg = rgb(0xd9, 0xd3, 0xc7);

inline constexpr float margin = 32;
inline constexpr float gap = 16;     // nothing a finger needs is closer than this
inline constexpr float target = 88;  // touch targets: at least 80 px high
inline constexpr float top_bar = 120;
inline constexpr float action_bar = 132;
inline constexpr float rounding = 12;
inline constexpr float pad = 24;

void apply_style(ImGuiStyle& style, float density);

}  // namespace quay::ui::theme
