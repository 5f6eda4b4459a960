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
    p.field_code = "ho_tich";  // lĩnh vực: the queue number's sequence
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

// small_catalog() plus a second procedure and a bundle of the two ("b"), whose shared
// field is the child's name.
inline catalog::Catalog bundle_catalog() {
    catalog::Catalog c = small_catalog();
    catalog::Procedure p;
    p.code = "1.004222";
    p.field_code = "cu_tru";
    p.name = {"Đăng ký thường trú", "Permanent residence registration"};
    catalog::FormField member;
    member.code = "member_full_name";
    p.fields.push_back(member);
    c.procedures.push_back(p);
    catalog::Bundle b;
    b.code = "b";
    b.procedures = {"1.001193", "1.004222"};
    b.shared_fields = {{{"1.001193", "child_full_name"}, {"1.004222", "member_full_name"}}};
    c.bundles.push_back(b);
    return c;
}

inline nlohmann::json sample_draft();

// A valid bundle of bundle_catalog().
inline nlohmann::json sample_bundle() {
    nlohmann::json second = sample_draft();
    second["procedure_code"] = "1.004222";
    second["fields"] = {{"member_full_name", "Nguyễn Thị Bình"}};
    return {{"bundle", "b"}, {"drafts", {sample_draft(), second}}};
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
