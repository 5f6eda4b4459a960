#include "store_cli.hpp"

#include "quay/clock.hpp"
#include "quay/config/config.hpp"

namespace quay::cli {
namespace fs = std::filesystem;

std::string record_audit(const fs::path& dir, std::string_view event,
                         const nlohmann::json& detail) {
    if (!fs::exists(dir / "quay.toml")) return "no_config";
    try {
        const auto config = config::load_file(dir / "quay.toml");
        if (!fs::exists(config.kiosk.data_dir / "quay.db")) return "no_store";
        const SystemClock clock;
        store::Store::open(config, clock).audit(event, detail);
        return "recorded";
    } catch (const std::exception& e) {
        return std::string("not recorded: ") + e.what();
    }
}

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
