// quayctl catalog sync: fetch /v1/catalog with If-None-Match; the new catalogue replaces the
// old one atomically, and only when it parses and validates.
#include "cli.hpp"
#include "quay/catalog/loader.hpp"
#include "quay/clock.hpp"
#include "quay/delivery/catalog_sync.hpp"
#include "store_cli.hpp"

namespace quay::cli {

int run_catalog_sync(Context& ctx, Args& args) {
    args.expect_empty();
    const auto& config = ctx.config();
    if (!config.catalog.file.empty())
        throw Failure{bad_input, "catalog_pinned",
                      "catalog.file is set in the config, so this kiosk uses that file and never "
                      "a synced catalogue; clear it to sync"};
    std::string current;
    try {
        current = catalog::load_active(config).catalog.catalog_version;
    } catch (const Error&) {
        // No usable catalogue now: anything valid from the portal is an improvement.
    }
    delivery::PortalClient client = [&] {
        try {
            return delivery::PortalClient(delivery::settings_from(config));
        } catch (const Error& e) {
            throw Failure{1, e.code(), e.what()};
        }
    }();
    const auto result = storage_guard([&] {
        SystemClock clock;
        store::Store::open(config, clock);  // creates the data directory as the store wants it
        try {
            return delivery::sync_catalog_recorded(
                client, config.kiosk.data_dir, catalog::version_of_portal_catalog, current, clock);
        } catch (const store::StorageError&) {
            throw;
        } catch (const Error& e) {
            throw Failure{1, e.code(), e.what()};
        }
    });
    print_json(ctx.out, {{"catalog_version", result.catalog_version}, {"changed", result.changed}});
    return ok;
}

}  // namespace quay::cli
