#pragma once
// A small catalogue and a flow::Kiosk driven by hand, shared by the flow's unit tests.

#include <chrono>
#include <string>
#include <string_view>

#include "quay/flow/kiosk.hpp"

namespace quay::flow::testing {

inline catalog::Catalog sample_catalog() {
    catalog::Catalog c;
    c.catalog_version = "2026-11-01";
    c.life_events.push_back({"birth", {"Sinh con", "Having a baby"}});
    catalog::Procedure p;
    p.code = "1.001193";
    p.name = {"Đăng ký khai sinh", "Birth registration"};
    p.field_code = "ho_tich";
    p.field = {"Hộ tịch", "Civil status"};
    p.life_events = {"birth"};
    p.groups = {{"child", {"Người được khai sinh", "The child"}}};
    catalog::FormField name;
    name.code = "tre_ho_ten";
    name.label = {"Họ tên trẻ", "Child's name"};
    name.required = true;
    name.group = "child";
    catalog::FormField sex;
    sex.code = "tre_gioi_tinh";
    sex.type = catalog::FieldType::choice;
    sex.required = true;
    sex.group = "child";
    sex.options = {{"Nam", {"Nam", "Male"}}, {"Nữ", {"Nữ", "Female"}}};
    catalog::FormField weight;
    weight.code = "can_nang";
    weight.type = catalog::FieldType::number;
    weight.group = "child";
    catalog::FormField born;
    born.code = "tre_ngay_sinh";
    born.type = catalog::FieldType::date;
    born.group = "child";
    born.not_after = "today";
    p.fields = {name, sex, weight, born};
    p.documents.push_back(
        {"giay_chung_sinh", {"Giấy chứng sinh", "Birth certificate"}, true, 0, {}});
    p.fees.push_back({"le_phi", {"Lệ phí", "Fee"}, 0, {}});
    c.procedures.push_back(p);
    return c;
}

struct Fixture {
    catalog::Catalog catalog = sample_catalog();
    locale::Locale locale = locale::Locale::embedded();
    ManualClock clock{std::chrono::system_clock::time_point(std::chrono::seconds(1795312800))};
    Kiosk k{catalog, locale, clock, settings()};

    static Settings settings() {
        Settings s;
        s.staff_enabled = true;
        return s;
    }
    void type(std::string_view field, std::string_view text) {
        k.apply(intent::Focus{std::string(field)});
        k.apply(intent::TypeText{std::string(text)});
        k.apply(intent::Blur{});
    }
    // Replaces what the field holds (type() adds to it).
    void retype(std::string_view field, std::string_view text) {
        k.apply(intent::Focus{std::string(field)});
        for (std::size_t i = 0; i < 300; ++i)
            k.apply(intent::Backspace{});
        k.apply(intent::TypeText{std::string(text)});
        k.apply(intent::Blur{});
    }
    void fill_applicant() {
        type(applicant::full_name, "Nguyễn Văn An");
        type(applicant::id_number, "001090123456");
        k.apply(intent::SetValue{std::string(applicant::date_of_birth), "1990-01-01"});
        type(applicant::address, "Số 5, thôn Đông");
    }
    void to_form() {
        k.apply(intent::OpenProcedure{"1.001193"});
        k.apply(intent::StartForm{});
    }
    void to_review() {
        to_form();
        fill_applicant();
        k.apply(intent::NextPage{});
        type(applicant::phone, "0912345678");
        k.apply(intent::NextPage{});
        type("tre_ho_ten", "Bình");
        k.apply(intent::SetValue{"tre_gioi_tinh", "Nam"});
        k.apply(intent::NextPage{});
        k.apply(intent::Declare{true});  // "Tôi cam đoan…"
    }
};

}  // namespace quay::flow::testing
