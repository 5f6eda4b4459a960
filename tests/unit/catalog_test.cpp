// The bundled catalogue loads completely; bad catalogues name file, procedure and pointer.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>

#include "catalog_fixture.hpp"
#include "quay/catalog/loader.hpp"
#include "quay/embedded.hpp"

using namespace quay::catalog;
using nlohmann::json;

namespace {

using test::bundled_json;
using test::error_after;

}  // namespace

TEST_CASE("the bundled catalogue carries all 43 procedures, complete") {
    const auto c = bundled();
    CHECK(c.format == 2);
    CHECK(c.catalog_version == "2026-11-01");
    REQUIRE(c.procedures.size() == 43);  // 27 gathered, 16 from extra_procedures.json
    for (const auto& p : c.procedures) {
        CAPTURE(p.code);
        CHECK_FALSE(p.name.vi.empty());
        CHECK_FALSE(p.name.en.empty());
        CHECK_FALSE(p.agency.vi.empty());
        CHECK_FALSE(p.who.vi.empty());
        CHECK_FALSE(p.situations.empty());
        CHECK(p.steps.size() >= 3);
        // No list of documents only where the catalogue says it has none from a source.
        if (p.documents.empty()) CHECK(p.inferred("documents"));
        CHECK_FALSE(p.processing_time.vi.empty());
        CHECK_FALSE(p.result_at.vi.empty());
        CHECK_FALSE(p.legal_basis.empty());
        CHECK(p.last_updated.size() == 10);
        CHECK_FALSE(p.fields.empty());
        CHECK_FALSE(p.provenance.inferred.empty());  // who/steps/... are written, not sourced
        for (const auto& f : p.fields) {
            CHECK(p.find_field(f.code) == &f);
            if (f.type == FieldType::choice) CHECK_FALSE(f.options.empty());
            // Applicant data lives in the fixed applicant object, not in the form.
            CHECK(f.code != "so_dien_thoai");
            CHECK(f.code != "email");
        }
    }
    const auto* birth = c.find("1.001193");
    REQUIRE(birth);
    CHECK(birth->name.vi == "Đăng ký khai sinh");
    // "original: true, copies: 0" means bring the original.
    CHECK(birth->documents[1].original);
    CHECK(birth->documents[1].copies == 0);
    // A fee set by the provincial council has no amount but says so.
    bool council = false;
    for (const auto& f : birth->fees)
        council |= !f.amount_dong && !f.note.vi.empty();
    CHECK(council);
    // Residence procedures are the commune police's.
    CHECK(c.find("1.004194")->agency.vi.starts_with("Công an"));
    CHECK(c.find("1.004194")->result_at.vi.find("Công an") != std::string::npos);
}

TEST_CASE("a procedure's parts not from a source are the ones its inferred pointers name") {
    Procedure p;
    p.provenance.inferred = {"/procedures/31/documents/2", "/procedures/31/fees",
                             "/procedures/31/processing_days", "/procedures/31/fields/0/min"};
    CHECK(p.inferred("documents"));              // an item of the list
    CHECK(p.inferred("fees"));                   // the list itself
    CHECK_FALSE(p.inferred("processing_time"));  // processing_days is another part
    CHECK_FALSE(p.inferred("field"));
    CHECK_FALSE(p.inferred("steps"));
    // The bundled catalogue: a procedure with no fee from a source says so.
    const auto c = bundled();
    CHECK(c.find("1.001612")->fees.empty());
    CHECK(c.find("1.001612")->inferred("fees"));
    CHECK(c.find("1.001612")->inferred("processing_time"));
    CHECK_FALSE(c.find("1.001193")->inferred("documents"));
    CHECK_FALSE(c.find("1.001193")->inferred("fees"));
}

TEST_CASE("bad catalogues name the file, the procedure and the JSON pointer") {
    auto e = error_after([](json& d) { d["procedures"][0]["fields"][1]["type"] = "colour"; });
    CHECK(e.source() == "test.json");
    CHECK(e.procedure() == "1.001193");
    CHECK(e.pointer() == "/procedures/0/fields/1/type");
    CHECK(std::string(e.what()).find(
              "test.json: procedure 1.001193 at /procedures/0/fields/1/type") == 0);

    e = error_after([](json& d) { d["procedures"][2]["documents"][0].erase("copies"); });
    CHECK(e.pointer() == "/procedures/2/documents/0/copies");
    CHECK(e.procedure() == "1.000894");

    e = error_after([](json& d) { d["procedures"][1]["code"] = d["procedures"][0]["code"]; });
    CHECK(e.pointer() == "/procedures/1/code");

    e = error_after([](json& d) { d["procedures"][0]["surprise"] = 1; });
    CHECK(e.pointer() == "/procedures/0/surprise");

    e = error_after([](json& d) { d["procedures"][0]["fields"][0]["group"] = "nowhere"; });
    CHECK(e.pointer() == "/procedures/0/fields/0/group");

    e = error_after([](json& d) { d["procedures"][0]["last_updated"] = "2026-02-30"; });
    CHECK(e.pointer() == "/procedures/0/last_updated");

    e = error_after([](json& d) { d["procedures"][0]["fees"][1]["note"]["vi"] = ""; });
    CHECK(e.pointer() == "/procedures/0/fees/1/note");  // null amount must say who sets it

    e = error_after([](json& d) { d["procedures"][0]["life_events"].push_back("space_travel"); });
    CHECK(e.pointer().starts_with("/procedures/0/life_events/"));

    e = error_after([](json& d) { d["format"] = 3; });
    CHECK(e.pointer() == "/format");
    CHECK(e.procedure().empty());

    e = error_after([](json& d) {
        auto& f = d["procedures"][0]["fields"][0];
        f["type"] = "number";
        f["min"] = 5;
        f["max"] = 1;
        f.erase("max_length");
    });
    CHECK(e.pointer() == "/procedures/0/fields/0/min");

    // Bytes that are not JSON, or not UTF-8.
    CHECK_THROWS_AS(parse("{", "x.json"), CatalogError);
    CHECK_THROWS_AS(parse("{\"format\": \"\xff\"}", "x.json"), CatalogError);
    CHECK_THROWS_AS(parse("[]", "x.json"), CatalogError);
    // A number too large for a double is nlohmann's out_of_range, not a parse_error: it
    // escaped the loader and ended the process (found by catalog_fuzz).
    CHECK_THROWS_AS(parse(R"({"format": 1, "catalog_version": 6666666666e6666666666})", "x.json"),
                    CatalogError);
}

TEST_CASE("keywords: optional, validated with procedure and pointer") {
    // A catalogue from before keywords (an older portal's synced copy) still loads.
    auto doc = bundled_json();
    for (auto& p : doc["procedures"])
        p.erase("keywords");
    const auto old = parse(doc.dump(), "old.json");
    CHECK(old.procedures[0].keywords.empty());
    // The bundled one has them, NFC.
    const auto c = bundled();
    CHECK(std::find(c.procedures[0].keywords.begin(), c.procedures[0].keywords.end(),
                    "giấy khai sinh") != c.procedures[0].keywords.end());

    auto e = error_after([](json& d) { d["procedures"][3]["keywords"] = "sổ đỏ"; });
    CHECK(e.pointer() == "/procedures/3/keywords");
    CHECK(e.procedure() == "1.000656");
    e = error_after([](json& d) { d["procedures"][0]["keywords"][1] = 7; });
    CHECK(e.pointer() == "/procedures/0/keywords/1");
    e = error_after([](json& d) { d["procedures"][0]["keywords"][2] = ""; });
    CHECK(e.pointer() == "/procedures/0/keywords/2");
    e = error_after([](json& d) { d["procedures"][0]["keywords"][0] = " - / "; });
    CHECK(std::string(e.what()).find("nothing to search") != std::string::npos);
    e = error_after([](json& d) {  // the same once folded
        d["procedures"][0]["keywords"] = {"giấy khai sinh", "GIAY KHAI SINH"};
    });
    CHECK(e.pointer() == "/procedures/0/keywords/1");
    CHECK(std::string(e.what()).find("listed twice") != std::string::npos);
    e = error_after([](json& d) { d["procedures"][0]["keywords"][0] = std::string(101, 'a'); });
    CHECK(e.pointer() == "/procedures/0/keywords/0");
    e = error_after([](json& d) {
        auto& k = d["procedures"][0]["keywords"] = json::array();
        for (int i = 0; i < 65; ++i)
            k.push_back("k" + std::to_string(i));
    });
    CHECK(e.pointer() == "/procedures/0/keywords");
}

TEST_CASE("NFD text in a catalogue is normalised, not rejected") {
    auto doc = bundled_json();
    doc["procedures"][0]["name"]["vi"] = "Đăng ky\xcc\x81 khai sinh";
    const auto c = parse(doc.dump(), "nfd.json");
    CHECK(c.procedures[0].name.vi == "Đăng ký khai sinh");
}

TEST_CASE("load_active: a bad synced catalogue never replaces a good one") {
    char tmpl[] = "/tmp/quay-cat-XXXXXX";
    const std::filesystem::path dir = ::mkdtemp(tmpl);
    quay::config::Config config;
    config.kiosk.data_dir = dir;
    auto a = load_active(config);
    CHECK(a.source == ActiveCatalog::Source::bundled);
    CHECK(a.note.empty());

    auto doc = bundled_json();
    doc["catalog_version"] = "2026-12-01";
    std::ofstream(dir / "catalog.json") << doc.dump();
    a = load_active(config);
    CHECK(a.source == ActiveCatalog::Source::synced);
    CHECK(a.catalog.catalog_version == "2026-12-01");

    std::ofstream(dir / "catalog.json") << "{\"format\": 1";  // torn or hostile
    a = load_active(config);
    CHECK(a.source == ActiveCatalog::Source::bundled);
    CHECK(a.note.find("synced catalogue not used") != std::string::npos);

    config.catalog.file = dir / "catalog.json";  // an explicit file's errors are errors
    CHECK_THROWS_AS(load_active(config), CatalogError);
    std::filesystem::remove_all(dir);
}

TEST_CASE("the bundled catalogue's liên thông bundles, and bad bundles by pointer") {
    const auto c = parse(bundled_json().dump(), "bundled");
    REQUIRE(c.bundles.size() == 2);
    const auto* death = c.find_bundle("khai_tu_lien_thong");
    REQUIRE(death != nullptr);
    CHECK(death->procedures == std::vector<std::string>{"1.000656", "1.003197", "1.001731"});
    CHECK(death->shared_fields.at(0).at("1.003197") == "nguoi_bi_xoa_ho_ten");
    CHECK(death->provenance.confidence == "inferred");
    const auto* birth = c.find_bundle("khai_sinh_lien_thong");
    REQUIRE(birth != nullptr);
    CHECK(birth->procedures == std::vector<std::string>{"1.001193", "1.004222"});
    CHECK_FALSE(birth->note.vi.empty());  // the missing health-insurance card is said

    auto e = error_after([](json& d) { d["bundles"][1]["procedures"][1] = "9.999999"; });
    CHECK(e.pointer() == "/bundles/1/procedures/1");
    e = error_after([](json& d) { d["bundles"][1]["procedures"][2] = "1.000656"; });
    CHECK(e.pointer() == "/bundles/1/procedures/2");
    e = error_after([](json& d) { d["bundles"][1]["shared_fields"][0]["1.003197"] = "nope"; });
    CHECK(e.pointer() == "/bundles/1/shared_fields/0/1.003197");
    e = error_after([](json& d) { d["bundles"][1]["shared_fields"][0]["1.003197"] = "ly_do_xoa"; });
    CHECK(e.pointer() == "/bundles/1/shared_fields/0/1.003197");  // a choice, not text
    e = error_after([](json& d) {
        d["bundles"][0]["shared_fields"] = {{{"1.001193", "tre_ho_ten"}}};
    });
    CHECK(e.pointer() == "/bundles/0/shared_fields/0");  // links one procedure only
    e = error_after([](json& d) { d["bundles"][1]["code"] = d["bundles"][0]["code"]; });
    CHECK(e.pointer() == "/bundles/1/code");
    // Prefilled fields: text fields of the bundle's procedures, from the applicant or fixed.
    REQUIRE(birth->prefill.size() == 2);
    CHECK(birth->prefill[0].field == "dia_chi_dang_ky");
    CHECK(birth->prefill[0].from_applicant == "address");
    CHECK(birth->prefill[1].value == "Đăng ký thường trú cho trẻ mới sinh");
    e = error_after([](json& d) { d["bundles"][0]["prefill"][0]["procedure"] = "1.000656"; });
    CHECK(e.pointer() == "/bundles/0/prefill/0/procedure");  // not in this bundle
    e = error_after([](json& d) { d["bundles"][0]["prefill"][0]["field"] = "nope"; });
    CHECK(e.pointer() == "/bundles/0/prefill/0/field");
    e = error_after(
        [](json& d) { d["bundles"][0]["prefill"][0]["field"] = "chu_ho_so_dinh_danh"; });
    CHECK(e.pointer() == "/bundles/0/prefill/0/field");  // an ID number, not text
    e = error_after([](json& d) { d["bundles"][0]["prefill"][1]["field"] = "dia_chi_dang_ky"; });
    CHECK(e.pointer() == "/bundles/0/prefill/1/field");  // the same field twice
    e = error_after([](json& d) { d["bundles"][0]["prefill"][0]["from"] = "applicant.phone"; });
    CHECK(e.pointer() == "/bundles/0/prefill/0/from");  // not a text field
    e = error_after([](json& d) { d["bundles"][0]["prefill"][1]["value"] = ""; });
    CHECK(e.pointer() == "/bundles/0/prefill/1/value");
    e = error_after(
        [](json& d) { d["bundles"][0]["prefill"][1]["value"] = std::string(600, 'a'); });
    CHECK(e.pointer() == "/bundles/0/prefill/1/value");  // longer than the field takes
    e = error_after([](json& d) { d["bundles"][0]["prefill"][1]["from"] = "applicant.address"; });
    CHECK(e.pointer() == "/bundles/0/prefill/1");  // both from and value
    // A catalogue without bundles still loads (the key is optional).
    auto doc = bundled_json();
    doc.erase("bundles");
    CHECK(parse(doc.dump(), "old.json").bundles.empty());
}
