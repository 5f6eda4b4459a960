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
