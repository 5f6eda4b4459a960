#pragma once
// Renders a Layout into the 1-bit raster a thermal printer prints, with FreeType and the
// Noto Sans faces (every Vietnamese letter precomposed, so NFC text needs no shaping).
// Glyphs are hinted for monochrome output: at 8 dots/mm a grey-scale glyph thresholded
// to black and white loses thin strokes and smears tone marks into their letters.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "quay/receipt/layout.hpp"
#include "quay/receipt/raster.hpp"

namespace quay::receipt {

inline constexpr int paper_80mm_dots = 576;  // 72 mm printable at 8 dots/mm
inline constexpr int paper_58mm_dots = 384;  // 48 mm printable
inline constexpr int dots_per_mm = 8;

struct FontFiles {
    // Debian 12: fonts-noto-core
    std::filesystem::path regular = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
    std::filesystem::path bold = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";
};

enum class GlyphMode {
    mono_hinted,     // the font's hints for 1-bit output (the default)
    grey_threshold,  // anti-aliased glyphs cut at 50 % (kept to compare; see docs/receipts.md)
};

struct RenderOptions {
    int width_dots = paper_80mm_dots;
    int margin_dots = 8;  // left and right: nothing is printed there
    GlyphMode glyphs = GlyphMode::mono_hinted;
};

// Where one line of text went (tests check every line fits inside the margins).
struct LineBox {
    std::string text;  // the line's characters, UTF-8
    int x = 0;         // first dot of ink or advance
    int width = 0;     // dots, to the last ink
    int top = 0, bottom = 0;
};

// Not thread-safe: one Renderer per thread (each owns its FreeType library and caches).
class Renderer {
  public:
    // Throws quay::Error{"font_missing"} when a face cannot be opened.
    explicit Renderer(const FontFiles& fonts = {});
    ~Renderer();
    Renderer(Renderer&&) noexcept;
    Renderer& operator=(Renderer&&) noexcept;

    // Throws quay::Error when the width is too narrow for the QR code or a margin.
    // lines, when given, receives every line of text drawn.
    Raster render(const Layout& layout, const RenderOptions& options = {},
                  std::vector<LineBox>* lines = nullptr);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace quay::receipt
