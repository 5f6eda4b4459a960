// Receipts rendered to the 1-bit raster for both paper widths: text stays inside the
// paper, long names wrap, and the QR read back by zbar is the status URL.
#include <doctest/doctest.h>

#include <filesystem>

#include "quay/locale/locale.hpp"
#include "quay/locale/words.hpp"
#include "quay/receipt/builder.hpp"
#include "quay/receipt/png.hpp"
#include "quay/receipt/renderer.hpp"
#include "quay/text/utf8.hpp"
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

namespace {

// The lines of text, joined back: what was drawn is all of what was laid out.
std::string joined(const std::vector<LineBox>& lines) {
    std::string out;
    for (const auto& l : lines)
        out += l.text + "\n";
    return out;
}

std::string without_breaks(std::string s) {
    std::string out;
    for (const char c : s) {
        if (c != '\n' && c != ' ') out += c;
    }
    return out;
}

}  // namespace

TEST_CASE("long Vietnamese names wrap inside the paper, nothing lost") {
    REQUIRE(text::decode(test::long_name()).size() > 60);
    Renderer renderer;
    for (const int width : {paper_80mm_dots, paper_58mm_dots}) {
        CAPTURE(width);
        const auto layout = sample_layout(Language::vi, test::long_name());
        std::vector<LineBox> lines;
        const auto r = renderer.render(layout, {width}, &lines);
        for (const auto& l : lines) {
            CAPTURE(l.text);
            CHECK(l.x >= 8);
            CHECK(l.x + l.width <= width - 8);
            CHECK(l.bottom <= r.height());
        }
        // Every character of every paragraph was drawn, in order.
        CHECK(without_breaks(joined(lines)) == without_breaks(layout.plain_text()));
        // The name took more than one line, and each of its words is whole.
        int name_lines = 0;
        for (const auto& l : lines) {
            if (l.text.find("Huyền") != std::string::npos ||
                l.text.find("Tôn Nữ") != std::string::npos ||
                l.text.find("Diệp") != std::string::npos) {
                ++name_lines;
            }
        }
        CHECK(name_lines >= 2);
        const auto all = joined(lines);
        for (const char* word : {"Tôn", "Hoàng", "Quỳnh", "Hương", "Nguyễn", "Phước", "Huyền",
                                 "Trân", "Bửu", "Chưởng", "Khuê", "Diệp"}) {
            CHECK_MESSAGE(all.find(word) != std::string::npos, word);
        }
    }
}

TEST_CASE("a word wider than the paper is broken between letters, not cut off") {
    Renderer renderer;
    Layout layout;
    std::string word;
    for (int i = 0; i < 12; ++i)
        word += "NGHIÊNGỮỸỄ";
    layout.blocks.push_back(Paragraph{{{word, true}}, TextSize::large, Align::left, false, false});
    std::vector<LineBox> lines;
    const auto r = renderer.render(layout, {paper_58mm_dots}, &lines);
    CHECK(lines.size() >= 3);
    for (const auto& l : lines)
        CHECK(l.x + l.width <= paper_58mm_dots - 8);
    CHECK(without_breaks(joined(lines)) == word);
    CHECK(r.columns_blank(0, 8));
    CHECK(r.columns_blank(paper_58mm_dots - 8, paper_58mm_dots));
}

TEST_CASE("an amount never splits across lines on paper (\"20.000 / đ\", issue 14)") {
    Renderer renderer;
    const auto locale = locale::Locale::embedded();
    const std::string amount = locale::money(locale.strings(Language::vi), 20000);
    int wrapped = 0;
    // Slide the amount across the line end: at some length a plain space would break there.
    for (int n = 0; n < 40; ++n) {
        CAPTURE(n);
        Layout layout;
        const std::string text = "Lệ phí " + std::string(static_cast<std::size_t>(n), 'x') +
                                 " đăng ký: " + amount + " cho mỗi lần";
        layout.blocks.push_back(
            Paragraph{{{text, false}}, TextSize::normal, Align::left, false, false});
        std::vector<LineBox> lines;
        renderer.render(layout, {paper_58mm_dots}, &lines);
        wrapped += lines.size() > 1 ? 1 : 0;
        bool whole = false;
        for (const auto& l : lines) {
            whole = whole || l.text.find(amount) != std::string::npos;
            CHECK(l.text.rfind("đ ", 0) != 0);  // no line starts with the currency alone
        }
        CHECK(whole);
    }
    CHECK(wrapped > 20);  // the amount did meet the line end
}

TEST_CASE("the queue number prints whole on 58 and 80 mm, beside the field's service desk") {
    Renderer renderer;
    static const auto locale = locale::Locale::embedded();
    catalog::Catalog cat;
    cat.procedures.push_back(test::residence_procedure());
    const StoredDossier d{test::body_for(cat.procedures[0], "K0042-261121-0007").dump(), "pending",
                          std::nullopt};
    for (const int width : {paper_80mm_dots, paper_58mm_dots}) {
        for (const auto lang : {Language::vi, Language::en}) {
            const std::string lang_name(to_string(lang));
            CAPTURE(width);
            CAPTURE(lang_name);
            auto data = build_receipt(
                d, cat, test::receipt_config(),
                {lang, std::chrono::sys_days{std::chrono::year{2026} / 11 / 21}, 420});
            data.queue_number = 1037;
            data.queue_field = lang == Language::vi ? "Bảo trợ xã hội" : "Social protection";
            std::vector<LineBox> lines;
            const Raster r = renderer.render(make_layout(data, locale.strings(lang)),
                                             {width, 8, GlyphMode::mono_hinted}, &lines);
            CHECK(r.columns_blank(0, 8));
            CHECK(r.columns_blank(width - 8, width));
            bool number_whole = false;
            for (const auto& l : lines)
                number_whole = number_whole || l.text.find("1037") != std::string::npos;
            CHECK(number_whole);
            CHECK(without_breaks(joined(lines)).find(without_breaks(data.queue_field)) !=
                  std::string::npos);
            CHECK(test::decode_qr(r).size() == 1);  // the status QR still reads
        }
    }
}
