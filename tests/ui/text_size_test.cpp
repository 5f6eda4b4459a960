// Text sizes as ui.md means them: body ≥ 28 px and headings ≥ 40 px of em (the em square
// as FreeType renders it), not ImGui's line box; large text clearly bigger (≥ 1.45×).
// The fonts are loaded exactly as the kiosk loads them (quay::platform::Fonts); the em of
// each baked font is then measured twice, independently of the kiosk's own arithmetic:
// FreeType's scale at the size ImGui asked for, and the height of the rendered "H" against
// the font's cap height.
#include <doctest/doctest.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include <imgui.h>

#include <cmath>
#include <memory>
#include <string>

#include "quay/platform/fonts.hpp"

using namespace quay::platform;

namespace {

struct Metrics {
    float em = 0;          // pixels per em at the requested size
    float cap_height = 0;  // the font's cap height, in ems
};

// What imgui_freetype 1.86 does with ImFontConfig::SizePixels: a REAL_DIM request
// (ascender − descender) of the whole-pixel size.
Metrics freetype_metrics(const std::string& file, float size_pixels) {
    FT_Library lib = nullptr;
    REQUIRE(FT_Init_FreeType(&lib) == 0);
    std::unique_ptr<FT_LibraryRec_, decltype(&FT_Done_FreeType)> lib_owner(lib, &FT_Done_FreeType);
    FT_Face face = nullptr;
    REQUIRE(FT_New_Face(lib, file.c_str(), 0, &face) == 0);
    std::unique_ptr<FT_FaceRec_, decltype(&FT_Done_Face)> face_owner(face, &FT_Done_Face);
    FT_Size_RequestRec req{};
    req.type = FT_SIZE_REQUEST_TYPE_REAL_DIM;
    req.height = static_cast<FT_Long>(static_cast<unsigned>(size_pixels)) * 64;
    REQUIRE(FT_Request_Size(face, &req) == 0);
    const auto* os2 = static_cast<const TT_OS2*>(FT_Get_Sfnt_Table(face, FT_SFNT_OS2));
    REQUIRE(os2 != nullptr);
    Metrics m;
    m.em = static_cast<float>(FT_MulFix(face->units_per_EM, face->size->metrics.y_scale)) / 64.0f;
    m.cap_height = static_cast<float>(os2->sCapHeight) / static_cast<float>(face->units_per_EM);
    return m;
}

struct Atlas {
    ImGuiContext* ctx = ImGui::CreateContext();
    std::unique_ptr<Fonts> fonts;
    explicit Atlas(float density) {
        FontSpec spec;
        spec.density = density;
        fonts = std::make_unique<Fonts>(*ImGui::GetIO().Fonts, spec);
    }
    ~Atlas() { ImGui::DestroyContext(ctx); }
};

const std::string kDir = QUAY_DEFAULT_FONT_DIR;

// The em of a baked font, checked against what it draws.
float measured_em(const ImFont* font, bool bold) {
    const Metrics m = freetype_metrics(
        kDir + (bold ? "/NotoSans-Bold.ttf" : "/NotoSans-Regular.ttf"), font->FontSize);
    const ImFontGlyph* h = font->FindGlyphNoFallback('H');
    REQUIRE(h != nullptr);
    // Hinting snaps the cap height to the pixel grid: within a pixel and a half.
    CHECK(std::abs((h->Y1 - h->Y0) - m.em * m.cap_height) <= 1.5f);
    return m.em;
}

}  // namespace

TEST_CASE("a line box is the smallest whole pixel size whose em reaches the size asked for") {
    CHECK(line_box_for_em(28, 1.362f) == 39);  // 38.14 → 39 (38 would be 27.9 px of em)
    CHECK(line_box_for_em(40, 1.362f) == 55);
    CHECK(line_box_for_em(10, 1.5f) == 15);  // exact: not one more
}

TEST_CASE("body text is at least 28 px of em and headings 40, as the kiosk loads them") {
    for (const float density : {1.0f, 0.75f, 1.5f}) {
        CAPTURE(density);
        Atlas a(density);
        const FontSet& set = a.fonts->set();
        CHECK(measured_em(set.normal.body, false) >= 28 * density);
        CHECK(measured_em(set.normal.bold, true) >= 28 * density);
        CHECK(measured_em(set.normal.heading, true) >= 40 * density);
        // ImGui's own size is the line box, a third bigger than the em.
        CHECK(set.normal.body->FontSize > 1.3f * 28 * density);
    }
}

TEST_CASE("large text makes body and headings clearly bigger, not just a third") {
    Atlas a(1.0f);
    const FontSet& set = a.fonts->set();
    const float body = measured_em(set.normal.body, false);
    const float heading = measured_em(set.normal.heading, true);
    const float large_body = measured_em(set.large.body, false);
    const float large_heading = measured_em(set.large.heading, true);
    CHECK(large_body / body >= 1.45f);
    CHECK(large_heading / heading >= 1.45f);
    CHECK(measured_em(set.large.bold, true) >= 42);
    MESSAGE("em px: body " << body << ", heading " << heading << ", large body " << large_body
                           << ", large heading " << large_heading << "; atlas "
                           << ImGui::GetIO().Fonts->TexWidth << "x"
                           << ImGui::GetIO().Fonts->TexHeight);
}
