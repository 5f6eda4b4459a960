#include "quay/platform/fonts.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <imgui_freetype.h>

#include <cmath>
#include <fstream>
#include <memory>

#include "quay/error.hpp"

namespace quay::platform {

namespace {

std::vector<char> read_font(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    std::vector<char> bytes;
    if (in) {
        bytes.resize(static_cast<std::size_t>(in.tellg()));
        in.seekg(0);
        in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!in) bytes.clear();
    }
    if (bytes.empty())
        throw Error("font_missing",
                    "cannot read font " + path.string() + " (apt-get install fonts-noto-core)");
    return bytes;
}

const ImWchar kAsciiRanges[] = {0x0020, 0x007E, 0};

}  // namespace

float line_box_for_em(float em_px, float line_per_em) {
    // A hair under the product first: 28 × 1.362 must not become 39 through rounding noise
    // when 38.136 is meant; imgui_freetype then truncates, so round up to a whole pixel.
    return std::ceil(em_px * line_per_em - 1e-4f);
}

float line_per_em(const std::vector<char>& bytes) {
    FT_Library lib = nullptr;
    if (FT_Init_FreeType(&lib) != 0) throw Error("font_invalid", "FreeType could not start");
    const std::unique_ptr<FT_LibraryRec_, decltype(&FT_Done_FreeType)> lib_owner(lib,
                                                                                 &FT_Done_FreeType);
    FT_Face face = nullptr;
    if (FT_New_Memory_Face(lib, reinterpret_cast<const FT_Byte*>(bytes.data()),
                           static_cast<FT_Long>(bytes.size()), 0, &face) != 0)
        throw Error("font_invalid", "the font could not be read");
    const std::unique_ptr<FT_FaceRec_, decltype(&FT_Done_Face)> face_owner(face, &FT_Done_Face);
    if (face->units_per_EM == 0 || face->ascender <= face->descender)
        throw Error("font_invalid", "the font has no usable vertical metrics");
    return static_cast<float>(face->ascender - face->descender) /
           static_cast<float>(face->units_per_EM);
}

Fonts::Fonts(ImFontAtlas& atlas, const FontSpec& spec)
    : regular_(read_font(spec.dir / "NotoSans-Regular.ttf")),
      bold_(read_font(spec.dir / "NotoSans-Bold.ttf")) {
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(atlas.GetGlyphRangesVietnamese());
    builder.AddChar(0x20AB);  // ₫: not in ImGui's Vietnamese ranges
    for (const auto text : spec.texts)
        builder.AddText(text.data(), text.data() + text.size());
    builder.BuildRanges(&text_ranges_);

    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    // Less texture memory: no power-of-two padding, no software cursors (touch screen).
    atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight | ImFontAtlasFlags_NoMouseCursors;

    const float regular_ratio = line_per_em(regular_), bold_ratio = line_per_em(bold_);
    auto add = [&](std::vector<char>& bytes, float em, const ImWchar* ranges) {
        const float px =
            line_box_for_em(em * spec.density, &bytes == &regular_ ? regular_ratio : bold_ratio);
        ImFontConfig cfg;
        cfg.FontDataOwnedByAtlas = false;  // bytes live in this object
        cfg.OversampleH = 1;
        cfg.OversampleV = 1;
        cfg.PixelSnapH = true;
        ImFont* f = atlas.AddFontFromMemoryTTF(bytes.data(), static_cast<int>(bytes.size()), px,
                                               &cfg, ranges);
        if (f == nullptr) throw Error("font_invalid", "the font could not be loaded");
        return f;
    };
    const ImWchar* r = text_ranges_.Data;
    set_.normal = {add(regular_, kBodyEm, r), add(bold_, kBodyEm, r), add(bold_, kHeadingEm, r)};
    const float k = kLargeTextScale;
    set_.large = {add(regular_, kBodyEm * k, r), add(bold_, kBodyEm * k, r),
                  add(bold_, kHeadingEm * k, r)};
    set_.code = add(bold_, kCodeEm, kAsciiRanges);
    if (!atlas.Build()) throw Error("font_invalid", "the font atlas could not be built");
}

}  // namespace quay::platform
