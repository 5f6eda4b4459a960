#pragma once
// The one definition of every field's rules: what a value may be (validate_value), which
// keyboard types it and how many characters it takes. The kiosk's flow checks a field as
// soon as the citizen leaves it; the store checks the whole draft (validate_draft) with the
// same rules. Each problem carries a locale key (locale/<lang>/validation.json) for the
// citizen and a plain English message for quayctl and staff.

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quay/catalog/catalog.hpp"
#include "quay/clock_status.hpp"

namespace quay::catalog {

struct FieldProblem {
    std::string field;    // "applicant.phone", "fields.tre_ho_ten", "procedure_code"
    std::string key;      // locale key, e.g. "validation.phone"
    std::string message;  // plain English
};

// One value as typed (text as it is; numbers as their decimal text). An empty value is a
// problem only when the field is required. today: the days it may be (one day when the
// clock is trusted); a rule against today refuses only what no day of the range allows,
// so a wrong kiosk clock never refuses a real date (quay/clock_status.hpp).
std::optional<FieldProblem> validate_value(const FormField& field, std::string_view value,
                                           const TodayRange& today);

// The fixed applicant object of the portal body, as fields in the order the form shows
// them (full_name, id_number, date_of_birth, address, phone, email), so the flow draws and
// checks them like the rest. No labels: screens take them from locale/
// ("ui.form.applicant.<code>"). The address names the list "provinces" (used only when
// the catalogue has it).
const std::vector<FormField>& applicant_fields();

// Which on-screen keyboard types a field: Vietnamese letters (Telex/VNI) for free text,
// digits for numbers, IDs and phones, plain keys for the rest (email). Dates and choices
// have pickers; they get `plain` should a physical keyboard type into them.
enum class Keyboard { vietnamese, digits, plain };
Keyboard keyboard_for(const FormField& field);

// The years a date picker offers for a date field, from the same not_after / not_before
// rules validate_value applies: a date of birth ("not_after": "today") ends at the latest
// year today may be; a date that may lie ahead (the end of a temporary stay) reaches
// kYearsAhead years past it, and "not_before": "today" starts at today's earliest year.
// Without a known latest day (an untrusted clock) nothing ends before 9999.
struct YearSpan {
    int first = 1900;
    int last = 9999;
};
inline constexpr int kYearsAhead = 10;
YearSpan picker_years(const FormField& field, const TodayRange& today);

// A person's name (the applicant's full_name, a procedure's "*_ho_ten"): the keyboard
// types the first letter of each word as a capital.
bool is_person_name(const FormField& field);

// How many characters the kiosk lets a citizen type into a field (a valid value always
// fits; a longer one is refused by validate_value).
std::size_t max_chars(const FormField& field);

// A whole draft: {"procedure_code", "applicant": {...}, "fields": {...},
// optional "documents"/"fees"}. Returns every problem found (empty: valid).
std::vector<FieldProblem> validate_draft(const nlohmann::json& draft, const Catalog& catalog,
                                         const TodayRange& today);

// Phone as the portal receives it: digits only, +84 turned into 0 ("0912 345 678" →
// "0912345678"); nullopt when it is not a Vietnamese mobile or landline number.
std::optional<std::string> normalise_phone(std::string_view typed);

}  // namespace quay::catalog
