#pragma once
// Dossiers for the receipt benchmark: one per catalogue procedure, shaped like the portal
// body the store keeps, with names of ordinary and of unusual length.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "quay/catalog/catalog.hpp"
#include "quay/config/config.hpp"
#include "quay/receipt/builder.hpp"

namespace quay::bench {

inline catalog::Catalog catalog() {
    catalog::Catalog c;
    catalog::Procedure p;
    p.code = "1.004222";
    p.name = {"Đăng ký thường trú", "Permanent residence registration"};
    p.agency = {"Công an cấp xã (cơ quan đăng ký cư trú)", "Commune police"};
    p.processing_days = 7;
    p.result_at = {"Công an xã nơi nộp hồ sơ", "The commune police"};
    p.documents = {
        {"ct01", {"Tờ khai thay đổi thông tin cư trú (mẫu CT01)", "Form CT01"}, true, 0, {}},
        {"cho_o",
         {"Giấy tờ, tài liệu chứng minh việc sở hữu chỗ ở hợp pháp (hợp đồng mua bán, "
          "giấy chứng nhận quyền sử dụng đất)",
          "Proof of lawful ownership of the residence"},
         false,
         2,
         {}},
        {"dong_y", {"Văn bản đồng ý cho đăng ký thường trú", "Written consent"}, true, 1, {}}};
    p.fees = {{"le_phi", {"Lệ phí đăng ký cư trú", "Residence fee"}, 20000, {}},
              {"tinh", {"Lệ phí theo nghị quyết HĐND tỉnh", "Provincial fee"}, std::nullopt, {}}};
    c.procedures.push_back(p);
    return c;
}

inline config::Config config() {
    config::Config c;
    c.kiosk.id = "K0042";
    c.centre.name_vi = "UBND XÃ HÒA PHÚ\nTRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG";
    c.centre.name_en = "HOA PHU COMMUNE\nPUBLIC ADMINISTRATIVE SERVICE CENTRE";
    return c;
}

inline std::vector<receipt::StoredDossier> dossiers(const catalog::Catalog& cat) {
    const std::vector<std::string> names = {
        "Nguyễn Văn An", "Trần Thị Bích Ngọc",
        "Tôn Nữ Hoàng Quỳnh Hương Nguyễn Phước Thị Huyền Trân Bửu Chưởng Khuê Diệp"};
    std::vector<receipt::StoredDossier> out;
    int n = 0;
    for (const auto& p : cat.procedures) {
        for (const auto& name : names) {
            nlohmann::json docs = nlohmann::json::array(), fees = nlohmann::json::array();
            for (const auto& d : p.documents) {
                docs.push_back({{"code", d.code},
                                {"name", d.name.vi},
                                {"original", d.original},
                                {"copies", d.copies}});
            }
            for (const auto& f : p.fees) {
                fees.push_back({{"code", f.code},
                                {"name", f.name.vi},
                                {"amount", f.amount_dong ? nlohmann::json(*f.amount_dong)
                                                         : nlohmann::json(nullptr)}});
            }
            char code[32];
            std::snprintf(code, sizeof code, "K0042-261122-%04d", ++n);
            const nlohmann::json body = {{"dossier_id", "5f0c8a2e-6d1b-4c1e-9a53-0b7d2f1f4e11"},
                                         {"receipt_code", code},
                                         {"kiosk_id", "K0042"},
                                         {"procedure_code", p.code},
                                         {"catalog_version", cat.catalog_version},
                                         {"created_at", "2026-11-22T09:15:02+07:00"},
                                         {"applicant",
                                          {{"full_name", name},
                                           {"id_number", "001090123456"},
                                           {"date_of_birth", "1990-01-01"},
                                           {"phone", "0912345678"},
                                           {"email", nullptr},
                                           {"address", "Số 5, thôn Đông"}}},
                                         {"fields", nlohmann::json::object()},
                                         {"documents", docs},
                                         {"fees", fees}};
            out.push_back({body.dump(), n % 2 ? "pending" : "delivered",
                           n % 2 ? std::nullopt : std::optional<std::string>("DVC-2026-000123")});
        }
    }
    return out;
}

}  // namespace quay::bench
