#include "quay/delivery/catalog_sync_worker.hpp"

#include "quay/clock.hpp"
#include "quay/delivery/periodic.hpp"
#include "quay/error.hpp"
#include "quay/store/store.hpp"

namespace quay::delivery {

bool timed_catalog_sync(const config::Config& config) {
    return !config.portal.url.empty() && config.catalog.file.empty() &&
           config.catalog.sync_interval_s > 0;
}

struct CatalogSyncWorker::Impl {
    // Used only on the Periodic's thread; outlive it (declared first).
    std::unique_ptr<PortalClient> client;
    std::string version_in_use;
    std::unique_ptr<Periodic> periodic;
};

CatalogSyncWorker::CatalogSyncWorker(const config::Config& config, CatalogCheck check,
                                     std::string version_in_use,
                                     std::function<void(const std::string&)> replaced, LogSink log,
                                     std::chrono::milliseconds first_retry)
    : impl_(std::make_unique<Impl>()) {
    if (!timed_catalog_sync(config)) return;
    try {
        impl_->client = std::make_unique<PortalClient>(settings_from(config));
    } catch (const std::exception& e) {
        if (log) log(std::string("catalogue sync off: ") + e.what());
        return;
    }
    impl_->version_in_use = std::move(version_in_use);
    impl_->periodic = std::make_unique<Periodic>(
        std::chrono::seconds(config.catalog.sync_interval_s), first_retry,
        [impl = impl_.get(), config, check = std::move(check), replaced = std::move(replaced),
         log = std::move(log)] {
            try {
                // The data directory as the store makes it (mode, owner), if the kiosk has
                // not opened its store yet.
                const SystemClock clock;
                store::Store::open(config, clock);
                const auto r = sync_catalog_recorded(*impl->client, config.kiosk.data_dir, check,
                                                     impl->version_in_use, clock);
                if (r.changed && r.catalog_version != impl->version_in_use) {
                    if (log)
                        log("catalogue " + r.catalog_version + " stored, replaces " +
                            impl->version_in_use);
                    impl->version_in_use = r.catalog_version;
                    if (replaced) replaced(r.catalog_version);
                }
                return true;
            } catch (const std::exception& e) {
                // The catalogue in use stays; bad_catalog and storage errors are logged for
                // staff like an offline portal, and tried again.
                if (log) log(std::string("catalogue sync failed: ") + e.what());
                return false;
            }
        });
}

CatalogSyncWorker::~CatalogSyncWorker() {
    stop();
}

void CatalogSyncWorker::stop() {
    if (impl_->periodic) impl_->periodic->stop();
}

}  // namespace quay::delivery
