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
    std::string list;  // text only: a reference list of the catalogue to pick from ("" none)
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
    // Whether provenance.inferred marks this part ("documents", "fees", "processing_time")
    // or an item of it as not taken from a source: the page then says to ask the staff.
    bool inferred(std::string_view part) const;
};

struct LifeEvent {
    std::string code;
    Text name;
};

// A bundle's field the form fills in before the citizen reaches it, who may change it
// (docs/bundles.md "Prefilled"): the usual answer in the bundle's situation, e.g. a
// newborn registered at the parent's address.
struct Prefill {
    std::string procedure, field;  // a procedure of the bundle and its text field
    std::string from_applicant;    // an applicant field's code ("address"), or empty
    std::string value;             // else this value, as stored and sent (Vietnamese)
};

// A liên thông bundle: procedures filed in one sitting, one dossier each, linked by a
// bundle_id (docs/bundles.md). The applicant is always shared; shared_fields lists the
// other values asked once, each as procedure code -> that procedure's field code.
struct Bundle {
    std::string code;  // [a-z0-9_]+
    Text name;
    std::vector<std::string> procedures;  // codes of this catalogue, each once
    std::vector<std::map<std::string, std::string>> shared_fields;
    std::vector<Prefill> prefill;  // optional in the file
    Text note;                     // e.g. a procedure of the bundle not in the catalogue yet
    Provenance provenance;
};

// Guided questions (catalogue format 2, docs/catalog-format.md "Guided questions"): a
// small decision tree of touch questions ending in an outcome or an exit page.
// Answers: question node code -> the chosen option's code.
using Answers = std::map<std::string, std::string, std::less<>>;

// Holds when every listed question was answered with one of its listed options. A
// question not answered on the way (another branch) does not hold. Empty: always holds.
struct Condition {
    std::map<std::string, std::vector<std::string>> any_of;
    bool holds(const Answers& answers) const;
};

struct GuideOption {
    std::string code;  // [a-z0-9_]+, unique within the question
    Text label;
    std::string next;  // node code
};

struct GuideProcedure {
    std::string procedure;
    std::string situation;  // one of the procedure's situations
};

// A document of a procedure to bring, when the condition holds. name/note, when not
// empty, say it for this case (e.g. a witness statement in place of a birth certificate).
struct GuideDocument {
    std::string procedure, document;
    Text name, note;
    Condition when;
    bool inferred = false;  // listed in the guide's provenance.inferred
};

// A fee of a procedure after the exemptions the answers give; nullopt: set by the
// province, the screen says "ask the staff".
struct GuideFee {
    std::string procedure, fee;
    std::optional<std::int64_t> amount_dong;
    Text note;
    Condition when;
    bool inferred = false;
};

// A form field the answers make unnecessary (not asked, not sent).
struct GuideSkip {
    std::string procedure, field;
    Condition when;
    bool inferred = false;
};

struct GuideWarning {
    std::string code;  // e.g. late_birth_registration
    Text text;
    Condition when;
    bool inferred = false;
};

enum class GuideNodeKind { question, outcome, exit };

struct GuideNode {
    std::string code;  // [a-z0-9_]+, unique within the guide
    GuideNodeKind kind = GuideNodeKind::question;
    Text text;  // the question; the outcome's or exit page's heading
    Text help;  // optional line under it
    // question
    std::vector<GuideOption> options;
    // outcome
    std::vector<GuideProcedure> procedures;
    std::string bundle;  // optional: the procedures are filed as this bundle
    std::vector<GuideDocument> documents;
    std::vector<GuideFee> fees;
    std::vector<GuideSkip> skip_fields;
    std::vector<GuideWarning> warnings;  // outcome and exit
    // exit: the kiosk cannot serve this case
    Text office;              // where it is done
    std::vector<Text> bring;  // what to bring there
    bool inferred = false;    // the node itself is listed in provenance.inferred
};

struct Guide {
    std::string code;  // [a-z0-9_]+
    Text title;
    std::vector<std::string> life_events;  // offered from these life events ...
    std::vector<std::string> procedures;   // ... and these procedure pages
    std::string start;                     // node code
    std::vector<GuideNode> nodes;
    Provenance provenance;

    const GuideNode* find(std::string_view node_code) const;
};

// One entry of a reference list (catalogue format 2, "Reference lists"): what a picker
// offers for a text field. `value` is stored and sent as if typed.
struct ListItem {
    std::string value;  // Vietnamese, non-empty, unique within the list
    Text label;         // shown; empty: the value
    // Other names searched too ("Việt" for Kinh, an old province name), never shown.
    std::vector<std::string> keywords;
    // provinces: the pre-2025-merger provinces this unit absorbed (searched like keywords,
    // and how an old address is recognised).
    std::vector<std::string> formerly;
};

struct ReferenceList {
    std::string code;  // [a-z0-9_]+, unique
    Text name;
    // The chosen value becomes the last comma-separated part of what is typed (an
    // address's province) instead of the whole value.
    bool last_part = false;
    // communes of one province: the value of an item of the list "provinces"; "" otherwise.
    std::string within;
    std::vector<ListItem> items;  // in the order shown: the most common first
    Provenance provenance;
};

struct Catalog {
    int format = 1;
    std::string catalog_version;  // e.g. "2026-11-01"
    std::vector<LifeEvent> life_events;
    std::vector<Procedure> procedures;
    std::vector<Bundle> bundles;       // optional in the file
    std::vector<Guide> guides;         // format 2 only, optional
    std::vector<ReferenceList> lists;  // format 2 only, optional

    const Guide* find_guide(std::string_view code) const;
    const ReferenceList* find_list(std::string_view code) const;

    const Procedure* find(std::string_view code) const;
    const Bundle* find_bundle(std::string_view code) const;
};

}  // namespace quay::catalog
