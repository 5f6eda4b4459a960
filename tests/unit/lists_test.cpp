// Reference lists (docs/catalog-format.md "Reference lists", docs/pickers.md): the loader's
// rules, the bundled data (54 ethnic groups, 34 provinces covering the 63 before the 2025
// merger), the picker's filter and the old-province check after a scan.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

#include "catalog_fixture.hpp"
#include "quay/catalog/lists.hpp"
#include "quay/text/utf8.hpp"

using namespace quay::catalog;
using nlohmann::json;
using test::bundled_json;
using test::error_after;

namespace {

std::vector<std::string> values(const std::vector<const ListItem*>& items) {
    std::vector<std::string> out;
    for (const auto* i : items)
        out.push_back(i->value);
    return out;
}

bool has(const std::vector<std::string>& v, std::string_view s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

std::size_t list_index(const json& doc, std::string_view code) {
    for (std::size_t i = 0; i < doc["lists"].size(); ++i)
        if (doc["lists"][i]["code"] == code) return i;
    FAIL("no list " << code);
    return 0;
}

}  // namespace

TEST_CASE("the loader refuses bad lists, naming the JSON pointer") {
    const auto doc = bundled_json();
    const auto eth = list_index(doc, "ethnicities");
    const auto prov = list_index(doc, "provinces");
    const std::string lp = "/lists/" + std::to_string(eth);

    auto e = error_after([](json& d) { d["lists"][1]["code"] = d["lists"][0]["code"]; });
    CHECK(e.pointer() == "/lists/1/code");
    CHECK(std::string(e.what()).find("used twice") != std::string::npos);

    e = error_after([&](json& d) { d["lists"][eth]["code"] = "Dân tộc"; });
    CHECK(e.pointer() == lp + "/code");

    e = error_after([&](json& d) { d["lists"][eth]["items"][3]["value"] = ""; });
    CHECK(e.pointer() == lp + "/items/3/value");
    CHECK(std::string(e.what()).find("must not be empty") != std::string::npos);

    e = error_after([&](json& d) { d["lists"][eth]["items"][2]["value"] = "Kinh"; });
    CHECK(e.pointer() == lp + "/items/2/value");
    CHECK(std::string(e.what()).find("listed twice") != std::string::npos);

    e = error_after([&](json& d) { d["lists"][eth]["items"] = json::array(); });
    CHECK(e.pointer() == lp + "/items");

    e = error_after([&](json& d) { d["lists"][eth]["items"][0]["colour"] = "red"; });
    CHECK(e.pointer() == lp + "/items/0/colour");

    e = error_after([&](json& d) { d["lists"][eth]["items"][0]["keywords"] = {"Việt", "viet"}; });
    CHECK(e.pointer() == lp + "/items/0/keywords/1");

    // A field names a list the catalogue does not have.
    e = error_after([](json& d) { d["procedures"][0]["fields"][0]["list"] = "tribes"; });
    CHECK(e.procedure() == "1.001193");
    CHECK(e.pointer() == "/procedures/0/fields/0/list");
    CHECK(std::string(e.what()).find("names no list") != std::string::npos);

    // A list on a field that is not text.
    e = error_after([](json& d) {
        for (auto& f : d["procedures"][0]["fields"]) {
            if (f["type"] == "date") {
                f["list"] = "ethnicities";
                return;
            }
        }
    });
    CHECK(std::string(e.what()).find("only for text fields") != std::string::npos);

    // A communes list belongs to a province of the provinces list.
    e = error_after([](json& d) {
        d["lists"].push_back({{"code", "communes_x"},
                              {"name", {{"vi", "Xã"}, {"en", ""}}},
                              {"within", "Hà Tây"},
                              {"items", json::array({json{{"value", "Xã A"}}})},
                              {"provenance", d["lists"][0]["provenance"]}});
    });
    CHECK(std::string(e.what()).find("names no item of the list provinces") != std::string::npos);

    // Lists need format 2; a format 2 catalogue without lists (and its fields' marks) loads.
    e = error_after([](json& d) {
        d["format"] = 1;
        d.erase("guides");
    });
    CHECK(e.pointer() == "/lists");
    auto old = bundled_json();
    old.erase("lists");
    for (auto& p : old["procedures"])
        for (auto& f : p["fields"])
            f.erase("list");
    CHECK(parse(old.dump(), "old.json").lists.empty());

    // A communes list inside a province loads.
    auto with_communes = bundled_json();
    with_communes["lists"].push_back({{"code", "communes_bac_ninh"},
                                      {"name", {{"vi", "Xã, phường"}, {"en", "Commune"}}},
                                      {"within", "Bắc Ninh"},
                                      {"items", json::array({json{{"value", "Phường Kinh Bắc"}}})},
                                      {"provenance", with_communes["lists"][prov]["provenance"]}});
    const auto c = parse(with_communes.dump(), "communes.json");
    CHECK(c.find_list("communes_bac_ninh")->within == "Bắc Ninh");
}

TEST_CASE("the bundled provinces: 34 units covering the 63 before the 2025 merger once each") {
    const auto c = bundled();
    const auto* p = c.find_list(kProvincesList);
    REQUIRE(p);
    CHECK(p->last_part);
    CHECK(p->items.size() == 34);
    // The 63 province-level units before Resolution 202/2025/QH15 (Huế as renamed in 2025).
    const std::vector<std::string> before = {
        "Hà Nội",     "Hải Phòng",  "Đà Nẵng",    "Thành phố Hồ Chí Minh",
        "Cần Thơ",    "Huế",        "An Giang",   "Bà Rịa – Vũng Tàu",
        "Bắc Giang",  "Bắc Kạn",    "Bạc Liêu",   "Bắc Ninh",
        "Bến Tre",    "Bình Định",  "Bình Dương", "Bình Phước",
        "Bình Thuận", "Cà Mau",     "Cao Bằng",   "Đắk Lắk",
        "Đắk Nông",   "Điện Biên",  "Đồng Nai",   "Đồng Tháp",
        "Gia Lai",    "Hà Giang",   "Hà Nam",     "Hà Tĩnh",
        "Hải Dương",  "Hậu Giang",  "Hòa Bình",   "Hưng Yên",
        "Khánh Hòa",  "Kiên Giang", "Kon Tum",    "Lai Châu",
        "Lâm Đồng",   "Lạng Sơn",   "Lào Cai",    "Long An",
        "Nam Định",   "Nghệ An",    "Ninh Bình",  "Ninh Thuận",
        "Phú Thọ",    "Phú Yên",    "Quảng Bình", "Quảng Nam",
        "Quảng Ngãi", "Quảng Ninh", "Quảng Trị",  "Sóc Trăng",
        "Sơn La",     "Tây Ninh",   "Thái Bình",  "Thái Nguyên",
        "Thanh Hóa",  "Tiền Giang", "Trà Vinh",   "Tuyên Quang",
        "Vĩnh Long",  "Vĩnh Phúc",  "Yên Bái"};
    REQUIRE(std::set<std::string>(before.begin(), before.end()).size() == 63);
    std::map<std::string, int> covered;  // each old name: as a current name or a former one
    for (const auto& item : p->items) {
        ++covered[item.value];
        for (const auto& f : item.formerly)
            ++covered[f];
    }
    for (const auto& name : before) {
        CAPTURE(name);
        CHECK(covered[name] == 1);
    }
    CHECK(covered.size() == 63);  // and nothing else
    // 6 cities, the merged ones as the resolution lists them.
    CHECK(std::count_if(p->items.begin(), p->items.end(),
                        [](const ListItem& i) { return !i.formerly.empty(); }) == 23);
    const auto* bn = &*std::find_if(p->items.begin(), p->items.end(),
                                    [](const ListItem& i) { return i.value == "Bắc Ninh"; });
    CHECK(bn->formerly == std::vector<std::string>{"Bắc Giang"});
}

TEST_CASE("the bundled ethnic groups, nationalities and relationships, and their fields") {
    const auto c = bundled();
    const auto* eth = c.find_list("ethnicities");
    REQUIRE(eth);
    CHECK(eth->items.size() == 54);
    CHECK(eth->items.front().value == "Kinh");
    // The rest in alphabetical order (folded).
    for (std::size_t i = 2; i < eth->items.size(); ++i)
        CHECK(quay::text::fold_for_search(eth->items[i - 1].value) <
              quay::text::fold_for_search(eth->items[i].value));
    CHECK(c.find_list("nationalities")->items.front().value == "Việt Nam");
    CHECK(c.find_list("household_relationships")->items.front().value == "Chủ hộ");
    const auto* birth = c.find("1.001193");
    CHECK(birth->find_field("tre_dan_toc")->list == "ethnicities");
    CHECK(birth->find_field("tre_quoc_tich")->list == "nationalities");
    CHECK(birth->find_field("me_noi_cu_tru")->list == "provinces");
    CHECK(birth->find_field("quan_he_voi_nguoi_duoc_khai_sinh")->list == "relationships");
    CHECK(birth->find_field("tre_ho_ten")->list.empty());
    for (const auto& p : c.procedures)
        if (const auto* f = p.find_field("quan_he_voi_chu_ho"))
            CHECK(f->list == "household_relationships");
}

TEST_CASE("the picker's filter: folded, on words, keywords and former names after") {
    const auto c = bundled();
    const auto& eth = *c.find_list("ethnicities");
    CHECK(values(filter_list(eth, "")).size() == 54);
    CHECK(values(filter_list(eth, "hmong")) == std::vector<std::string>{"H'Mông"});
    CHECK(has(values(filter_list(eth, "MÔNG")), "H'Mông"));
    CHECK(has(values(filter_list(eth, "meo")), "H'Mông"));  // a keyword
    CHECK(values(filter_list(eth, "viet")) == std::vector<std::string>{"Kinh"});
    CHECK(values(filter_list(eth, "e de")) == std::vector<std::string>{"Ê Đê"});
    CHECK(values(filter_list(eth, "rhade")) == std::vector<std::string>{"Ê Đê"});
    CHECK(filter_list(eth, "zzz").empty());
    // Any word of the name may start it, in the list's order.
    CHECK(values(filter_list(eth, "th")) == std::vector<std::string>{"Pà Thẻn", "Thái", "Thổ"});

    const auto& prov = *c.find_list(kProvincesList);
    CHECK(values(filter_list(prov, "bac giang")) == std::vector<std::string>{"Bắc Ninh"});
    CHECK(values(filter_list(prov, "Vũng Tàu")) ==
          std::vector<std::string>{"Thành phố Hồ Chí Minh"});
    const auto ninh = values(filter_list(prov, "ninh"));
    // Bắc Ninh, Ninh Bình, Quảng Ninh, Tây Ninh by name; Khánh Hòa via Ninh Thuận after.
    CHECK(ninh.back() == "Khánh Hòa");
    CHECK(has(ninh, "Ninh Bình"));
    CHECK(has(values(filter_list(prov, "hue")), "Huế"));
    CHECK(has(values(filter_list(prov, "sai gon")), "Thành phố Hồ Chí Minh"));

    const auto& nat = *c.find_list("nationalities");
    CHECK(values(filter_list(nat, "korea")).front() == "Hàn Quốc");  // the English label
    CHECK(has(values(filter_list(nat, "my")), "Hoa Kỳ"));
}

TEST_CASE("an address's province picked as its last part, replacing one already there") {
    const auto c = bundled();
    const auto& prov = *c.find_list(kProvincesList);
    CHECK(with_last_part(prov, "Thôn 3, xã Yên Lạc", "Phú Thọ") == "Thôn 3, xã Yên Lạc, Phú Thọ");
    CHECK(with_last_part(prov, "Thôn 3, xã Yên Lạc, ", "Phú Thọ") == "Thôn 3, xã Yên Lạc, Phú Thọ");
    CHECK(with_last_part(prov, "Thôn 3, Phú Thọ", "Hà Nội") == "Thôn 3, Hà Nội");
    CHECK(with_last_part(prov, "Thôn 3, Tỉnh Vĩnh Phúc", "Phú Thọ") == "Thôn 3, Phú Thọ");
    CHECK(with_last_part(prov, "", "Huế") == "Huế");
    CHECK(with_last_part(prov, "Số 5 ngõ 2", "Hà Nội") == "Số 5 ngõ 2, Hà Nội");
}

TEST_CASE("an address naming a province absorbed in 2025 is recognised, a current one not") {
    const auto c = bundled();
    auto moved = former_province(c, "Thôn Đông, Xã Tân Mỹ, Huyện Yên Dũng, Tỉnh Bắc Giang");
    REQUIRE(moved);
    CHECK(moved->former == "Bắc Giang");
    CHECK(moved->current == "Bắc Ninh");
    moved = former_province(c, "Phường 7, thành phố Vũng Tàu, tỉnh Bà Rịa - Vũng Tàu");
    REQUIRE(moved);
    CHECK(moved->current == "Thành phố Hồ Chí Minh");
    moved = former_province(c, "XÃ HẢI HẬU, TINH NAM DINH");
    REQUIRE(moved);
    CHECK(moved->current == "Ninh Bình");
    CHECK_FALSE(former_province(c, "Phường Kinh Bắc, Tỉnh Bắc Ninh"));
    CHECK_FALSE(former_province(c, "Số 5 Tràng Tiền, Hoàn Kiếm, Thành phố Hà Nội"));
    // A current name at the end wins over an old one earlier (a district named like it).
    CHECK_FALSE(former_province(c, "Phường 1, Thành phố Hà Giang, Tỉnh Tuyên Quang"));
    CHECK_FALSE(former_province(c, ""));
    // A catalogue without the list: nothing to say.
    Catalog none;
    CHECK_FALSE(former_province(none, "Tỉnh Bắc Giang"));
}
