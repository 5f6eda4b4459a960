#pragma once
// ui::Backend for the real kiosk: the store, the printer, the portal, the staff PIN.

#include <memory>

#include "quay/catalog/catalog.hpp"
#include "quay/config/config.hpp"
#include "quay/ui/backend.hpp"

namespace quay::kiosk_app {

std::unique_ptr<ui::Backend> make_backend(const config::Config& config,
                                          const catalog::Catalog& catalog);

}  // namespace quay::kiosk_app
