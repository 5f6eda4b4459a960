#include "quay/receipt/builder.hpp"
#include "quay/payment/fee_qr.hpp"

#include <nlohmann/json.hpp>

#include "quay/error.hpp"
#include "quay/receipt/format.hpp"
#include "quay/text/utf8.hpp"

namespace quay::receipt {
namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string& what) {
    throw Error("bad_dossier", "stored dossier body: " + what);
}

std::string string_at(const json& obj, const char* key, bool required = true) {
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) {
        if (required) bad(std::string("missing ") + key);
        return {};
    }
    if (!it->is_string()) bad(std::string(key) + " is not a string");
    return text::to_nfc(it->get_ref<const std::string&>());
}

const json& array_at(const json& obj, const char* key) {
    static const json empty = json::array();
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return empty;
    if (!it->is_array()) bad(std::string(key) + " is not an array");
    return *it;
}

const catalog::Document* find_document(const catalog::Procedure* p, std::string_view code) {
    if (!p) return nullptr;
    for (const auto& d : p->documents) {
        if (d.code == code) return &d;
    }
    return nullptr;
}

const catalog::Fee* find_fee(const catalog::Procedure* p, std::string_view code) {
    if (!p) return nullptr;
    for (const auto& f : p->fees) {
        if (f.code == code) return &f;
    }
    return nullptr;
}

// The body's text is Vietnamese (what the portal expects); English comes from the catalogue.
std::string localised(const catalog::Text* text, const std::string& body_text, Language lang) {
    if (lang == Language::en && text && !text->en.empty()) return text->en;
    if (!body_text.empty()) return body_text;
    return text ? text->in(lang) : std::string{};
}

}  // namespace

DeliveryState delivery_state(std::string_view state, const std::optional<std::string>& portal_ref) {
    if (state == "pending" || state == "in_flight") return DeliveryState::stored;
    if (state == "delivered") {
        if (!portal_ref || portal_ref->empty()) bad("delivered without a portal reference");
        return DeliveryState::delivered;
    }
    if (state == "dead") return DeliveryState::needs_staff;
    bad("unknown state " + std::string(state));
}

namespace {

// The parts every receipt has, from the queue's own columns and the catalogue.
ReceiptData common(const std::string& receipt_code, const std::string& procedure_code,
                   const std::string& kiosk_id, const std::string& created_at,
                   const std::string& state, const std::optional<std::string>& portal_ref,
                   const catalog::Procedure* proc, const config::Config& config,
                   const BuildOptions& options) {
    ReceiptData r;
    r.language = options.language;
    const auto& centre = config.centre;
    r.centre_name = options.language == Language::en && !centre.name_en.empty() ? centre.name_en
                                                                                : centre.name_vi;
    r.receipt_code = receipt_code;
    r.procedure_code = procedure_code;
    r.kiosk_id = kiosk_id;
    r.received_at = parse_rfc3339_local(created_at);
    r.printed_at = to_civil(options.printed_at, options.utc_offset_minutes);
    r.status_url = status_url(config.receipt.status_url, r.receipt_code);
    if (proc) {
        r.procedure_name = proc->name.in(options.language);
        r.agency = proc->agency.in(options.language);
        r.processing_days = proc->processing_days;
        r.processing_time = proc->processing_time.in(options.language);
        r.result_at = proc->result_at.in(options.language);
        if (proc->processing_days) {
            r.expected_on = add_working_days(r.received_at.date, *proc->processing_days);
        }
    }
    r.delivery = delivery_state(state, portal_ref);
    if (portal_ref) r.portal_ref = text::to_nfc(*portal_ref);
    return r;
}

// The fee's VietQR when the dossier says what is due (body "fee_due", set once the answers
// settle which fee applies): never a guess from the catalogue's list, whose lines are
// alternatives and per-copy rates. payment::fee_qr owns the rule.
void add_payment_qr(ReceiptData& r, const json& body, const config::Config& config) {
    const auto due = body.find("fee_due");
    if (due == body.end()) return;
    if (!due->is_number_integer() || due->get<std::int64_t>() < 0) bad("fee_due is not an amount");
    r.fee_due = due->get<std::int64_t>();
    if (auto qr = payment::fee_qr(config.payment, due->get<std::int64_t>(), r.receipt_code)) {
        r.payment_amount_dong = qr->amount_dong;
        r.payment_qr = std::move(qr->payload);
        r.payment_account_name = std::move(qr->account_name);
    }
}

}  // namespace

ReceiptData build_receipt(const StoredDossier& dossier, const catalog::Catalog& catalog,
                          const config::Config& config, const BuildOptions& options) {
    json body;
    try {
        body = json::parse(dossier.body);
    } catch (const json::exception& e) {  // also a number too large
        bad(std::string("not JSON: ") + e.what());
    }
    if (!body.is_object()) bad("not a JSON object");
    const auto procedure_code = string_at(body, "procedure_code");
    const catalog::Procedure* proc = catalog.find(procedure_code);
    ReceiptData r = common(string_at(body, "receipt_code"), procedure_code,
                           string_at(body, "kiosk_id"), string_at(body, "created_at"),
                           dossier.state, dossier.portal_ref, proc, config, options);

    const auto applicant = body.find("applicant");
    if (applicant == body.end() || !applicant->is_object()) bad("missing applicant");
    r.applicant_name = string_at(*applicant, "full_name");
    r.phone_masked = mask_phone(string_at(*applicant, "phone", false));

    for (const auto& d : array_at(body, "documents")) {
        if (!d.is_object()) bad("a document is not an object");
        const auto code = string_at(d, "code", false);
        const auto* known = find_document(proc, code);
        DocumentLine line;
        line.name = localised(known ? &known->name : nullptr, string_at(d, "name", false),
                              options.language);
        if (line.name.empty()) line.name = code;
        if (const auto o = d.find("original"); o != d.end()) {
            if (!o->is_boolean()) bad("document original is not true/false");
            line.original = o->get<bool>();
        }
        if (const auto c = d.find("copies"); c != d.end()) {
            if (!c->is_number_integer() || c->get<std::int64_t>() < 0 ||
                c->get<std::int64_t>() > 999) {
                bad("document copies is not a count");
            }
            line.copies = c->get<int>();
        }
        r.documents.push_back(std::move(line));
    }

    for (const auto& f : array_at(body, "fees")) {
        if (!f.is_object()) bad("a fee is not an object");
        const auto code = string_at(f, "code", false);
        const auto* known = find_fee(proc, code);
        FeeLine line;
        line.name = localised(known ? &known->name : nullptr, string_at(f, "name", false),
                              options.language);
        if (line.name.empty()) line.name = code;
        const auto amount = f.find("amount");
        if (amount != f.end() && !amount->is_null()) {
            if (!amount->is_number_integer() || amount->get<std::int64_t>() < 0) {
                bad("fee amount is not a non-negative integer");
            }
            line.amount_dong = amount->get<std::int64_t>();
        }
        r.fees.push_back(std::move(line));
    }
    if (!r.personal_data_purged) add_payment_qr(r, body, config);
    return r;
}

ReceiptData build_receipt(const DossierSummary& s, const catalog::Catalog& catalog,
                          const config::Config& config, const BuildOptions& options) {
    if (s.receipt_code.empty() || s.procedure_code.empty())
        bad("missing receipt or procedure code");
    ReceiptData r = common(text::to_nfc(s.receipt_code), text::to_nfc(s.procedure_code),
                           text::to_nfc(s.kiosk_id), s.created_at, s.state, s.portal_ref,
                           catalog.find(s.procedure_code), config, options);
    r.personal_data_purged = true;
    return r;
}

}  // namespace quay::receipt
