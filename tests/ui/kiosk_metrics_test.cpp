// The real quay-kiosk writes its Prometheus textfile (docs/monitoring.md) and records the
// device states, and `quayctl metrics` prints the same series from another process.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <set>
#include <sstream>

#include "kiosk_run.hpp"
#include "process.hpp"

using quay::test::KioskDir;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The series ("name{labels}") of an exposition, without values.
std::set<std::string> series_of(const std::string& text) {
    std::set<std::string> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
        if (!line.empty() && line[0] != '#') out.insert(line.substr(0, line.rfind(' ')));
    return out;
}

}  // namespace

TEST_CASE("quay-kiosk writes the textfile; quayctl metrics prints the same series") {
    KioskDir k("metrics");
    fs::create_directories(k.path() / "metrics");
    const auto cfg = k.write_config(
        "[metrics]\ntextfile = \"metrics/quay.prom\"\n"
        "[printer]\ndevice = \"file://" +
        (k.path() / "printer.bin").string() + "\"\n");
    const auto r = k.run({"--config", cfg.string(), "--headless", "--screenshot",
                          (k.shots() / "home.png").string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.stderr_text);
    CHECK(r.stderr_text.find("metrics:") == std::string::npos);

    const auto file = k.path() / "metrics/quay.prom";
    const std::string text = slurp(file);
    REQUIRE_FALSE(text.empty());
    CHECK(text.starts_with("# HELP quay_info "));
    CHECK(text.find("quay_info{kiosk_id=\"TEST01\",version=\"" QUAY_VERSION "\"} 1\n") !=
          std::string::npos);
    // A printer configured but not yet used: unknown; no scanner: absent.
    CHECK(text.find("quay_printer_state{state=\"unknown\"} 1\n") != std::string::npos);
    CHECK(text.find("quay_scanner_state{state=\"absent\"} 1\n") != std::string::npos);
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0644);
    CHECK_FALSE(fs::exists(file.string() + ".new"));
    // What the app recorded for other processes.
    const auto devices = slurp(k.path() / "data/devices.json");
    CHECK(devices.find("\"printer\":\"unknown\"") != std::string::npos);
    CHECK(devices.find("\"scanner\":\"absent\"") != std::string::npos);

    const auto ctl = quay::testing::run(
        {std::string(QUAY_BINARY_DIR) + "/kiosk/app/quayctl", "--config", cfg.string(), "metrics"});
    REQUIRE_MESSAGE(ctl.exit_code == 0, ctl.describe());
    CHECK(series_of(ctl.out) == series_of(text));
}
