#pragma once
// Turning a citizen's draft into the portal body (portal-api.md, POST /v1/dossiers).

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "quay/catalog/catalog.hpp"
#include "quay/clock_status.hpp"
#include "quay/store/store.hpp"

namespace quay::store::detail {

struct PreparedDraft {
    std::string procedure_code;
    std::string field_code;  // the procedure's lĩnh vực (its queue number's sequence)
    std::string applicant_name;
    nlohmann::ordered_json applicant;  // key order of the contract
    nlohmann::ordered_json fields;
    nlohmann::ordered_json documents;
    nlohmann::ordered_json fees;
    std::optional<std::int64_t> fee_due;  // đồng; absent when the draft does not know it
};

// Validates (throws InvalidDraft with every problem), normalises every string to NFC and
// fills documents/fees from the catalogue when the draft has none.
PreparedDraft prepare_draft(const nlohmann::json& draft, const catalog::Catalog& catalog,
                            const TodayRange& today);

// A bundle's drafts, each prepared as above, checked against the bundle's rules
// (bundle_draft.cpp). Throws InvalidDraft with every problem ("drafts[i].<field>").
std::vector<PreparedDraft> prepare_bundle(const nlohmann::json& bundle,
                                          const catalog::Catalog& catalog, const TodayRange& today);

// The exact body bytes, built once per dossier. clock: the kiosk clock's status when
// created_at was read (clock_synced, clock_offset_s: docs/delivery.md). bundle_id: only
// for a dossier of a bundle (docs/bundles.md).
std::string portal_body(const PreparedDraft& d, const Submitted& ids, std::string_view kiosk_id,
                        const std::string& catalog_version, const ClockStatus& clock,
                        const std::string* bundle_id = nullptr);

// What a stored body says of the fee: "fee_due" (0 when absent) and "fee_paid".
struct FeeInBody {
    std::int64_t due = 0;
    bool paid = false;
};
FeeInBody fee_in_body(std::string_view body);
// The body with "fee_paid": true added after "fee_due", the rest byte for byte as it was.
std::string body_with_fee_paid(std::string_view body);

}  // namespace quay::store::detail
