// The running kiosk picks up a newer catalogue by itself (docs/catalog-format.md "Sync"):
// the real quay-kiosk, headless in its interactive loop, the real portal simulator serving a
// newer catalogue. The kiosk stores it, starts again on it at rest (same PID, as systemd
// sees it), and its next heartbeat reports the new version. SIGTERM still ends it cleanly.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <csignal>
#include <fstream>

#include "kiosk_run.hpp"
#include "process.hpp"
#include "quay/catalog/loader.hpp"
#include "sim.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The first heartbeat that reports `version`, asking the simulator until `limit`.
std::optional<json> heartbeat_with(const quay::testing::Sim& sim, const std::string& version,
                                   std::chrono::seconds limit) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        for (const auto& h : sim.heartbeats())  // each call is a round trip to the simulator
            if (h.at("body").value("catalog_version", "") == version) return h;
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("a newer catalogue from the portal is in use without anyone restarting the kiosk") {
    quay::test::KioskDir d("catalog-reload");
    fs::create_directories(d.path() / "sim");
    quay::testing::Sim sim(d.path() / "sim");
    const std::string bundled = quay::catalog::bundled().catalog_version;
    auto next =
        json::parse(std::ifstream(fs::path(QUAY_SOURCE_DIR) / "assets/catalog/catalog.json"));
    next["catalog_version"] = "2099-12-31";
    sim.admin("PUT", "/_sim/catalog", next.dump());

    const fs::path token = d.path() / "token";
    std::ofstream(token) << "test-kiosk-token\n";
    fs::permissions(token, fs::perms::owner_read | fs::perms::owner_write);
    const auto config = d.write_config("[portal]\nurl = \"" + sim.url() + "\"\ntoken_file = \"" +
                                       token.string() + "\"\n[catalog]\nreload_quiet_s = 0\n");
    const std::string bin = std::string(QUAY_BINARY_DIR) + "/kiosk/app/kiosk/quay-kiosk";
    const fs::path err = d.path() / "stderr.txt";
    quay::testing::Child kiosk({bin, "--config", config.string(), "--headless"}, err.string());

    // The first process reports the bundled catalogue, the second the new one.
    CHECK(heartbeat_with(sim, bundled, std::chrono::seconds(60)).has_value());
    const auto after = heartbeat_with(sim, "2099-12-31", std::chrono::seconds(120));
    REQUIRE_MESSAGE(after.has_value(), "no heartbeat with the new catalogue");
    CHECK(kiosk.running());  // the same process (execv), not a crash and a restart

    kiosk.kill(SIGTERM);
    const auto status = kiosk.wait(std::chrono::seconds(60));
    REQUIRE(status.has_value());
    CHECK(WIFEXITED(*status));
    CHECK(WEXITSTATUS(*status) == 0);
    std::ifstream in(err);
    const std::string log((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(log.find("catalogue 2099-12-31 stored, replaces " + bundled) != std::string::npos);
    CHECK(log.find("starting again on the newer catalogue") != std::string::npos);
    // Stored once; the second process's sync was answered 304 (its ETag).
    const auto gets = sim.requests_to("GET", "/v1/catalog");
    REQUIRE(gets.size() >= 2);
    CHECK(gets[0].at("status") == 200);
    CHECK(gets[1].at("status") == 304);
    CHECK(sim.stop() == 0);
}
