#pragma once
// What the store commands share: opening the store, storage errors as exit 5, items as JSON.
#include <functional>

#include "cli.hpp"
#include "quay/store/store.hpp"

namespace quay::cli {

// Runs body; a store::StorageError becomes Failure{storage_failure} with its code.
int storage_guard(const std::function<int()>& body);

// The item of `quay queue` (quayctl.md), plus "body" when with_body.
nlohmann::ordered_json item_json(const store::Item& item, bool with_body);

}  // namespace quay::cli
