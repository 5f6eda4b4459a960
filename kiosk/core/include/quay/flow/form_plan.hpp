#pragma once
// The form of one procedure in short pages: first the applicant (the fixed `applicant`
// object of the portal body, which a citizen-ID scan fills), then the procedure's own
// field groups, at most kFieldsPerPage fields per page.

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
};

class FormPlan {
  public:
    // skip: fields the guided answers make unnecessary (quay/catalog/guided.hpp): not asked.
    FormPlan(const catalog::Procedure& procedure, const locale::Locale& locale,
             const std::set<std::string>& skip = {});
    FormPlan(const FormPlan&) = delete;
    FormPlan& operator=(const FormPlan&) = delete;

    const catalog::Procedure& procedure() const { return *procedure_; }
    const std::vector<FormPage>& pages() const { return pages_; }
    int page_count() const { return static_cast<int>(pages_.size()); }
    const catalog::FormField* find(std::string_view code) const;
    // Index of the page that holds this field (0 when unknown).
    int page_of(std::string_view code) const;

  private:
    const catalog::Procedure* procedure_;
    std::vector<std::unique_ptr<catalog::FormField>> applicant_;  // stable addresses
    std::vector<FormPage> pages_;
};

}  // namespace quay::flow
