#pragma once
// Status lookup (GET /v1/dossiers/{code}/status?id_last4=NNNN), typed for the UI.

#include <atomic>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "quay/delivery/portal_client.hpp"
#include "quay/store/store.hpp"

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
    // Who answered a `found`: the portal, or this kiosk for a dossier it still holds
    // (status "queued" or "needs_staff", updated_at = when it was saved here).
    enum class Source { portal, kiosk };
    Kind kind = Kind::error;
    Source source = Source::portal;
    DossierStatus status;  // found; raw: the portal's answer, or the kiosk's (see answer_status)
    std::string message;   // offline / error: why, no personal data
};

// Receipt codes look like K0042-261122-0007; id_last4 is four digits.
bool is_receipt_code(std::string_view code);
bool is_id_last4(std::string_view digits);

StatusResult lookup_status(PortalClient& client, std::string_view receipt_code,
                           std::string_view id_last4, const std::atomic<bool>* abort = nullptr);

// The kiosk's own answer for a dossier it still holds (pending, in flight or dead), with no
// network: found from source kiosk, status "queued" (dead: "needs_staff"), raw
// {"receipt_code", "source": "kiosk", "status", "saved_at"}; not_found when id_last4 is
// not the stored applicant's (as at the portal, so codes cannot be probed here either).
// nullopt when the portal must answer: delivered, unknown here, or its body purged.
std::optional<StatusResult> held_status(const store::Store& store, std::string_view receipt_code,
                                        std::string_view id_last4);

// The one status answer of the kiosk and quayctl (issue 13 "Honest status, also offline"):
// held_status() first, else the portal (client null: offline), its raw answer with
// "source": "portal" added.
StatusResult answer_status(const store::Store& store, PortalClient* client,
                           std::string_view receipt_code, std::string_view id_last4,
                           const std::atomic<bool>* abort = nullptr);

}  // namespace quay::delivery
