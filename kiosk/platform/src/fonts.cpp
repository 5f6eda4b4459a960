#include "quay/platform/fonts.hpp"

#include <imgui_freetype.h>

#include <fstream>

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

    auto add = [&](std::vector<char>& bytes, float px, const ImWchar* ranges) {
        ImFontConfig cfg;
        cfg.FontDataOwnedByAtlas = false;  // bytes live in this object
        cfg.OversampleH = 1;
        cfg.OversampleV = 1;
        cfg.PixelSnapH = true;
        ImFont* f = atlas.AddFontFromMemoryTTF(bytes.data(), static_cast<int>(bytes.size()),
                                               px * spec.density, &cfg, ranges);
        if (f == nullptr) throw Error("font_invalid", "the font could not be loaded");
        return f;
    };
    const ImWchar* r = text_ranges_.Data;
    set_.normal = {add(regular_, kBodyPx, r), add(bold_, kBodyPx, r), add(bold_, kHeadingPx, r)};
    set_.large = {add(regular_, kLargeBodyPx, r), add(bold_, kLargeBodyPx, r),
                  add(bold_, kLargeHeadingPx, r)};
    set_.code = add(bold_, kCodePx, kAsciiRanges);
    if (!atlas.Build()) throw Error("font_invalid", "the font atlas could not be built");
}

}  // namespace quay::platform
