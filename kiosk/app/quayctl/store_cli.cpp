#include "store_cli.hpp"

namespace quay::cli {

nlohmann::ordered_json fee_paid_json(const std::optional<std::string>& paid_at, bool in_body) {
    if (!paid_at) return nullptr;
    return {{"at", *paid_at}, {"sent_to_portal", in_body}};
}

nlohmann::ordered_json item_json(const store::Item& item, bool with_body) {
    auto opt = [](const std::optional<std::string>& v) {
        return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
    };
    nlohmann::ordered_json j = {
        {"dossier_id", item.dossier_id},
        {"receipt_code", item.receipt_code},
        {"procedure_code", item.procedure_code},
        {"state", std::string(store::to_string(item.state))},
        {"attempts", item.attempts},
        {"portal_ref", opt(item.portal_ref)},
        {"last_error", opt(item.last_error)},
        {"created_at", item.created_at},
        {"next_attempt_at", opt(item.next_attempt_at)},
    };
    if (!item.error_details.is_null()) j["error_details"] = item.error_details;
    if (item.delivered_at) j["delivered_at"] = *item.delivered_at;
    // Additive, only for a dossier with a fee due or marked paid (docs/delivery.md "Fee paid").
    if (item.fee_due.value_or(0) > 0 || item.fee_paid_at) {
        if (item.fee_due) j["fee_due"] = *item.fee_due;
        j["fee_paid"] = fee_paid_json(item.fee_paid_at, item.fee_paid_in_body);
    }
    if (with_body) j["body"] = opt(item.body);
    return j;
}

}  // namespace quay::cli
