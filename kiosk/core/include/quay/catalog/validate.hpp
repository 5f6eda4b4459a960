#pragma once
// Checks what a citizen typed against the catalogue's field rules. Used by the kiosk to
// show an error next to a field as soon as it is left, and by `submit` for the whole draft.
// Each problem carries a locale key (locale/<lang>/validation.json) for the citizen and a
// plain English message for quayctl and staff.

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quay/catalog/catalog.hpp"

namespace quay::catalog {

struct FieldProblem {
    std::string field;    // "applicant.phone", "fields.tre_ho_ten", "procedure_code"
    std::string key;      // locale key, e.g. "validation.phone"
    std::string message;  // plain English
};

// One value as typed (text as it is; numbers as their decimal text). An empty value is a
// problem only when the field is required.
std::optional<FieldProblem> validate_value(const FormField& field, std::string_view value,
                                           std::chrono::year_month_day today);

// The fixed applicant object of the portal body, as fields (full_name, id_number,
// date_of_birth, phone, email, address) so screens can draw and check them like the rest.
const std::vector<FormField>& applicant_fields();

// A whole draft: {"procedure_code", "applicant": {...}, "fields": {...},
// optional "documents"/"fees"}. Returns every problem found (empty: valid).
std::vector<FieldProblem> validate_draft(const nlohmann::json& draft, const Catalog& catalog,
                                         std::chrono::year_month_day today);

// Phone as the portal receives it: digits only, +84 turned into 0 ("0912 345 678" →
// "0912345678"); nullopt when it is not a Vietnamese mobile or landline number.
std::optional<std::string> normalise_phone(std::string_view typed);

}  // namespace quay::catalog
