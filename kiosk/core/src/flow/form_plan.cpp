#include "quay/flow/form_plan.hpp"

#include <algorithm>
#include <stdexcept>

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

void FormPlan::add_applicant(const locale::Locale& locale) {
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
        owned_.push_back(std::move(f));
    }
    // Name, ID, date of birth and address (what the ID card fills) on one page.
    const std::vector<const catalog::FormField*> card(first.begin(), first.begin() + 4);
    const std::vector<const catalog::FormField*> contact(first.begin() + 4, first.end());
    const catalog::Text applicant_title =
        both(vi.tr("ui.form.group.applicant"), en.tr("ui.form.group.applicant"));
    add_pages(pages_, "applicant", applicant_title, card);
    add_pages(pages_, "applicant",
              both(vi.tr("ui.form.group.contact"), en.tr("ui.form.group.contact")), contact);
}

namespace {

// The procedure's asked fields in page order: its groups, then fields of no listed group
// ("other"); asked(f) says which are asked on this procedure's pages.
template <class Asked>
void add_procedure_pages(std::vector<FormPage>& pages, const catalog::Procedure& procedure,
                         int index, const locale::Locale& locale, Asked asked) {
    const auto first = pages.size();
    std::vector<std::string> placed;
    for (const auto& g : procedure.groups) {
        std::vector<const catalog::FormField*> fields;
        for (const auto& f : procedure.fields)
            if (f.group == g.code)
                if (const auto* a = asked(f)) fields.push_back(a);
        add_pages(pages, g.code, g.title, fields);
        placed.push_back(g.code);
    }
    std::vector<const catalog::FormField*> rest;
    for (const auto& f : procedure.fields)
        if (std::find(placed.begin(), placed.end(), f.group) == placed.end())
            if (const auto* a = asked(f)) rest.push_back(a);
    const auto& vi = locale.strings(Language::vi);
    const auto& en = locale.strings(Language::en);
    add_pages(pages, "other", both(vi.tr("ui.form.group.other"), en.tr("ui.form.group.other")),
              rest);
    for (auto i = first; i < pages.size(); ++i)
        pages[i].procedure = index;
}

}  // namespace

FormPlan::FormPlan(const catalog::Procedure& procedure, const locale::Locale& locale,
                   const std::set<std::string>& skip)
    : procedures_{&procedure}, sent_(1) {
    add_applicant(locale);
    add_procedure_pages(pages_, procedure, 0, locale,
                        [&](const catalog::FormField& f) -> const catalog::FormField* {
                            if (skip.contains(f.code)) return nullptr;
                            sent_[0].push_back({f.code, &f});
                            return &f;
                        });
}

FormPlan::FormPlan(const catalog::Bundle& bundle, const catalog::Catalog& catalog,
                   const locale::Locale& locale,
                   const std::map<std::string, std::set<std::string>>& skip)
    : bundle_(&bundle) {
    for (const auto& code : bundle.procedures)
        if (const auto* p = catalog.find(code)) procedures_.push_back(p);
    if (procedures_.empty()) throw std::invalid_argument("bundle without procedures");
    sent_.resize(procedures_.size());
    const auto skipped = [&](const catalog::Procedure& p, const std::string& field) {
        const auto it = skip.find(p.code);
        return it != skip.end() && it->second.contains(field);
    };
    // A shared field is asked once: at its first member the answers do not skip, under
    // that member's code, required when any member that is sent requires it.
    struct Shared {
        std::string key;
        int asked_in = -1;
        const catalog::FormField* asked = nullptr;
    };
    std::map<std::pair<int, std::string>, std::size_t> member_of;  // (procedure, field) → group
    std::vector<Shared> shared(bundle.shared_fields.size());
    std::set<std::string> keys;
    for (std::size_t g = 0; g < bundle.shared_fields.size(); ++g) {
        bool required = false;
        for (int i = 0; i < static_cast<int>(procedures_.size()); ++i) {
            const auto& p = *procedures_[static_cast<std::size_t>(i)];
            const auto it = bundle.shared_fields[g].find(p.code);
            if (it == bundle.shared_fields[g].end()) continue;
            const auto* f = p.find_field(it->second);
            if (f == nullptr) continue;
            member_of[{i, f->code}] = g;
            if (skipped(p, f->code)) continue;
            required = required || f->required;
            if (shared[g].asked_in < 0) {
                shared[g].asked_in = i;
                shared[g].key = f->code;
                shared[g].asked = f;
            }
        }
        if (shared[g].asked == nullptr) continue;
        auto copy = std::make_unique<catalog::FormField>(*shared[g].asked);
        copy->required = required;
        shared[g].asked = copy.get();
        owned_.push_back(std::move(copy));
        keys.insert(shared[g].key);
    }
    add_applicant(locale);
    for (int i = 0; i < static_cast<int>(procedures_.size()); ++i) {
        const auto& p = *procedures_[static_cast<std::size_t>(i)];
        auto& sent = sent_[static_cast<std::size_t>(i)];
        add_procedure_pages(
            pages_, p, i, locale, [&](const catalog::FormField& f) -> const catalog::FormField* {
                if (skipped(p, f.code)) return nullptr;
                if (const auto m = member_of.find({i, f.code}); m != member_of.end()) {
                    const auto& s = shared[m->second];
                    sent.push_back({s.key, &f});
                    return s.asked_in == i ? s.asked : nullptr;
                }
                // Not shared: its own value, even when another procedure has a field of
                // the same code (then keyed "p<i>.<code>" so the two never mix).
                if (keys.insert(f.code).second) {
                    sent.push_back({f.code, &f});
                    return &f;
                }
                auto renamed = std::make_unique<catalog::FormField>(f);
                renamed->code = "p" + std::to_string(i) + "." + f.code;
                keys.insert(renamed->code);
                sent.push_back({renamed->code, &f});
                owned_.push_back(std::move(renamed));
                return owned_.back().get();
            });
    }
    for (const auto& pre : bundle.prefill) {
        for (int i = 0; i < static_cast<int>(procedures_.size()); ++i) {
            if (procedures_[static_cast<std::size_t>(i)]->code != pre.procedure) continue;
            if (auto key = key_of(i, pre.field); !key.empty()) prefill_.emplace(key, &pre);
        }
    }
}

std::vector<std::pair<std::string, const catalog::Prefill*>> FormPlan::prefills(int page) const {
    std::vector<std::pair<std::string, const catalog::Prefill*>> out;
    if (page < 0 || page >= page_count()) return out;
    for (const auto* f : pages_[static_cast<std::size_t>(page)].fields)
        if (const auto it = prefill_.find(f->code); it != prefill_.end())
            out.emplace_back(it->first, it->second);
    return out;
}

const std::vector<SentField>& FormPlan::sent(int procedure) const {
    return sent_.at(static_cast<std::size_t>(procedure));
}

std::string FormPlan::key_of(int procedure, std::string_view code) const {
    if (procedure < 0 || procedure >= static_cast<int>(sent_.size())) return {};
    for (const auto& s : sent_[static_cast<std::size_t>(procedure)])
        if (s.field->code == code) return s.key;
    return {};
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
