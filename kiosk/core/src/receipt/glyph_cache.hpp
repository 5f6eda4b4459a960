#pragma once
// FreeType faces and a cache of 1-bit glyph images (private to the renderer).

#include <ft2build.h>
#include FT_FREETYPE_H

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "quay/receipt/renderer.hpp"

namespace quay::receipt::detail {

struct Glyph {
    int left = 0;                   // from the pen to the first column
    int top = 0;                    // from the baseline up to the first row
    int width = 0;                  // columns
    int rows = 0;                   // rows
    int advance = 0;                // whole dots: measuring and drawing use the same number
    std::vector<std::uint8_t> ink;  // width * rows, 1 = black
};

struct LineMetrics {
    int ascent = 0;   // dots above the baseline
    int descent = 0;  // dots below it
};

class GlyphCache {
  public:
    GlyphCache(const FontFiles& files, GlyphMode mode);
    ~GlyphCache();
    GlyphCache(const GlyphCache&) = delete;
    GlyphCache& operator=(const GlyphCache&) = delete;

    const Glyph& get(char32_t cp, bool bold, int pixel_size);
    LineMetrics metrics(bool bold, int pixel_size);

  private:
    struct LibraryDeleter {
        void operator()(FT_Library l) const { FT_Done_FreeType(l); }
    };
    struct FaceDeleter {
        void operator()(FT_Face f) const { FT_Done_Face(f); }
    };
    FT_Face face(bool bold, int pixel_size);

    GlyphMode mode_;
    // Declared before the faces: destroyed after them.
    std::unique_ptr<std::remove_pointer_t<FT_Library>, LibraryDeleter> library_;
    std::unique_ptr<std::remove_pointer_t<FT_Face>, FaceDeleter> regular_, bold_;
    int regular_size_ = 0, bold_size_ = 0;
    std::unordered_map<std::uint64_t, Glyph> glyphs_;
};

}  // namespace quay::receipt::detail
