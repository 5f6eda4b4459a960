#include "store_cli.hpp"

namespace quay::cli {

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
    if (with_body) j["body"] = opt(item.body);
    return j;
}

}  // namespace quay::cli
