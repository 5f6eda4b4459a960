// Field and draft rules, with the inputs people actually get wrong.
#include <doctest/doctest.h>

#include "quay/catalog/loader.hpp"
#include "quay/catalog/validate.hpp"

#include <set>

using namespace quay::catalog;
using namespace std::chrono;

namespace {

const year_month_day today{year(2026), month(11), day(23)};

FormField of(FieldType t, bool required = true) {
    FormField f;
    f.code = "x";
    f.type = t;
    f.required = required;
    return f;
}

std::optional<std::string> key(const FormField& f, std::string_view v) {
    const auto p = validate_value(f, v, today);
    return p ? std::optional(p->key) : std::nullopt;
}

nlohmann::json good_draft() {
    return {{"procedure_code", "1.001193"},
            {"applicant",
             {{"full_name", "Nguyễn Văn An"},
              {"id_number", "001090123456"},
              {"date_of_birth", "1990-01-01"},
              {"phone", "0912345678"},
              {"email", nullptr},
              {"address", "Số 5, thôn Đông, xã Hòa Phú"}}},
            {"fields",
             {{"quan_he_voi_nguoi_duoc_khai_sinh", "Cha"},
              {"tre_ho_ten", "Nguyễn Thị Bình"},
              {"tre_ngay_sinh", "2026-11-02"},
              {"tre_gioi_tinh", "Nữ"},
              {"tre_dan_toc", "Kinh"},
              {"tre_quoc_tich", "Việt Nam"},
              {"tre_noi_sinh", "Trạm y tế xã Hòa Phú"},
              {"tre_que_quan", "Đắk Lắk"},
              {"me_ho_ten", "Trần Thị Cúc"},
              {"me_nam_sinh", 1992},
              {"me_dan_toc", "Kinh"},
              {"me_quoc_tich", "Việt Nam"},
              {"me_so_dinh_danh", "066192000123"},
              {"me_noi_cu_tru", "Xã Hòa Phú"}}}};
}

}  // namespace

TEST_CASE("field types") {
    CHECK(key(of(FieldType::text), "") == "validation.required");
    CHECK(key(of(FieldType::text, false), "  ") == std::nullopt);
    CHECK(key(of(FieldType::text),
              "a\x01"
              "b") == "validation.control_chars");
    CHECK(key(of(FieldType::text), std::string(201, 'a')) == "validation.too_long");
    CHECK(key(of(FieldType::text), std::string(200, 'a')) == std::nullopt);
    CHECK(key(of(FieldType::text), "\xff") == "validation.encoding");

    auto date = of(FieldType::date);
    date.not_after = "today";
    CHECK(key(date, "2026-11-23") == std::nullopt);
    CHECK(key(date, "2026-11-24") == "validation.date_future");
    CHECK(key(date, "2025-02-29") == "validation.date");
    CHECK(key(date, "2024-02-29") == std::nullopt);
    CHECK(key(date, "23/11/2026") == "validation.date");
    date.not_after.reset();
    date.not_before = "today";
    CHECK(key(date, "2026-11-22") == "validation.date_past");

    const auto phone = of(FieldType::phone);
    for (const char* ok : {"0912345678", "0912 345 678", "+84912345678", "84 912.345.678",
                           "02623812345", "0389999999"}) {
        CHECK_MESSAGE(key(phone, ok) == std::nullopt, ok);
    }
    for (const char* bad : {"091234567", "0112345678", "09123456789", "phone", "+1 912345678"}) {
        CHECK_MESSAGE(key(phone, bad) == "validation.phone", bad);
    }
    CHECK(normalise_phone("+84 912 345 678") == "0912345678");

    const auto email = of(FieldType::email);
    CHECK(key(email, "an.nguyen@gmail.com") == std::nullopt);
    CHECK(key(email, "an@") == "validation.email");
    CHECK(key(email, "a b@x.vn") == "validation.email");

    const auto id = of(FieldType::id_number);
    CHECK(key(id, "001090123456") == std::nullopt);
    CHECK(key(id, "00109012345") == "validation.id_number");
    CHECK(key(id, "00109012345a") == "validation.id_number");

    auto n = of(FieldType::number);
    n.min = 1900;
    n.not_after = "current_year";
    CHECK(key(n, "1992") == std::nullopt);
    CHECK(key(n, "2027") == "validation.number_range");
    CHECK(key(n, "1899") == "validation.number_range");
    CHECK(key(n, "19x2") == "validation.number");

    auto choice = of(FieldType::choice);
    choice.options = {{"Nam", {}}, {"Nữ", {}}, {"Hòa giải", {}}};
    CHECK(key(choice, "Nữ") == std::nullopt);
    CHECK(key(choice, "Hoà giải") == std::nullopt);  // either tone placement
    CHECK(key(choice, "nu") == "validation.choice");
}

TEST_CASE("a whole draft against the bundled catalogue") {
    const auto cat = bundled();
    CHECK(validate_draft(good_draft(), cat, today).empty());

    auto d = good_draft();
    d["applicant"]["phone"] = "123";
    d["fields"]["tre_ngay_sinh"] = "2027-01-01";
    d["fields"]["mystery"] = "x";
    d["fields"].erase("tre_ho_ten");
    d["dossier_id"] = "5f0c8a2e-6d1b-4c1e-9a53-0b7d2f1f4e11";
    const auto problems = validate_draft(d, cat, today);
    std::set<std::string> where;
    for (const auto& p : problems)
        where.insert(p.field);
    CHECK(where == std::set<std::string>{"applicant.phone", "fields.tre_ngay_sinh",
                                         "fields.mystery", "fields.tre_ho_ten", "dossier_id"});

    d = good_draft();
    d["procedure_code"] = "9.999999";
    CHECK(validate_draft(d, cat, today).front().field == "procedure_code");
    CHECK(validate_draft(nlohmann::json::array(), cat, today).size() == 1);
    d = good_draft();
    d.erase("applicant");
    CHECK(validate_draft(d, cat, today).size() == 5);  // every required applicant field
}

TEST_CASE("the date picker's years follow the field's own rule") {
    FormField born = of(FieldType::date);
    born.not_after = "today";
    FormField stay_until = of(FieldType::date);
    stay_until.not_before = "today";
    const FormField any = of(FieldType::date);

    const auto b = picker_years(born, today);
    CHECK(b.first == 1900);
    CHECK(b.last == 2026);
    const auto s = picker_years(stay_until, today);  // "Tạm vắng đến ngày": next year and on
    CHECK(s.first == 2026);
    CHECK(s.last == 2026 + kYearsAhead);
    CHECK(picker_years(any, today).last == 2026 + kYearsAhead);

    // An untrusted clock: no last year is known, so none is imposed.
    const quay::TodayRange unsure{year_month_day{year(2025), month(1), day(1)}, std::nullopt};
    CHECK(picker_years(born, unsure).last == 9999);
    CHECK(picker_years(stay_until, unsure).first == 2025);

    // The same years are what validate_value accepts at their edges.
    CHECK_FALSE(key(born, "2026-11-23"));
    CHECK(key(born, "2027-01-01") == "validation.date_future");
    CHECK_FALSE(key(stay_until, "2036-11-23"));
}

TEST_CASE("a person's name is known by its field code") {
    FormField f = of(FieldType::text);
    f.code = "tre_ho_ten";
    CHECK(is_person_name(f));
    f.code = "applicant.full_name";
    CHECK(is_person_name(f));
    f.code = "full_name";
    CHECK(is_person_name(f));
    f.code = "dia_chi_noi_den";
    CHECK_FALSE(is_person_name(f));
    f.code = "tre_ho_ten";
    f.type = FieldType::choice;
    CHECK_FALSE(is_person_name(f));
}
