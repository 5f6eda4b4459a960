#pragma once
// Dossiers and configs the receipt tests share: bodies shaped exactly like portal-api.md's
// POST /v1/dossiers body, built for a catalogue procedure.

#include <nlohmann/json.hpp>

#include <string>

#include "quay/catalog/catalog.hpp"
#include "quay/config/config.hpp"

namespace quay::test {

inline config::Config receipt_config() {
    config::Config c;
    c.kiosk.id = "K0042";
    c.centre.name_vi = "UBND XÃ HÒA PHÚ\nTRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG";
    c.centre.name_en = "HOA PHU COMMUNE\nPUBLIC ADMINISTRATIVE SERVICE CENTRE";
    c.receipt.status_url = "https://dichvucong.daklak.gov.vn/tra-cuu?ma={receipt_code}";
    return c;
}

// A body for procedure p: every document and fee of the procedure, as the kiosk sends them.
inline nlohmann::json body_for(const catalog::Procedure& p, std::string receipt_code,
                               std::string full_name = "Nguyễn Văn An") {
    nlohmann::json docs = nlohmann::json::array(), fees = nlohmann::json::array();
    for (const auto& d : p.documents) {
        docs.push_back({{"code", d.code},
                        {"name", d.name.vi},
                        {"original", d.original},
                        {"copies", d.copies}});
    }
    for (const auto& f : p.fees) {
        fees.push_back(
            {{"code", f.code},
             {"name", f.name.vi},
             {"amount", f.amount_dong ? nlohmann::json(*f.amount_dong) : nlohmann::json(nullptr)}});
    }
    return {{"dossier_id", "5f0c8a2e-6d1b-4c1e-9a53-0b7d2f1f4e11"},
            {"receipt_code", std::move(receipt_code)},
            {"kiosk_id", "K0042"},
            {"procedure_code", p.code},
            {"catalog_version", "2026-11-01"},
            {"created_at", "2026-11-21T16:45:02+07:00"},
            {"applicant",
             {{"full_name", std::move(full_name)},
              {"id_number", "001090123456"},
              {"date_of_birth", "1990-01-01"},
              {"phone", "0912345678"},
              {"email", nullptr},
              {"address", "Số 5, thôn Đông, xã Hòa Phú, tỉnh Đắk Lắk"}}},
            {"fields", nlohmann::json::object()},
            {"documents", std::move(docs)},
            {"fees", std::move(fees)}};
}

// A residence procedure as the catalogue describes it: the commune police act on it.
inline catalog::Procedure residence_procedure() {
    catalog::Procedure p;
    p.code = "1.004222";
    p.name = {"Đăng ký thường trú", "Permanent residence registration"};
    p.agency = {"Công an cấp xã (cơ quan đăng ký cư trú)",
                "Commune police (residence registration office)"};
    p.processing_days = 7;
    p.processing_time = {"7 ngày làm việc kể từ ngày nhận đủ hồ sơ",
                         "7 working days from a complete file"};
    p.result_at = {"Công an xã nơi nộp hồ sơ", "The commune police where the file was filed"};
    p.documents = {
        {"to_khai_ct01",
         {"Tờ khai thay đổi thông tin cư trú (mẫu CT01)", "Residence change form CT01"},
         true,
         0,
         {}},
        {"giay_to_cho_o",
         {"Giấy tờ, tài liệu chứng minh việc sở hữu chỗ ở hợp pháp (hợp đồng mua bán, giấy chứng "
          "nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất)",
          "Proof of lawful ownership of the residence"},
         false,
         2,
         {}},
        {"van_ban_dong_y",
         {"Văn bản đồng ý cho đăng ký thường trú", "Written consent"},
         true,
         1,
         {}},
    };
    p.fees = {
        {"le_phi_truc_tiep",
         {"Lệ phí đăng ký cư trú (nộp trực tiếp)", "Residence fee (in person)"},
         20000,
         {}},
        {"le_phi_tinh", {"Lệ phí theo nghị quyết HĐND tỉnh", "Provincial fee"}, std::nullopt, {}},
        {"mien", {"Cấp bản sao", "Copy"}, 0, {}}};
    return p;
}

// A name of more than 60 characters, with stacked diacritics.
inline const char* long_name() {
    return "Tôn Nữ Hoàng Quỳnh Hương Nguyễn Phước Thị Huyền Trân Bửu Chưởng Khuê Diệp";
}

}  // namespace quay::test
