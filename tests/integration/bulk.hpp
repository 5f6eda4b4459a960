#pragma once
// Many dossiers at once for the delivery tests, stored through the core store (quayctl
// submit once per dossier would take most of a test's time).

#include <string>
#include <vector>

#include "fixture.hpp"
#include "quay/catalog/loader.hpp"
#include "quay/clock.hpp"
#include "quay/config/config.hpp"
#include "quay/store/store.hpp"

namespace quay::testing {

// Stores n dossiers (procedures in turn); returns their ids.
inline std::vector<std::string> submit_many(const Kiosk& kiosk, std::size_t n) {
    const auto config = config::load_file(kiosk.config());
    const auto active = catalog::load_active(config);
    SystemClock clock;
    auto s = store::Store::open(config, clock);
    const std::vector<nlohmann::json> drafts = {kiosk.draft(0), kiosk.draft(1), kiosk.draft(2)};
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < n; ++i)
        ids.push_back(
            s.submit(drafts[i % drafts.size()], active.catalog, config.kiosk.id).dossier_id);
    return ids;
}

}  // namespace quay::testing
