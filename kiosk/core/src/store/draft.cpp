#include "draft.hpp"

#include <array>

#include "quay/catalog/validate.hpp"
#include "quay/text/utf8.hpp"

namespace quay::store::detail {

namespace {

using ojson = nlohmann::ordered_json;

constexpr std::array applicant_keys = {"full_name", "id_number", "date_of_birth",
                                       "phone",     "email",     "address"};
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

PreparedDraft prepare_draft(const nlohmann::json& raw_draft, const catalog::Catalog& catalog,
                            const TodayRange& today) {
    std::vector<DraftProblem> problems;
    PreparedDraft out;
    // Text is NFC before anything looks at it, so checks and the stored body agree.
    const nlohmann::json draft = nlohmann::json(nfc_copy(raw_draft, "", problems));
    if (!problems.empty()) throw InvalidDraft(std::move(problems));
    for (auto& p : catalog::validate_draft(draft, catalog, today))
        problems.push_back({std::move(p.field), std::move(p.message)});
    if (!problems.empty()) throw InvalidDraft(std::move(problems));

    out.procedure_code = draft["procedure_code"].get<std::string>();
    const catalog::Procedure* procedure = catalog.find(out.procedure_code);
    if (procedure) out.field_code = procedure->field_code;
    const nlohmann::json& applicant = draft["applicant"];
    out.applicant = ojson::object();
    for (const char* k : applicant_keys) {
        const auto it = applicant.find(k);
        const bool empty = it == applicant.end() || blank(ojson(*it));
        out.applicant[k] = empty ? ojson(nullptr) : ojson(*it);
    }
    // The portal receives the phone as digits only (+84 → 0), as validated.
    if (out.applicant["phone"].is_string()) {
        if (auto phone = catalog::normalise_phone(out.applicant["phone"].get<std::string>()))
            out.applicant["phone"] = *phone;
    }
    out.applicant_name = out.applicant["full_name"].get<std::string>();
    out.fields = ojson::object();
    if (const auto f = draft.find("fields"); f != draft.end() && f->is_object()) {
        for (const auto& field : procedure->fields) {
            const auto it = f->find(field.code);
            if (it != f->end() && !blank(ojson(*it))) out.fields[field.code] = ojson(*it);
        }
    }
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
    if (const auto due = draft.find("fee_due"); due != draft.end())
        out.fee_due = due->get<std::int64_t>();
    if (!problems.empty()) throw InvalidDraft(std::move(problems));
    return out;
}

std::string portal_body(const PreparedDraft& d, const Submitted& ids, std::string_view kiosk_id,
                        const std::string& catalog_version, const ClockStatus& clock,
                        const std::string* bundle_id) {
    ojson body = ojson::object();
    body["dossier_id"] = ids.dossier_id;
    body["receipt_code"] = ids.receipt_code;
    body["kiosk_id"] = std::string(kiosk_id);
    body["procedure_code"] = d.procedure_code;
    body["catalog_version"] = catalog_version;
    body["created_at"] = ids.created_at;
    // Only when created_at came from a clock that was not synchronised or not plausible, so
    // the usual body stays exactly the contract's; the offset lets the portal correct the
    // date (docs/delivery.md "Wrong clocks").
    if (!clock.trusted()) {
        body["clock_synced"] = false;
        if (clock.portal_offset) body["clock_offset_s"] = clock.portal_offset->count();
    }
    // Only in a bundle's dossiers, so every other body stays exactly as before.
    if (bundle_id) body["bundle_id"] = *bundle_id;
    body["applicant"] = d.applicant;
    body["fields"] = d.fields;
    body["documents"] = d.documents;
    body["fees"] = d.fees;
    if (d.fee_due) body["fee_due"] = *d.fee_due;  // only when known: the usual body is unchanged
    return body.dump();
}

FeeInBody fee_in_body(std::string_view body) {
    const ojson b = ojson::parse(body, nullptr, false);
    FeeInBody out;
    if (!b.is_object()) return out;
    if (const auto due = b.find("fee_due"); due != b.end() && due->is_number_integer())
        out.due = due->get<std::int64_t>();
    out.paid = b.value("fee_paid", false) == true;
    return out;
}

std::string body_with_fee_paid(std::string_view body) {
    ojson b = ojson::parse(body);
    // ordered_json keeps the key order: the new key goes last, right after fee_due.
    b["fee_paid"] = true;
    return b.dump();
}

}  // namespace quay::store::detail
