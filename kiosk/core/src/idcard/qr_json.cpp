// The output schema of cccd-qr.md §4, shared by quayctl scan, tests and logs of staff tools.
#include <nlohmann/json.hpp>

#include "quay/idcard/qr.hpp"

namespace quay::idcard {

nlohmann::json to_json(const CitizenId& id) {
    nlohmann::json warnings = nlohmann::json::array();
    for (const QrWarning w : id.warnings) warnings.push_back(to_string(w));
    const auto or_null = [](const std::optional<std::string>& s) {
        return s ? nlohmann::json(*s) : nlohmann::json(nullptr);
    };
    return {
        {"ok", true},
        {"layout", to_string(id.layout)},
        {"id_number", id.id_number},
        {"old_id_number", or_null(id.old_id_number)},
        {"full_name", id.full_name},
        {"date_of_birth", id.date_of_birth.iso()},
        {"sex", to_string(id.sex)},
        {"address", id.address},
        {"issue_date", id.issue_date.iso()},
        {"extra_fields", id.extra_fields},
        {"id_province_code", id.id_province_code},
        {"id_province_name", or_null(id.id_province_name)},
        {"id_sex", to_string(id.id_sex)},
        {"id_birth_year", id.id_birth_year},
        {"warnings", std::move(warnings)},
    };
}

nlohmann::json to_json(const QrError& e) {
    return {{"ok", false}, {"error", to_string(e.code)}, {"detail", e.detail}};
}

nlohmann::json to_json(const QrResult& r) {
    return std::visit([](const auto& v) { return to_json(v); }, r);
}

}  // namespace quay::idcard
