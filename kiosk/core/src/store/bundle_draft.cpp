// A liên thông bundle's drafts (docs/bundles.md): each one validated as a single draft,
// then the bundle's own rules, so nothing of a bundle is stored unless all of it is valid.
#include <algorithm>
#include <optional>
#include <set>

#include "draft.hpp"

namespace quay::store::detail {

namespace {

std::string at(std::size_t i) {
    return "drafts[" + std::to_string(i) + "]";
}

// A field's value in a prepared draft; null when left out (blank values are left out).
nlohmann::ordered_json value_of(const PreparedDraft& d, const std::string& field) {
    return d.fields.contains(field) ? d.fields[field] : nlohmann::ordered_json(nullptr);
}

// The bundle's procedures each once, and no other.
void check_procedures(const catalog::Bundle& bundle, const std::vector<PreparedDraft>& drafts,
                      std::vector<DraftProblem>& problems) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        const std::string& code = drafts[i].procedure_code;
        if (std::find(bundle.procedures.begin(), bundle.procedures.end(), code) ==
            bundle.procedures.end())
            problems.push_back(
                {at(i) + ".procedure_code", "is not a procedure of bundle " + bundle.code});
        else if (!seen.insert(code).second)
            problems.push_back({at(i) + ".procedure_code", "is listed twice in the bundle"});
    }
    for (const auto& code : bundle.procedures) {
        if (!seen.contains(code)) problems.push_back({"drafts", "has no draft for " + code});
    }
}

// One applicant, and every shared value asked once: the same in every draft that has it
// (a draft may leave an optional one out).
void check_shared(const catalog::Bundle& bundle, const std::vector<PreparedDraft>& drafts,
                  std::vector<DraftProblem>& problems) {
    for (std::size_t i = 1; i < drafts.size(); ++i) {
        if (drafts[i].applicant != drafts[0].applicant)
            problems.push_back({at(i) + ".applicant", "must be the same as in drafts[0]"});
    }
    for (const auto& link : bundle.shared_fields) {
        std::optional<std::size_t> first;
        for (std::size_t i = 0; i < drafts.size(); ++i) {
            const auto field = link.find(drafts[i].procedure_code);
            // An optional field one form leaves out is not a second answer.
            if (field == link.end() || value_of(drafts[i], field->second).is_null()) continue;
            if (!first) {
                first = i;
                continue;
            }
            const std::string& ref_code = link.at(drafts[*first].procedure_code);
            if (value_of(drafts[i], field->second) != value_of(drafts[*first], ref_code))
                problems.push_back({at(i) + ".fields." + field->second,
                                    "must be the same as " + at(*first) + ".fields." + ref_code +
                                        " (asked once in the bundle)"});
        }
    }
}

}  // namespace

std::vector<PreparedDraft> prepare_bundle(const nlohmann::json& bundle,
                                          const catalog::Catalog& catalog,
                                          const TodayRange& today) {
    std::vector<DraftProblem> problems;
    if (!bundle.is_object())
        throw InvalidDraft(std::vector<DraftProblem>{{"", "a bundle must be a JSON object"}});
    for (const auto& [key, value] : bundle.items()) {
        if (key != "bundle" && key != "drafts") problems.push_back({key, "unknown key"});
    }
    const auto code = bundle.find("bundle");
    const catalog::Bundle* def = code != bundle.end() && code->is_string()
                                     ? catalog.find_bundle(code->get<std::string>())
                                     : nullptr;
    if (!def) problems.push_back({"bundle", "names no bundle of the catalogue"});
    const auto drafts = bundle.find("drafts");
    if (drafts == bundle.end() || !drafts->is_array() || drafts->empty())
        problems.push_back({"drafts", "must be a non-empty array of drafts"});
    if (!problems.empty()) throw InvalidDraft(std::move(problems));

    std::vector<PreparedDraft> out;
    for (std::size_t i = 0; i < drafts->size(); ++i) {
        try {
            out.push_back(prepare_draft((*drafts)[i], catalog, today));
        } catch (const InvalidDraft& e) {
            for (const auto& p : e.details())
                problems.push_back(
                    {at(i) + (p.field.empty() || p.field[0] == '.' ? "" : ".") + p.field,
                     p.message});
        }
    }
    if (!problems.empty()) throw InvalidDraft(std::move(problems));
    check_procedures(*def, out, problems);
    check_shared(*def, out, problems);
    if (!problems.empty()) throw InvalidDraft(std::move(problems));
    return out;
}

}  // namespace quay::store::detail
