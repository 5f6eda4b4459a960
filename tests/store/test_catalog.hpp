#pragma once
// A small catalogue built in code, so store tests and benchmarks do not depend on the
// bundled one, and a valid draft for it.
#include <nlohmann/json.hpp>

#include "quay/catalog/catalog.hpp"

namespace quay::test {

inline catalog::Catalog small_catalog() {
    catalog::Catalog c;
    c.catalog_version = "2026-11-01";
    catalog::Procedure p;
    p.code = "1.001193";
    p.name = {"Đăng ký khai sinh", "Birth registration"};
    catalog::FormField child;
    child.code = "child_full_name";
    child.required = true;
    p.fields.push_back(child);
    catalog::FormField note;
    note.code = "note";
    p.fields.push_back(note);
    p.documents.push_back(
        {"giay_chung_sinh", {"Giấy chứng sinh", "Birth certificate"}, true, 1, {}});
    p.fees.push_back({"le_phi", {"Lệ phí", "Fee"}, 0, {}});
    c.procedures.push_back(p);
    return c;
}

inline nlohmann::json sample_draft() {
    return {{"procedure_code", "1.001193"},
            {"applicant",
             {{"full_name", "Nguyễn Văn An"},
              {"id_number", "001090123456"},
              {"date_of_birth", "1990-01-01"},
              {"phone", "0912345678"},
              {"address", "Số 5, thôn Đông, xã Hòa Phú, tỉnh Đắk Lắk"}}},
            {"fields", {{"child_full_name", "Nguyễn Thị Bình"}}}};
}

}  // namespace quay::test
