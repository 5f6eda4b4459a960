#pragma once
// Noto Sans Regular + Bold (Debian's fonts-noto-core) baked by ImGui's FreeType builder.
// ImGui 1.86 bakes one atlas entry per size, so every size the UI uses is listed here:
// body (≥ 28 px), headings (≥ 40 px), the same in large-text mode, and the receipt code.
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

// Pixel sizes before density.
inline constexpr float kBodyPx = 30, kHeadingPx = 44, kLargeBodyPx = 40, kLargeHeadingPx = 58,
                       kCodePx = 92;

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
