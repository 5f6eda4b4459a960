// Receipts rendered to the 1-bit raster for both paper widths: text stays inside the
// paper, long names wrap, and the QR read back by zbar is the status URL.
#include <doctest/doctest.h>

#include <filesystem>

#include "quay/locale/locale.hpp"
#include "quay/receipt/builder.hpp"
#include "quay/receipt/png.hpp"
#include "quay/receipt/renderer.hpp"
#include "sample.hpp"
#include "zbar_decode.hpp"

using namespace quay;
using namespace quay::receipt;

namespace {

const std::filesystem::path out_dir = std::filesystem::path(QUAY_BINARY_DIR) / "receipt-out";

Layout sample_layout(Language lang, const std::string& name, const std::string& state = "pending") {
    catalog::Catalog cat;
    cat.procedures.push_back(test::residence_procedure());
    StoredDossier d{
        test::body_for(cat.procedures[0], "K0042-261121-0007", name).dump(), state,
        state == "delivered" ? std::optional<std::string>("DVC-2026-000123") : std::nullopt};
    BuildOptions o{lang,
                   std::chrono::sys_days{std::chrono::year{2026} / 11 / 21} +
                       std::chrono::hours{9} + std::chrono::minutes{46},
                   420};
    static const auto locale = locale::Locale::embedded();
    return make_layout(build_receipt(d, cat, test::receipt_config(), o), locale.strings(lang));
}

}  // namespace

TEST_CASE("samples for both widths and languages decode and stay inside the paper") {
    std::filesystem::create_directories(out_dir);
    Renderer renderer;
    for (const int width : {paper_80mm_dots, paper_58mm_dots}) {
        for (const auto lang : {Language::vi, Language::en}) {
            for (const auto mode : {GlyphMode::mono_hinted, GlyphMode::grey_threshold}) {
                const auto layout = sample_layout(lang, test::long_name(), "delivered");
                RenderOptions o{width, 8, mode};
                const Raster r = renderer.render(layout, o);
                CHECK(r.width() == width);
                CHECK(r.columns_blank(0, 8));
                CHECK(r.columns_blank(width - 8, width));
                const auto found = test::decode_qr(r);
                REQUIRE(found.size() == 1);
                CHECK(found[0] == "https://dichvucong.daklak.gov.vn/tra-cuu?ma=K0042-261121-0007");
                write_png(r, out_dir / ("sample-" + std::to_string(width) + "-" +
                                        std::string(to_string(lang)) +
                                        (mode == GlyphMode::mono_hinted ? "" : "-grey") + ".png"));
            }
        }
    }
}
