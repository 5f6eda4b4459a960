#pragma once
// What the store commands share: opening the store, storage errors as exit 5, items as JSON.
#include <functional>

#include "cli.hpp"
#include "quay/store/store.hpp"

namespace quay::cli {

// Runs body; a store::StorageError becomes Failure{storage_failure} with its code.
template <class Body>
auto storage_guard(Body&& body) -> decltype(body()) {
    try {
        return body();
    } catch (const store::DamagedError& e) {
        throw Failure{storage_failure, e.code(), e.what(), {{"moved_to", e.moved_to().string()}}};
    } catch (const store::StorageError& e) {
        throw Failure{storage_failure, e.code(), e.what()};
    }
}

// {"at", "sent_to_portal"} of a fee marked paid, or null.
nlohmann::ordered_json fee_paid_json(const std::optional<std::string>& paid_at, bool in_body);

// The item of `quay queue` (quayctl.md), plus "body" when with_body.
nlohmann::ordered_json item_json(const store::Item& item, bool with_body);

}  // namespace quay::cli
