#pragma once
// Status lookup (GET /v1/dossiers/{code}/status?id_last4=NNNN), typed for the UI.

#include <atomic>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "quay/delivery/portal_client.hpp"

namespace quay::delivery {

struct StatusStep {
    std::string status;
    std::string at;
    std::string note;
};

struct DossierStatus {
    std::string receipt_code;
    std::string portal_ref;
    std::string status;  // received | processing | needs_supplement | ready_for_pickup |
                         // returned | rejected
    std::string updated_at;
    std::vector<StatusStep> history;
    nlohmann::json raw;  // the portal's answer as received
};

struct StatusResult {
    enum class Kind { found, not_found, offline, error };
    Kind kind = Kind::error;
    DossierStatus status;  // found
    std::string message;   // offline / error: why, no personal data
};

// Receipt codes look like K0042-261122-0007; id_last4 is four digits.
bool is_receipt_code(std::string_view code);
bool is_id_last4(std::string_view digits);

StatusResult lookup_status(PortalClient& client, std::string_view receipt_code,
                           std::string_view id_last4, const std::atomic<bool>* abort = nullptr);

}  // namespace quay::delivery
