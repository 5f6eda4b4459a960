#pragma once
// What the portal checks in a dossier body before accepting it (portal-api.md, POST
// /v1/dossiers). Deliberately strict, as an independent gateway may be.

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <string_view>

namespace quay::portal_sim {

// Problems as [{"field", "message"}]; empty when the body is acceptable.
// kiosk_id: the X-Kiosk-Id of the request. procedures: the codes of the served catalogue
// (empty: the catalogue could not be read and codes are not checked).
nlohmann::json validate_dossier(const nlohmann::json& body, std::string_view kiosk_id,
                                const std::set<std::string>& procedures);

bool is_uuid(std::string_view s);
bool is_nfc(std::string_view s);
bool is_date(std::string_view s);  // YYYY-MM-DD, a real calendar day

}  // namespace quay::portal_sim
