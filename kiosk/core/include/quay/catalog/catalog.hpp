#pragma once
// The procedure catalogue: the in-memory model of docs/catalog-format.md.
// Loaded and validated by catalog/loader.hpp; searched by catalog/search.hpp.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "quay/language.hpp"

namespace quay::catalog {

// Text in both languages. English may fall back to Vietnamese where the source has none.
struct Text {
    std::string vi;
    std::string en;
    const std::string& in(Language l) const { return l == Language::en && !en.empty() ? en : vi; }
    bool empty() const { return vi.empty() && en.empty(); }
};

enum class FieldType { text, date, phone, email, id_number, number, choice };
std::string_view to_string(FieldType t);
std::optional<FieldType> parse_field_type(std::string_view s);

struct ChoiceOption {
    std::string value;  // what is stored and sent (Vietnamese, as the portal expects)
    Text label;
};

struct FormField {
    std::string code;  // [a-z0-9_]+, unique within the procedure
    Text label;
    FieldType type = FieldType::text;
    bool required = false;
    Text help;                              // optional hint shown under the field
    std::string group;                      // page the form groups it under (group code)
    std::vector<ChoiceOption> options;      // choice only
    std::optional<double> min, max;         // number only
    std::optional<int> max_length;          // text: characters, default 200
    std::optional<std::string> not_after;   // date: "today"; number: "current_year"
    std::optional<std::string> not_before;  // date: "today" forbids past dates
};

struct FieldGroup {
    std::string code;
    Text title;
};

struct Document {
    std::string code;
    Text name;
    bool original = true;  // original: true + copies: 0 means "bring the original"
    int copies = 0;
    Text note;
};

struct Fee {
    std::string code;
    Text name;
    std::optional<std::int64_t> amount_dong;  // nullopt: set by the provincial council
    Text note;                                // the text that says so, or exemptions
};

struct Situation {
    std::string code;
    Text title;
    Text description;
};

// Where the data came from and how sure it is (kept from shared/data).
struct Provenance {
    std::string confidence;             // e.g. "sourced", "inferred"
    std::vector<std::string> inferred;  // JSON pointers of values that were inferred
    std::vector<std::string> sources;
    std::string remarks;
};

struct Procedure {
    std::string code;  // national TTHC code, e.g. "1.001193"
    Text name;
    std::string field_code;  // lĩnh vực
    Text field;
    std::vector<std::string> life_events;  // birth, marriage, death, residence, certified_copies,
                                           // social_support, family, ...
    Text agency;  // the office that acts (commune police for residence procedures)
    Text who;     // who it is for
    std::vector<Situation> situations;
    std::vector<Text> steps;
    std::vector<Document> documents;
    std::vector<Fee> fees;
    Text processing_time;
    std::optional<int> processing_days;  // working days, when the rules give a number
    Text result_at;                      // where the result is received
    std::vector<std::string> legal_basis;
    std::string last_updated;  // YYYY-MM-DD
    std::vector<FieldGroup> groups;
    std::vector<FormField> fields;
    Provenance provenance;
    // Words people use for it besides the name ("giấy khai sinh", "sổ đỏ", an old commune
    // name): searched like the name, ranked below it, never shown. Optional in the file.
    std::vector<std::string> keywords;

    const FormField* find_field(std::string_view code) const;
};

struct LifeEvent {
    std::string code;
    Text name;
};

// A liên thông bundle: procedures filed in one sitting, one dossier each, linked by a
// bundle_id (docs/bundles.md). The applicant is always shared; shared_fields lists the
// other values asked once, each as procedure code -> that procedure's field code.
struct Bundle {
    std::string code;  // [a-z0-9_]+
    Text name;
    std::vector<std::string> procedures;  // codes of this catalogue, each once
    std::vector<std::map<std::string, std::string>> shared_fields;
    Text note;  // e.g. a procedure of the bundle not in the catalogue yet
    Provenance provenance;
};

struct Catalog {
    int format = 1;
    std::string catalog_version;  // e.g. "2026-11-01"
    std::vector<LifeEvent> life_events;
    std::vector<Procedure> procedures;
    std::vector<Bundle> bundles;  // optional in the file

    const Procedure* find(std::string_view code) const;
    const Bundle* find_bundle(std::string_view code) const;
};

}  // namespace quay::catalog
