// quayctl receipt / print as a technician or staff script uses them: the PNG is the raster
// the printer gets, its QR (read by zbarimg) is the status URL of the config's template,
// and a reprint to a printer that has no paper fails with its own exit code while the
// dossier stays exactly as it was.
#include <doctest/doctest.h>

#include <fstream>

#include "common.hpp"

using namespace quay::testing;
using nlohmann::json;

namespace {

std::string read_all(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

KioskOptions with_printer(const std::filesystem::path& device) {
    KioskOptions o;
    o.extra_toml =
        "\n[receipt]\nstatus_url = \"https://dvc.example.gov.vn/tra-cuu?ma={receipt_code}\"\n"
        "\n[printer]\ndevice = \"file://" +
        device.string() + "\"\nwidth_dots = 384\n";
    return o;
}

}  // namespace

TEST_CASE("receipt --out: a PNG whose QR is the status URL, for the stored dossier") {
    TempDir scratch("receipt-png");
    Fixture f("receipt-cmd", {}, with_printer(scratch.path() / "printer.bin"));
    const auto submitted = f.kiosk.submit(f.kiosk.draft());
    const std::string id = id_of(submitted);
    const std::string code = submitted.at("receipt_code");
    const auto png = scratch.path() / "receipt.png";

    const auto out = f.kiosk.ok({"receipt", id, "--out", png.string()});
    CHECK(out.at("receipt_code") == code);
    CHECK(out.at("width") == 384);  // the configured 58 mm printer
    const std::string url = "https://dvc.example.gov.vn/tra-cuu?ma=" + code;
    CHECK(out.at("qr") == url);
    REQUIRE(std::filesystem::file_size(png) > 0);
    CHECK(read_all(png).substr(1, 3) == "PNG");

    const auto zbar = run({"/usr/bin/zbarimg", "--raw", "-q", png.string()});
    REQUIRE_MESSAGE(zbar.exit_code == 0, zbar.describe());
    std::string decoded = zbar.out;
    while (!decoded.empty() && decoded.back() == '\n')
        decoded.pop_back();
    CHECK(decoded == url);

    // English on request; an unknown dossier is bad input.
    CHECK(f.kiosk.ok({"receipt", id, "--out", png.string(), "--lang", "en"}).at("language") ==
          "en");
    const auto unknown =
        f.kiosk.quayctl({"receipt", "00000000-0000-4000-8000-000000000000", "--out", png.string()});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.last_err_line().find("unknown_dossier") != std::string::npos);
}

TEST_CASE("print: the ESC/POS job reaches the device; a failure leaves the dossier as it was") {
    TempDir scratch("receipt-print");
    const auto device = scratch.path() / "printer.bin";
    Fixture f("print-cmd", {}, with_printer(device));
    const std::string id = id_of(f.kiosk.submit(f.kiosk.draft()));
    const auto before = item_of(f, id);

    const auto printed = f.kiosk.ok({"print", id});
    CHECK(printed.at("result") == "printed");
    const std::string job = read_all(device);
    CHECK(job.substr(0, 2) == std::string("\x1b@", 2));              // ESC @ initialise
    CHECK(job.find(std::string("\x1dv0", 3)) != std::string::npos);  // GS v 0 raster

    // A printer that cannot be opened: exit 6 with the printer's words, the dossier untouched.
    std::string config = read_all(f.kiosk.config());
    const auto at = config.find(device.string());
    REQUIRE(at != std::string::npos);
    config.replace(at, device.string().size(), (scratch.path() / "gone" / "printer.bin").string());
    write_file(f.kiosk.config(), config);
    const auto failed = f.kiosk.quayctl({"print", id});
    CHECK_MESSAGE(failed.exit_code == 6, failed.describe());
    CHECK(failed.last_err_line().find("\"error\":\"printer_") != std::string::npos);
    CHECK(item_of(f, id) == before);
}

TEST_CASE("receipt --out: with [payment] and a fee due, the slip carries the fee's VietQR") {
    TempDir scratch("receipt-vietqr");
    for (const int width : {384, 576}) {
        CAPTURE(width);
        KioskOptions o = with_printer(scratch.path() / "printer.bin");
        o.extra_toml +=
            "\n[payment]\nbank_bin = \"970436\"\naccount = \"0011004123456\"\n"
            "account_name = \"UBND XA AN BINH\"\n";
        Fixture f("receipt-vietqr-" + std::to_string(width), {}, o);
        json draft = f.kiosk.draft();
        draft["fee_due"] = 8000;
        const auto submitted = f.kiosk.submit(draft);
        const std::string code = submitted.at("receipt_code");
        const auto png = scratch.path() / ("slip-" + std::to_string(width) + ".png");
        const auto out = f.kiosk.ok(
            {"receipt", id_of(submitted), "--out", png.string(), "--width", std::to_string(width)});
        REQUIRE(out.contains("payment_qr"));
        const std::string pay = out.at("payment_qr");
        CHECK(pay.find("0010A000000727") != std::string::npos);  // NAPAS
        CHECK(pay.find("54048000") != std::string::npos);        // 8,000 đồng
        CHECK(pay.find("0817" + code) != std::string::npos);     // the receipt code as purpose

        // Both QRs on the paper decode, each to what the JSON says.
        const auto zbar = run({"/usr/bin/zbarimg", "--raw", "-q", png.string()});
        REQUIRE_MESSAGE(zbar.exit_code == 0, zbar.describe());
        CHECK(zbar.out.find(pay) != std::string::npos);
        CHECK(zbar.out.find(out.at("qr").get<std::string>()) != std::string::npos);

        // The body the portal gets says what is due.
        deliver_ok(f);
        const auto stored = f.sim.dossier(id_of(submitted));
        REQUIRE(stored.has_value());
        const auto& body = stored->at("body");
        CHECK((body.is_string() ? json::parse(body.get<std::string>()) : body).at("fee_due") ==
              8000);
    }
}

TEST_CASE("receipt --out: no VietQR without [payment] or without a fee due") {
    TempDir scratch("receipt-no-vietqr");
    KioskOptions o = with_printer(scratch.path() / "printer.bin");
    o.extra_toml += "\n[payment]\nbank_bin = \"970436\"\naccount = \"0011004123456\"\n";
    Fixture f("receipt-no-vietqr", {}, o);
    const auto png = scratch.path() / "slip.png";
    // The catalogue's fee lines are alternatives and per-copy rates: never summed into a QR.
    const auto plain = f.kiosk.submit(f.kiosk.draft());
    CHECK_FALSE(
        f.kiosk.ok({"receipt", id_of(plain), "--out", png.string()}).contains("payment_qr"));
    json free = f.kiosk.draft();
    free["fee_due"] = 0;
    const auto nothing_due = f.kiosk.submit(free);
    CHECK_FALSE(
        f.kiosk.ok({"receipt", id_of(nothing_due), "--out", png.string()}).contains("payment_qr"));
    // A fee due that is not a whole number of đồng is refused; nothing is stored.
    json bad = f.kiosk.draft();
    bad["fee_due"] = "8000";
    const auto bad_file = scratch.path() / "bad-draft.json";
    std::ofstream(bad_file) << bad.dump();
    const auto before = f.kiosk.queue().at("items").size();
    const auto refused = f.kiosk.quayctl({"submit", bad_file.string()});
    CHECK(refused.exit_code == 2);
    CHECK(refused.last_err_line().find("fee_due") != std::string::npos);
    CHECK(f.kiosk.queue().at("items").size() == before);
}
