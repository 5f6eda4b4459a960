#pragma once
// The running kiosk's catalogue sync: sync_catalog at start and then every
// config.catalog.sync_interval_s on its own thread and portal client (failures retried
// sooner, as the heartbeat's). When the portal's catalogue has a version other than the one
// in use, `replaced` is called once per new version; the app applies it when the kiosk is at
// rest (docs/catalog-format.md "Sync").

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "quay/config/config.hpp"
#include "quay/delivery/catalog_sync.hpp"
#include "quay/delivery/sender.hpp"

namespace quay::delivery {

// Whether the running kiosk syncs on a timer: a portal, no pinned catalog.file, an interval.
bool timed_catalog_sync(const config::Config& config);

class CatalogSyncWorker {
  public:
    // version_in_use: the running catalogue's catalog_version.
    CatalogSyncWorker(const config::Config& config, CatalogCheck check, std::string version_in_use,
                      std::function<void(const std::string& version)> replaced, LogSink log = {},
                      std::chrono::milliseconds first_retry = std::chrono::seconds(30));
    ~CatalogSyncWorker();
    CatalogSyncWorker(const CatalogSyncWorker&) = delete;
    CatalogSyncWorker& operator=(const CatalogSyncWorker&) = delete;
    void stop();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace quay::delivery
