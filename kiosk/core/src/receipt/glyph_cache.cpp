#include "receipt/glyph_cache.hpp"

#include <cmath>
#include <string>

#include "quay/error.hpp"

namespace quay::receipt::detail {
namespace {

std::string ft_error(FT_Error e) {
    const char* s = FT_Error_String(e);
    return s ? s : "FreeType error " + std::to_string(e);
}

}  // namespace

GlyphCache::GlyphCache(const FontFiles& files, GlyphMode mode) : mode_(mode) {
    FT_Library lib = nullptr;
    if (const auto e = FT_Init_FreeType(&lib)) throw Error("font_missing", ft_error(e));
    library_.reset(lib);
    const auto open = [&](const std::filesystem::path& path) {
        FT_Face f = nullptr;
        if (const auto e = FT_New_Face(library_.get(), path.c_str(), 0, &f)) {
            throw Error("font_missing", "cannot open receipt font " + path.string() + " (" +
                                            ft_error(e) + "; Debian package fonts-noto-core)");
        }
        return f;
    };
    regular_.reset(open(files.regular));
    bold_.reset(open(files.bold));
}

GlyphCache::~GlyphCache() = default;

FT_Face GlyphCache::face(bool bold, int pixel_size) {
    FT_Face f = bold ? bold_.get() : regular_.get();
    int& current = bold ? bold_size_ : regular_size_;
    if (current != pixel_size) {
        if (const auto e = FT_Set_Pixel_Sizes(f, 0, static_cast<FT_UInt>(pixel_size))) {
            throw Error("font_failed", ft_error(e));
        }
        current = pixel_size;
    }
    return f;
}

LineMetrics GlyphCache::metrics(bool bold, int pixel_size) {
    const auto& m = face(bold, pixel_size)->size->metrics;
    return {static_cast<int>((m.ascender + 63) >> 6), static_cast<int>((-m.descender + 63) >> 6)};
}

const Glyph& GlyphCache::get(char32_t cp, bool bold, int pixel_size) {
    const std::uint64_t key = (static_cast<std::uint64_t>(cp) << 17) |
                              (static_cast<std::uint64_t>(bold) << 16) |
                              static_cast<std::uint64_t>(pixel_size & 0xffff);
    if (const auto it = glyphs_.find(key); it != glyphs_.end()) return it->second;

    FT_Face f = face(bold, pixel_size);
    FT_UInt index = FT_Get_Char_Index(f, cp);
    if (index == 0 && cp != 0x20) index = FT_Get_Char_Index(f, U'?');  // never silently drop
    const bool mono = mode_ == GlyphMode::mono_hinted;
    const FT_Int32 flags = FT_LOAD_RENDER | (mono ? FT_LOAD_TARGET_MONO : FT_LOAD_TARGET_LIGHT);
    if (const auto e = FT_Load_Glyph(f, index, flags)) throw Error("font_failed", ft_error(e));
    FT_GlyphSlot slot = f->glyph;
    if (slot->bitmap.pixel_mode != FT_PIXEL_MODE_MONO) {
        if (const auto e =
                FT_Render_Glyph(slot, mono ? FT_RENDER_MODE_MONO : FT_RENDER_MODE_NORMAL)) {
            throw Error("font_failed", ft_error(e));
        }
    }
    const FT_Bitmap& bm = slot->bitmap;
    Glyph g;
    g.left = slot->bitmap_left;
    g.top = slot->bitmap_top;
    g.width = static_cast<int>(bm.width);
    g.rows = static_cast<int>(bm.rows);
    g.advance = static_cast<int>((slot->advance.x + 32) >> 6);
    g.ink.resize(static_cast<std::size_t>(g.width) * g.rows);
    for (int y = 0; y < g.rows; ++y) {
        const unsigned char* row = bm.buffer + static_cast<std::ptrdiff_t>(y) * bm.pitch;
        for (int x = 0; x < g.width; ++x) {
            const bool black = bm.pixel_mode == FT_PIXEL_MODE_MONO ? (row[x / 8] >> (7 - x % 8)) & 1
                                                                   : row[x] >= 128;
            g.ink[static_cast<std::size_t>(y) * g.width + x] = black ? 1 : 0;
        }
    }
    return glyphs_.emplace(key, std::move(g)).first->second;
}

}  // namespace quay::receipt::detail
