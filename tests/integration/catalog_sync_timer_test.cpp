// The running kiosk's catalogue sync (delivery::CatalogSyncWorker): at start and on a timer,
// against the real portal simulator. A newer catalogue is stored and announced once; a bad
// answer is retried soon and never replaces the catalogue in use.
#include <doctest/doctest.h>

#include <condition_variable>
#include <mutex>

#include "common.hpp"
#include "quay/catalog/loader.hpp"
#include "quay/config/config.hpp"
#include "quay/delivery/catalog_sync_worker.hpp"

using namespace quay::testing;
using nlohmann::json;
using namespace quay;

namespace {

struct Announcements {
    std::mutex m;
    std::condition_variable cv;
    std::vector<std::string> versions;
    std::vector<std::string> log;

    auto replaced() {
        return [this](const std::string& v) {
            std::lock_guard lock(m);
            versions.push_back(v);
            cv.notify_all();
        };
    }
    auto sink() {
        return [this](const std::string& line) {
            std::lock_guard lock(m);
            log.push_back(line);
        };
    }
};

std::string bundled_version() {
    return catalog::bundled().catalog_version;
}

}  // namespace

TEST_CASE("the timer stores a newer catalogue and announces it once; a bad answer is retried") {
    Fixture f("catalog-timer");
    auto next = json::parse(
        read_file(std::filesystem::path(QUAY_SOURCE_DIR) / "assets/catalog/catalog.json"));
    next["catalog_version"] = "2099-12-31";
    f.sim.admin("PUT", "/_sim/catalog", next.dump());
    f.sim.add_fault("captive_html,endpoint=catalog,count=1");
    const config::Config config = config::load_file(f.kiosk.config());
    REQUIRE(delivery::timed_catalog_sync(config));
    REQUIRE(config.catalog.sync_interval_s == 21'600);  // the default: no second run here

    Announcements a;
    delivery::CatalogSyncWorker worker(config, catalog::version_of_portal_catalog,
                                       bundled_version(), a.replaced(), a.sink(),
                                       std::chrono::milliseconds(100));
    {
        std::unique_lock lock(a.m);
        REQUIRE(a.cv.wait_for(lock, std::chrono::seconds(60), [&] { return !a.versions.empty(); }));
    }
    worker.stop();
    CHECK(a.versions == std::vector<std::string>{"2099-12-31"});
    REQUIRE(a.log.size() == 2);
    CHECK(a.log[0].starts_with("catalogue sync failed: "));  // the captive portal's page
    CHECK(a.log[1] == "catalogue 2099-12-31 stored, replaces " + bundled_version());
    CHECK(f.kiosk.ok({"catalog", "list"}).at("catalog_version") == "2099-12-31");
    CHECK(f.sim.requests_to("GET", "/v1/catalog").size() == 2);
}

TEST_CASE("the same version as the one in use is stored but not announced") {
    Fixture f("catalog-timer-same");
    const config::Config config = config::load_file(f.kiosk.config());
    Announcements a;
    delivery::CatalogSyncWorker worker(config, catalog::version_of_portal_catalog,
                                       bundled_version(), a.replaced(), a.sink());
    while (f.sim.requests_to("GET", "/v1/catalog").empty()) {
        // each call is a round trip to the simulator
    }
    worker.stop();  // waits for the run in progress: its announcement, if any, is made
    CHECK(a.versions.empty());
    CHECK_MESSAGE(a.log.empty(), a.log.front());
    CHECK(std::filesystem::exists(config.kiosk.data_dir / "catalog.json"));
}

TEST_CASE("no timer without a portal, with a pinned catalog.file, or with an interval of 0") {
    Fixture f("catalog-timer-off");
    config::Config config = config::load_file(f.kiosk.config());
    CHECK(delivery::timed_catalog_sync(config));
    auto off = config;
    off.catalog.sync_interval_s = 0;
    CHECK_FALSE(delivery::timed_catalog_sync(off));
    off = config;
    off.catalog.file = "/etc/quay/catalog.json";
    CHECK_FALSE(delivery::timed_catalog_sync(off));
    off = config;
    off.portal.url.clear();
    CHECK_FALSE(delivery::timed_catalog_sync(off));
}
