// The staff screen's test print through the app's backend: the same printer pipeline as the
// receipts (layout, renderer, ESC/POS driver on the printer's thread), its byte stream read
// back by the virtual printer's interpreter and its QR decoded with zbar; the outcome is an
// audit row. A printer that cannot print and a kiosk without one say so.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>

#include "backend.hpp"
#include "interpreter.hpp"
#include "quay/catalog/loader.hpp"
#include "quay/config/config.hpp"
#include "quay/printer/escpos.hpp"
#include "quay/receipt/test_print.hpp"
#include "quay/store/store.hpp"
#include "zbar_decode.hpp"

using namespace quay;
namespace fs = std::filesystem;

namespace {

// 2026-11-22 09:15:02 UTC: 16:15 in Hà Nội.
const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1795338902));

struct Kiosk {
    Kiosk(const std::string& name, const std::string& printer_device)
        : dir(fs::path(QUAY_BINARY_DIR) / "receipt-out" / name / "kiosk") {
        fs::remove_all(dir);
        fs::create_directories(dir);
        std::ofstream(dir / "quay.toml")
            << "[kiosk]\nid = \"K0042\"\ndata_dir = \"" << (dir / "data").string()
            << "\"\nlanguage = \"vi\"\n[printer]\ndevice = \"" << printer_device << "\"\n";
        config = config::load_file(dir / "quay.toml");
        catalog = catalog::load_active(config).catalog;
        backend = kiosk_app::make_backend({config, catalog, locale, clock, clock, scanner});
    }
    // The message key the backend hands back, within 30 s.
    std::string test_print() {
        // Shared: the printer's thread may still be leaving set_value when get() returns.
        auto said = std::make_shared<std::promise<std::string>>();
        auto f = said->get_future();
        backend->test_print([said](std::string key) { said->set_value(std::move(key)); });
        REQUIRE(f.wait_for(std::chrono::seconds(30)) == std::future_status::ready);
        return f.get();
    }
    store::AuditEntry last_audit() const {
        const auto rows = store::Store::open(config, clock).audit_entries(1);
        REQUIRE(rows.size() == 1);
        return rows.back();
    }

    fs::path dir;
    config::Config config;
    catalog::Catalog catalog;
    locale::Locale locale = locale::Locale::embedded();
    ManualClock clock{kNow};
    std::unique_ptr<scanner::Reader> scanner;
    std::unique_ptr<kiosk_app::Backend> backend;
};

}  // namespace

TEST_CASE("a test print reaches the printer as ESC/POS: one cut page whose QR names the kiosk") {
    const auto job = fs::path(QUAY_BINARY_DIR) / "receipt-out" / "staff-test-print.bin";
    fs::remove(job);
    std::string key;
    {
        Kiosk k("staff-test-print", "file://" + job.string());
        key = k.test_print();
        CHECK(key == "staff2.test_print.printed");
        const auto row = k.last_audit();
        CHECK(row.event == "test_print");
        CHECK(row.detail.at("result") == "printed");
    }
    std::ifstream in(job, std::ios::binary);
    const std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in), {}};
    REQUIRE(!bytes.empty());
    std::vector<virtual_printer::Page> pages;
    virtual_printer::Interpreter printer(
        576, [] { return printer::escpos::Status{}; },
        [&](virtual_printer::Page p) { pages.push_back(std::move(p)); });
    printer.feed({bytes.data(), bytes.size()});
    printer.finish();
    REQUIRE(pages.size() == 1);
    CHECK(pages[0].cut);
    CHECK_FALSE(pages[0].discarded);
    CHECK(pages[0].raster.height() > 400);  // more than the QR: the text lines are there
    const auto found = test::decode_qr(pages[0].raster);
    REQUIRE(found.size() == 1);
    CHECK(found[0] == "QUAY-TEST K0042 2026-11-22 16:15");
}

TEST_CASE("a test print says why it failed, and the audit row says so too") {
    SUBCASE("the printer cannot be reached") {
        Kiosk k("staff-test-print-fail", "tcp://127.0.0.1:1");
        CHECK(k.test_print() == "staff2.test_print.offline");
        CHECK(k.last_audit().detail.at("result") == "offline");
    }
    SUBCASE("no printer is configured") {
        Kiosk k("staff-test-print-none", "");
        CHECK(k.test_print() == "staff2.test_print.no_printer");
        CHECK(k.last_audit().detail.at("result") == "no_printer");
    }
}

TEST_CASE("the test page: kiosk, time, printer state, Vietnamese with diacritics, the QR") {
    const auto locale = locale::Locale::embedded();
    const receipt::TestPrintHeader h{"K0042", {{2026, 11, 22}, 16, 15}, "paper_near_end"};
    const auto page = receipt::make_test_print(h, locale.strings(Language::vi));
    const auto text = page.plain_text();
    CHECK(text.find("K0042") != std::string::npos);
    CHECK(text.find("16 giờ 15 phút") != std::string::npos);
    CHECK(text.find("paper_near_end") != std::string::npos);
    CHECK(text.find("Trăm năm trong cõi người ta") != std::string::npos);
    CHECK(page.qr_payload == "QUAY-TEST K0042 2026-11-22 16:15");
}
