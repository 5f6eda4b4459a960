#include "draft.hpp"

#include <array>

#include "quay/text/utf8.hpp"

namespace quay::store::detail {

namespace {

using ojson = nlohmann::ordered_json;

constexpr std::array applicant_keys = {"full_name", "id_number", "date_of_birth",
                                       "phone",     "email",     "address"};
constexpr std::array kiosk_keys = {"dossier_id", "receipt_code", "kiosk_id", "catalog_version",
                                   "created_at"};

// Copies j with every string (keys included) in NFC; invalid text becomes a problem.
ojson nfc_copy(const nlohmann::json& j, const std::string& path,
               std::vector<DraftProblem>& problems) {
    auto nfc = [&](const std::string& s) {
        try {
            return text::to_nfc(s);
        } catch (const Error& e) {
            problems.push_back({path, e.what()});
            return std::string();
        }
    };
    if (j.is_string()) return nfc(j.get<std::string>());
    if (j.is_array()) {
        ojson out = ojson::array();
        for (std::size_t i = 0; i < j.size(); ++i)
            out.push_back(nfc_copy(j[i], path + "[" + std::to_string(i) + "]", problems));
        return out;
    }
    if (j.is_object()) {
        ojson out = ojson::object();
        for (const auto& [k, v] : j.items())
            out[nfc(k)] = nfc_copy(v, path + "." + k, problems);
        return out;
    }
    return ojson(j);
}

bool blank(const ojson& v) {
    return v.is_null() ||
           (v.is_string() && v.get<std::string>().find_first_not_of(" \t") == std::string::npos);
}

}  // namespace

PreparedDraft prepare_draft(const nlohmann::json& draft, const catalog::Catalog& catalog,
                            const LocalTime&) {
    std::vector<DraftProblem> problems;
    PreparedDraft out;
    if (!draft.is_object())
        throw InvalidDraft(std::vector<DraftProblem>{{"", "the draft must be a JSON object"}});
    for (const char* k : kiosk_keys) {
        if (draft.contains(k)) problems.push_back({k, "set by the kiosk; leave it out"});
    }
    const catalog::Procedure* procedure = nullptr;
    const auto code = draft.find("procedure_code");
    if (code == draft.end() || !code->is_string()) {
        problems.push_back({"procedure_code", "required"});
    } else {
        out.procedure_code = nfc_copy(*code, "procedure_code", problems).get<std::string>();
        procedure = catalog.find(out.procedure_code);
        if (!procedure) problems.push_back({"procedure_code", "not in the catalogue"});
    }
    const auto applicant = draft.find("applicant");
    if (applicant == draft.end() || !applicant->is_object()) {
        problems.push_back({"applicant", "required: an object"});
    } else {
        const ojson a = nfc_copy(*applicant, "applicant", problems);
        out.applicant = ojson::object();
        for (const char* k : applicant_keys) {
            const auto it = a.find(k);
            out.applicant[k] = it == a.end() ? ojson(nullptr) : *it;
            if (!out.applicant[k].is_null() && !out.applicant[k].is_string())
                problems.push_back({std::string("applicant.") + k, "must be text"});
        }
        for (const auto& [k, v] : a.items()) {
            if (!out.applicant.contains(k))
                problems.push_back({"applicant." + k, "not an applicant field"});
        }
        if (blank(out.applicant["full_name"]))
            problems.push_back({"applicant.full_name", "required"});
        else if (out.applicant["full_name"].is_string())
            out.applicant_name = out.applicant["full_name"].get<std::string>();
    }
    const auto fields = draft.find("fields");
    if (fields != draft.end() && !fields->is_object()) {
        problems.push_back({"fields", "must be an object"});
    } else {
        out.fields =
            fields == draft.end() ? ojson::object() : nfc_copy(*fields, "fields", problems);
    }
    if (procedure && out.fields.is_object()) {
        for (const auto& f : procedure->fields) {
            const auto it = out.fields.find(f.code);
            if (f.required && (it == out.fields.end() || blank(*it)))
                problems.push_back({"fields." + f.code, "required"});
        }
        for (const auto& [k, v] : out.fields.items()) {
            if (!procedure->find_field(k)) problems.push_back({"fields." + k, "unknown field"});
        }
    }
    for (const char* list : {"documents", "fees"}) {
        const auto it = draft.find(list);
        if (it != draft.end() && !it->is_array()) problems.push_back({list, "must be an array"});
    }
    if (!problems.empty()) throw InvalidDraft(std::move(problems));

    if (const auto d = draft.find("documents"); d != draft.end()) {
        out.documents = nfc_copy(*d, "documents", problems);
    } else {
        out.documents = ojson::array();
        for (const auto& doc : procedure->documents)
            out.documents.push_back({{"code", doc.code},
                                     {"name", doc.name.vi},
                                     {"original", doc.original},
                                     {"copies", doc.copies}});
    }
    if (const auto f = draft.find("fees"); f != draft.end()) {
        out.fees = nfc_copy(*f, "fees", problems);
    } else {
        out.fees = ojson::array();
        for (const auto& fee : procedure->fees) {
            ojson row = {{"code", fee.code}, {"name", fee.name.vi}};
            // Unknown amount (set by the provincial council): null rather than a guess.
            row["amount"] = fee.amount_dong ? ojson(*fee.amount_dong) : ojson(nullptr);
            out.fees.push_back(std::move(row));
        }
    }
    if (!problems.empty()) throw InvalidDraft(std::move(problems));
    return out;
}

std::string portal_body(const PreparedDraft& d, const Submitted& ids, std::string_view kiosk_id,
                        const std::string& catalog_version) {
    ojson body = ojson::object();
    body["dossier_id"] = ids.dossier_id;
    body["receipt_code"] = ids.receipt_code;
    body["kiosk_id"] = std::string(kiosk_id);
    body["procedure_code"] = d.procedure_code;
    body["catalog_version"] = catalog_version;
    body["created_at"] = ids.created_at;
    body["applicant"] = d.applicant;
    body["fields"] = d.fields;
    body["documents"] = d.documents;
    body["fees"] = d.fees;
    return body.dump();
}

}  // namespace quay::store::detail
