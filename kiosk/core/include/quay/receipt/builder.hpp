#pragma once
// ReceiptData from a stored dossier: the exact body sent to the portal (portal-api.md,
// POST /v1/dossiers), its delivery state, the catalogue and the config.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "quay/catalog/catalog.hpp"
#include "quay/config/config.hpp"
#include "quay/language.hpp"
#include "quay/receipt/receipt_data.hpp"

namespace quay::receipt {

struct StoredDossier {
    std::string body;                       // the POST body bytes (JSON)
    std::string state;                      // pending | in_flight | delivered | dead
    std::optional<std::string> portal_ref;  // set once delivered
};

struct BuildOptions {
    Language language = Language::vi;
    std::chrono::system_clock::time_point printed_at;
    int utc_offset_minutes = 420;
};

// Maps the queue's state names to what the receipt may honestly say. Throws
// quay::Error{"bad_dossier"} for an unknown state.
DeliveryState delivery_state(std::string_view state, const std::optional<std::string>& portal_ref);

// Throws quay::Error{"bad_dossier"} naming what is missing or malformed in the body.
ReceiptData build_receipt(const StoredDossier& dossier, const catalog::Catalog& catalog,
                          const config::Config& config, const BuildOptions& options);

}  // namespace quay::receipt
