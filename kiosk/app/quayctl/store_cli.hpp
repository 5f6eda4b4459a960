#pragma once
// What the store commands share: opening the store, storage errors as exit 5, items as JSON.
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

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

// Adds an event to the audit log of the store of the config in dir (/etc/quay), if that
// store exists: provisioning and updates run as root and must never create a store the
// kiosk cannot open. Returns what happened, for the command's output.
std::string record_audit(const std::filesystem::path& dir, std::string_view event,
                         const nlohmann::json& detail);

// {"at", "sent_to_portal"} of a fee marked paid, or null.
nlohmann::ordered_json fee_paid_json(const std::optional<std::string>& paid_at, bool in_body);

// The item of `quay queue` (quayctl.md), plus "body" when with_body.
nlohmann::ordered_json item_json(const store::Item& item, bool with_body);

}  // namespace quay::cli
