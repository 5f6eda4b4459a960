// A liên thông bundle's one receipt (docs/bundles.md "The receipt"): the drafts as the
// kiosk's form builds them, stored through the app's backend (Store::submit_bundle), then
// printed through the receipts' printer pipeline; the ESC/POS byte stream read back by the
// virtual printer's interpreter: one cut page, every dossier's code on it, and one status
// QR per dossier that zbar reads.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>

#include "../support/bundle_form.hpp"
#include "backend.hpp"
#include "interpreter.hpp"
#include "quay/catalog/loader.hpp"
#include "quay/config/config.hpp"
#include "quay/printer/escpos.hpp"
#include "quay/receipt/layout.hpp"
#include "quay/receipt/png.hpp"
#include "zbar_decode.hpp"

using namespace quay;
namespace fs = std::filesystem;

namespace {

const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1795338902));

// The bundle offered on `procedure`'s page, filled and confirmed: its Submit's document.
nlohmann::json bundle_from_the_form(const catalog::Catalog& c, const locale::Locale& locale,
                                    const Clock& clock, const std::string& procedure) {
    flow::Kiosk k{c, locale, clock, flow::Settings{}};
    k.apply(flow::intent::OpenProcedure{procedure});
    k.apply(flow::intent::StartBundle{});
    REQUIRE(testing::fill_to_review(k) == -1);
    k.apply(flow::intent::Declare{true});
    k.take_effects();
    k.apply(flow::intent::Confirm{});
    auto effects = k.take_effects();
    REQUIRE(effects.size() == 1);
    return std::get<flow::effect::Submit>(effects[0]).draft;
}

struct Printed {
    std::vector<virtual_printer::Page> pages;
    std::vector<std::string> codes;
};

Printed file_and_print(const std::string& name, const std::string& procedure, Language lang) {
    const fs::path dir = fs::path(QUAY_BINARY_DIR) / "receipt-out" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    const auto job = dir / "job.bin";
    std::ofstream(dir / "quay.toml")
        << "[kiosk]\nid = \"K0042\"\ndata_dir = \"" << (dir / "data").string()
        << "\"\nlanguage = \"vi\"\n[printer]\ndevice = \"file://" << job.string() << "\"\n";
    const auto config = config::load_file(dir / "quay.toml");
    const auto catalog = catalog::load_active(config).catalog;
    const auto locale = locale::Locale::embedded();
    ManualClock clock{kNow};
    std::unique_ptr<scanner::Reader> scanner;
    Printed out;
    {
        auto backend = kiosk_app::make_backend({config, catalog, locale, clock, clock, scanner});
        const auto bundle = bundle_from_the_form(catalog, locale, clock, procedure);
        const auto answer = backend->submit(bundle);
        const auto* stored = std::get_if<flow::event::BundleSubmitted>(&answer);
        REQUIRE(stored);
        std::vector<std::string> ids;
        for (const auto& d : stored->dossiers) {
            ids.push_back(d.dossier_id);
            out.codes.push_back(d.receipt_code);
        }
        auto done = std::make_shared<std::promise<flow::PrintState>>();
        auto f = done->get_future();
        backend->print_bundle(ids, bundle.at("bundle").get<std::string>(), lang,
                              [done](flow::PrintState s) { done->set_value(s); });
        REQUIRE(f.wait_for(std::chrono::seconds(30)) == std::future_status::ready);
        CHECK(f.get() == flow::PrintState::printed);
    }
    std::ifstream in(job, std::ios::binary);
    const std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in), {}};
    REQUIRE(!bytes.empty());
    virtual_printer::Interpreter printer(
        576, [] { return printer::escpos::Status{}; },
        [&](virtual_printer::Page p) { out.pages.push_back(std::move(p)); });
    printer.feed({bytes.data(), bytes.size()});
    printer.finish();
    // What the printer received, to look at: receipt-out/<name>/page.png.
    if (!out.pages.empty()) receipt::write_png(out.pages[0].raster, dir / "page.png");
    return out;
}

}  // namespace

// One cut page, and zbar finds one status QR per dossier, each naming that dossier's code.
void check_one_page_each_code_its_qr(const Printed& printed, std::size_t dossiers) {
    REQUIRE(printed.codes.size() == dossiers);
    REQUIRE(printed.pages.size() == 1);
    CHECK(printed.pages[0].cut);
    const auto found = test::decode_qr(printed.pages[0].raster);
    REQUIRE(found.size() == dossiers);
    for (const auto& code : printed.codes)
        CHECK(std::any_of(found.begin(), found.end(), [&](const std::string& qr) {
            return qr.find(code) != std::string::npos;
        }));
}

TEST_CASE("the birth bundle's receipt: one cut page, both codes, a QR for each dossier") {
    check_one_page_each_code_its_qr(file_and_print("bundle-birth", "1.001193", Language::vi), 2);
}

TEST_CASE("the death bundle's receipt in English: three dossiers, three QRs") {
    check_one_page_each_code_its_qr(file_and_print("bundle-death", "1.000656", Language::en), 3);
}

TEST_CASE("the bundle layout lists every procedure with its code before each one's part") {
    const auto locale = locale::Locale::embedded();
    std::vector<receipt::ReceiptData> parts(2);
    parts[0].receipt_code = "K0042-261122-0001";
    parts[0].procedure_name = "Đăng ký khai sinh";
    parts[0].status_url = "https://example.vn/s/K0042-261122-0001";
    parts[1].receipt_code = "K0042-261122-0002";
    parts[1].procedure_name = "Đăng ký thường trú";
    parts[1].status_url = "https://example.vn/s/K0042-261122-0002";
    const auto l =
        receipt::make_bundle_layout("Khai sinh liên thông", parts, locale.strings(Language::vi));
    const auto text = l.plain_text();
    CHECK(text.find("BIÊN NHẬN HỒ SƠ LIÊN THÔNG") != std::string::npos);
    CHECK(text.find("1. Đăng ký khai sinh: K0042-261122-0001") != std::string::npos);
    CHECK(text.find("2. Đăng ký thường trú: K0042-261122-0002") != std::string::npos);
    CHECK(text.find("HỒ SƠ 2/2") != std::string::npos);
    const auto qrs = std::count_if(l.blocks.begin(), l.blocks.end(), [](const receipt::Block& b) {
        return std::holds_alternative<receipt::QrBlock>(b);
    });
    CHECK(qrs == 2);
    CHECK(l.qr_payload == parts[0].status_url);
}
