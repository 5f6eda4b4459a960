#pragma once
// Noto Sans Regular + Bold (Debian's fonts-noto-core) baked by ImGui's FreeType builder.
// ImGui 1.86 bakes one atlas entry per size, so every size the UI uses is listed here:
// body (≥ 28 px), headings (≥ 40 px), the same 1.5× in large-text mode, and the receipt code.
//
// "28 px" in ui.md is the em size: the font's em square as FreeType renders it (its
// y_ppem), the size a typographer means. ImGui's size is the line box instead (FreeType
// REAL_DIM: ascender − descender, 1.362 em for Noto Sans) and imgui_freetype 1.86 truncates
// it to whole pixels, so each em size below becomes the smallest whole line box whose em is
// at least that size (docs/text-size.md).
// Glyphs: the Vietnamese ranges, ₫, and every character of the texts given (locale
// strings, catalogue), so punctuation such as “ ” … – is never drawn as '?'.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

namespace quay::platform {

struct FontSpec {
    float density = 1.0f;  // config display.density
    std::filesystem::path dir = QUAY_DEFAULT_FONT_DIR;
    std::vector<std::string_view> texts;  // must stay valid until the atlas is built
};

struct FontStyle {
    ImFont* body = nullptr;     // regular, ≥ 28 px
    ImFont* bold = nullptr;     // body size, bold: buttons and labels
    ImFont* heading = nullptr;  // bold, ≥ 40 px
};

struct FontSet {
    FontStyle normal;
    FontStyle large;
    ImFont* code = nullptr;  // the receipt code, very large, ASCII only
    const FontStyle& style(bool large_text) const { return large_text ? large : normal; }
};

// Em sizes in pixels before density.
inline constexpr float kBodyEm = 28, kHeadingEm = 40, kCodeEm = 68;
// Large text ("Chữ to") multiplies every em size, top bar and keyboard included.
inline constexpr float kLargeTextScale = 1.5f;

// The line box (ImGui's font size, whole pixels) whose em is at least em_px, for a font whose
// line box is line_per_em ems (ascender − descender over units per em).
float line_box_for_em(float em_px, float line_per_em);
// ascender − descender over units per em of a TrueType/OpenType font file's bytes.
float line_per_em(const std::vector<char>& font_bytes);  // throws quay::Error

// Adds the fonts to atlas and returns them. The returned object keeps the glyph ranges and
// font bytes the atlas points at; keep it alive as long as the atlas.
class Fonts {
  public:
    Fonts(ImFontAtlas& atlas, const FontSpec& spec);  // throws quay::Error
    Fonts(const Fonts&) = delete;
    Fonts& operator=(const Fonts&) = delete;
    const FontSet& set() const { return set_; }

  private:
    std::vector<char> regular_, bold_;
    ImVector<ImWchar> text_ranges_;
    FontSet set_;
};

}  // namespace quay::platform
