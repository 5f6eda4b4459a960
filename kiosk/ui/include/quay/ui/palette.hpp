#pragma once
// The kiosk's two colour themes as data, and every foreground/background pair the screens
// draw with them. The drawing code takes its colours from a Palette (theme::colors()); the
// contrast test walks kPairs over both palettes and fails below WCAG's ratios. A new
// colour use on screen is a new line in kPairs. No ImGui here: the maths and the test need
// none.

#include <cstdint>
#include <string_view>

namespace quay::ui {

// Packed as ImGui packs IM_COL32: red in the low byte, alpha in the high one.
using Color = std::uint32_t;

inline constexpr Color rgb(unsigned r, unsigned g, unsigned b, unsigned a = 255) {
    return static_cast<Color>(r | (g << 8) | (b << 16) | (a << 24));
}

struct Palette {
    Color background, header, header_text, text, muted, card, card_pressed, border, primary,
        primary_pressed, primary_text, disabled, disabled_text, error, error_bg, ok, ok_bg, warn_bg,
        warn, info_bg, focus, scrim, key, key_special, keyboard_bg;
};

// The usual theme: warm paper, the red of public signage.
inline constexpr Palette kStandard{
    .background = rgb(0xf4, 0xf1, 0xea),
    .header = rgb(0xb3, 0x26, 0x1e),
    .header_text = rgb(0xff, 0xff, 0xff),
    .text = rgb(0x1b, 0x1b, 0x1b),
    .muted = rgb(0x55, 0x51, 0x4a),
    .card = rgb(0xff, 0xff, 0xff),
    .card_pressed = rgb(0xf0, 0xe4, 0xd8),
    .border = rgb(0x7d, 0x75, 0x68),  // control edges: 4:1 on the background (WCAG 1.4.11)
    .primary = rgb(0xb3, 0x26, 0x1e),
    .primary_pressed = rgb(0x8a, 0x1c, 0x16),
    .primary_text = rgb(0xff, 0xff, 0xff),
    .disabled = rgb(0xdd, 0xd8, 0xcf),
    .disabled_text = rgb(0x8a, 0x85, 0x7c),
    .error = rgb(0x9b, 0x1c, 0x1c),
    .error_bg = rgb(0xfd, 0xe8, 0xe8),
    .ok = rgb(0x1e, 0x6b, 0x35),
    .ok_bg = rgb(0xe3, 0xf3, 0xe6),
    .warn_bg = rgb(0xff, 0xf4, 0xd6),
    .warn = rgb(0x7a, 0x4a, 0x00),
    .info_bg = rgb(0xe6, 0xee, 0xfa),
    .focus = rgb(0x1f, 0x4e, 0x9c),
    .scrim = rgb(0x10, 0x10, 0x10, 0x99),
    .key = rgb(0xff, 0xff, 0xff),
    .key_special = rgb(0xe6, 0xe0, 0xd4),
    .keyboard_bg = rgb(0xd9, 0xd3, 0xc7),
};

// High contrast, chosen by the citizen: black on white, text at least 7:1.
inline constexpr Palette kHighContrast{
    .background = rgb(0xff, 0xff, 0xff),
    .header = rgb(0x00, 0x00, 0x00),
    .header_text = rgb(0xff, 0xff, 0xff),
    .text = rgb(0x00, 0x00, 0x00),
    .muted = rgb(0x1f, 0x1f, 0x1f),
    .card = rgb(0xff, 0xff, 0xff),
    .card_pressed = rgb(0xe0, 0xe0, 0xe0),
    .border = rgb(0x00, 0x00, 0x00),
    .primary = rgb(0x8a, 0x0f, 0x0a),
    .primary_pressed = rgb(0x5c, 0x0a, 0x06),
    .primary_text = rgb(0xff, 0xff, 0xff),
    .disabled = rgb(0xe6, 0xe6, 0xe6),
    .disabled_text = rgb(0x59, 0x59, 0x59),
    .error = rgb(0x8b, 0x00, 0x00),
    .error_bg = rgb(0xff, 0xec, 0xec),
    .ok = rgb(0x00, 0x4d, 0x1a),
    .ok_bg = rgb(0xee, 0xfa, 0xf0),
    .warn_bg = rgb(0xff, 0xf6, 0xdd),
    .warn = rgb(0x5c, 0x37, 0x00),
    .info_bg = rgb(0xee, 0xf3, 0xfb),
    .focus = rgb(0x00, 0x33, 0xaa),
    .scrim = rgb(0x00, 0x00, 0x00, 0xcc),
    .key = rgb(0xff, 0xff, 0xff),
    .key_special = rgb(0xe8, 0xe8, 0xe8),
    .keyboard_bg = rgb(0xcc, 0xcc, 0xcc),
};

// What a pair is for: text to read, or the edge of a control or of the focus ring against
// what it sits on (WCAG 1.4.11). Disabled controls are exempt (WCAG 1.4.3) and not listed.
enum class Need { text, edge };

struct ColorPair {
    std::string_view what;
    Color Palette::*fg;
    Color Palette::*bg;
    Need need;
};

// Every pair the screens draw, in both themes.
inline constexpr ColorPair kPairs[] = {
    {"body text on the page", &Palette::text, &Palette::background, Need::text},
    {"body text on a card or field", &Palette::text, &Palette::card, Need::text},
    {"text on a pressed card", &Palette::text, &Palette::card_pressed, Need::text},
    {"hints on the page", &Palette::muted, &Palette::background, Need::text},
    {"hints on a card", &Palette::muted, &Palette::card, Need::text},
    {"top bar text", &Palette::header_text, &Palette::header, Need::text},
    {"main button", &Palette::primary_text, &Palette::primary, Need::text},
    {"main button pressed", &Palette::primary_text, &Palette::primary_pressed, Need::text},
    {"danger button", &Palette::primary_text, &Palette::error, Need::text},
    {"selected choice", &Palette::primary_text, &Palette::focus, Need::text},
    {"current choice in the top bar", &Palette::primary, &Palette::card, Need::text},
    {"letter key", &Palette::text, &Palette::key, Need::text},
    {"special key", &Palette::text, &Palette::key_special, Need::text},
    {"error next to a field", &Palette::error, &Palette::background, Need::text},
    {"error banner", &Palette::error, &Palette::error_bg, Need::text},
    {"success on the page", &Palette::ok, &Palette::background, Need::text},
    {"success banner", &Palette::ok, &Palette::ok_bg, Need::text},
    {"warning banner", &Palette::warn, &Palette::warn_bg, Need::text},
    {"text on a warning banner", &Palette::text, &Palette::warn_bg, Need::text},
    {"text on an information panel", &Palette::text, &Palette::info_bg, Need::text},
    {"information title", &Palette::focus, &Palette::info_bg, Need::text},
    {"staff message", &Palette::focus, &Palette::background, Need::text},
    {"staff warning (an old catalogue)", &Palette::warn, &Palette::background, Need::text},
    {"notice (light on dark)", &Palette::header_text, &Palette::text, Need::text},
    {"date picker labels", &Palette::muted, &Palette::keyboard_bg, Need::text},
    {"control edge on the page", &Palette::border, &Palette::background, Need::edge},
    {"control edge on a card", &Palette::border, &Palette::card, Need::edge},
    {"key edge on the keyboard", &Palette::border, &Palette::keyboard_bg, Need::edge},
    {"focus ring on the page", &Palette::focus, &Palette::background, Need::edge},
    {"focus ring on a field", &Palette::focus, &Palette::card, Need::edge},
    {"focus ring on the keyboard", &Palette::focus, &Palette::keyboard_bg, Need::edge},
    // The ring's inner line (card colour) is what shows it on the red top bar.
    {"focus ring's inner line on the top bar", &Palette::card, &Palette::header, Need::edge},
    {"field in error, edge", &Palette::error, &Palette::card, Need::edge},
    {"top bar button edge", &Palette::header_text, &Palette::header, Need::edge},
    // The "◀ ▶ Chọn" bar (voice mode): arrows and words on their buttons, on the bar.
    {"voice bar arrow and words", &Palette::text, &Palette::card, Need::text},
    {"voice bar arrow pressed", &Palette::text, &Palette::card_pressed, Need::text},
    {"voice bar Chọn", &Palette::primary_text, &Palette::focus, Need::text},
    {"voice bar button edge", &Palette::border, &Palette::keyboard_bg, Need::edge},
    {"voice bar Chọn on the bar", &Palette::focus, &Palette::keyboard_bg, Need::edge},
};

}  // namespace quay::ui
