#include "quay/flow/form_plan.hpp"

#include <algorithm>

#include "quay/catalog/validate.hpp"

namespace quay::flow {

namespace {

catalog::Text both(std::string_view vi_text, std::string_view en_text) {
    return {std::string(vi_text), std::string(en_text)};
}

void add_pages(std::vector<FormPage>& pages, const std::string& group, const catalog::Text& title,
               const std::vector<const catalog::FormField*>& fields) {
    for (std::size_t i = 0; i < fields.size(); i += kFieldsPerPage) {
        FormPage p{group, title, {}};
        const auto end = std::min(fields.size(), i + kFieldsPerPage);
        p.fields.assign(fields.begin() + static_cast<long>(i),
                        fields.begin() + static_cast<long>(end));
        pages.push_back(std::move(p));
    }
}

}  // namespace

FormPlan::FormPlan(const catalog::Procedure& procedure, const locale::Locale& locale,
                   const std::set<std::string>& skip)
    : procedure_(&procedure) {
    const auto& vi = locale.strings(Language::vi);
    const auto& en = locale.strings(Language::en);
    // The applicant's fields are the catalogue's one definition (the store checks the
    // same), keyed "applicant.<code>" in the session, labelled from locale/.
    std::vector<const catalog::FormField*> first;
    for (const auto& def : catalog::applicant_fields()) {
        auto f = std::make_unique<catalog::FormField>(def);
        const std::string label_key = "ui.form.applicant." + def.code;
        f->code = "applicant." + def.code;
        f->label = both(vi.tr(label_key), en.tr(label_key));
        first.push_back(f.get());
        applicant_.push_back(std::move(f));
    }
    // Name, ID, date of birth and address (what the ID card fills) on one page.
    const std::vector<const catalog::FormField*> card(first.begin(), first.begin() + 4);
    const std::vector<const catalog::FormField*> contact(first.begin() + 4, first.end());
    const catalog::Text applicant_title =
        both(vi.tr("ui.form.group.applicant"), en.tr("ui.form.group.applicant"));
    add_pages(pages_, "applicant", applicant_title, card);
    add_pages(pages_, "applicant",
              both(vi.tr("ui.form.group.contact"), en.tr("ui.form.group.contact")), contact);

    std::vector<std::string> placed;
    for (const auto& g : procedure.groups) {
        std::vector<const catalog::FormField*> fields;
        for (const auto& f : procedure.fields)
            if (f.group == g.code && !skip.contains(f.code)) fields.push_back(&f);
        add_pages(pages_, g.code, g.title, fields);
        placed.push_back(g.code);
    }
    std::vector<const catalog::FormField*> rest;
    for (const auto& f : procedure.fields)
        if (std::find(placed.begin(), placed.end(), f.group) == placed.end() &&
            !skip.contains(f.code))
            rest.push_back(&f);
    add_pages(pages_, "other", both(vi.tr("ui.form.group.other"), en.tr("ui.form.group.other")),
              rest);
}

const catalog::FormField* FormPlan::find(std::string_view code) const {
    for (const auto& p : pages_)
        for (const auto* f : p.fields)
            if (f->code == code) return f;
    return nullptr;
}

int FormPlan::page_of(std::string_view code) const {
    for (std::size_t i = 0; i < pages_.size(); ++i)
        for (const auto* f : pages_[i].fields)
            if (f->code == code) return static_cast<int>(i);
    return 0;
}

}  // namespace quay::flow
