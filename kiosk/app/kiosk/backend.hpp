#pragma once
// ui::Backend for the real kiosk: the store, the printer, the portal, the staff PIN.

#include <memory>

#include "quay/catalog/catalog.hpp"
#include "quay/config/config.hpp"
#include "quay/scanner/reader.hpp"
#include "quay/ui/backend.hpp"

namespace quay::kiosk_app {

// scanner: where the running reader will be (null when none is configured); read only
// from backend calls, which run after the kiosk is built.
std::unique_ptr<ui::Backend> make_backend(const config::Config& config,
                                          const catalog::Catalog& catalog,
                                          const std::unique_ptr<scanner::Reader>& scanner);

}  // namespace quay::kiosk_app
