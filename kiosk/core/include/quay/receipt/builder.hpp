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

// What the queue still keeps once the retention period has purged the body: enough for a
// receipt without personal details (quayctl receipt / reprint of an old dossier).
struct DossierSummary {
    std::string receipt_code;
    std::string procedure_code;
    std::string created_at;  // RFC 3339
    std::string kiosk_id;
    std::string state;
    std::optional<std::string> portal_ref;
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
ReceiptData build_receipt(const DossierSummary& summary, const catalog::Catalog& catalog,
                          const config::Config& config, const BuildOptions& options);

}  // namespace quay::receipt
