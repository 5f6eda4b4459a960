#pragma once
// The form of one procedure in short pages: first the applicant (the fixed `applicant`
// object of the portal body, which a citizen-ID scan fills), then the procedure's own
// field groups, at most kFieldsPerPage fields per page.
//
// Or the form of a liên thông bundle (docs/bundles.md): the applicant once, then every
// procedure's groups in the bundle's order, each shared field asked once (where it first
// comes) and sent in every draft that has it.

#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "quay/catalog/catalog.hpp"
#include "quay/locale/locale.hpp"

namespace quay::flow {

inline constexpr int kFieldsPerPage = 4;

// Value keys of the applicant fields (the procedure's own fields use their codes).
namespace applicant {
inline constexpr std::string_view full_name = "applicant.full_name";
inline constexpr std::string_view id_number = "applicant.id_number";
inline constexpr std::string_view date_of_birth = "applicant.date_of_birth";
inline constexpr std::string_view phone = "applicant.phone";
inline constexpr std::string_view email = "applicant.email";
inline constexpr std::string_view address = "applicant.address";
}  // namespace applicant

struct FormPage {
    std::string group;  // group code ("applicant" for the first page)
    catalog::Text title;
    std::vector<const catalog::FormField*> fields;
    int procedure = -1;  // index into FormPlan::procedures(); -1: the applicant's pages
};

// One value a procedure's draft carries: the session key it is typed under (the field's
// code, or for a bundle the shared field's key) and the procedure's own field.
struct SentField {
    std::string key;
    const catalog::FormField* field = nullptr;
};

class FormPlan {
  public:
    // skip: fields the guided answers make unnecessary (quay/catalog/guided.hpp): not asked.
    FormPlan(const catalog::Procedure& procedure, const locale::Locale& locale,
             const std::set<std::string>& skip = {});
    // skip: per procedure code, as catalog::Outcome::skipped_fields.
    FormPlan(const catalog::Bundle& bundle, const catalog::Catalog& catalog,
             const locale::Locale& locale,
             const std::map<std::string, std::set<std::string>>& skip = {});
    FormPlan(const FormPlan&) = delete;
    FormPlan& operator=(const FormPlan&) = delete;

    // The (first) procedure; every procedure of a bundle in its order.
    const catalog::Procedure& procedure() const { return *procedures_.front(); }
    const std::vector<const catalog::Procedure*>& procedures() const { return procedures_; }
    const catalog::Bundle* bundle() const { return bundle_; }
    // What the i-th procedure's draft carries (its fields the answers do not skip).
    const std::vector<SentField>& sent(int procedure) const;
    // The session key of the i-th procedure's field `code`; empty when it is not asked.
    std::string key_of(int procedure, std::string_view code) const;
    const std::vector<FormPage>& pages() const { return pages_; }
    int page_count() const { return static_cast<int>(pages_.size()); }
    const catalog::FormField* find(std::string_view code) const;
    // Index of the page that holds this field (0 when unknown).
    int page_of(std::string_view code) const;
    // The bundle's prefills of the fields on this page, by session key.
    std::vector<std::pair<std::string, const catalog::Prefill*>> prefills(int page) const;

  private:
    void add_applicant(const locale::Locale& locale);

    const catalog::Bundle* bundle_ = nullptr;
    std::vector<const catalog::Procedure*> procedures_;
    std::vector<std::vector<SentField>> sent_;                // per procedure
    std::vector<std::unique_ptr<catalog::FormField>> owned_;  // applicant, shared: stable addresses
    std::vector<FormPage> pages_;
    std::map<std::string, const catalog::Prefill*> prefill_;  // session key → its prefill
};

}  // namespace quay::flow
