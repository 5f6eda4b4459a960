// quayctl submit of a liên thông bundle (issue 13, docs/bundles.md): one dossier per
// procedure, each delivered exactly once with the same bundle_id; an invalid draft
// anywhere in the bundle stores nothing.
#include <doctest/doctest.h>

#include <fstream>
#include <set>

#include "common.hpp"

using namespace quay::testing;
using nlohmann::json;

namespace {

// A valid draft for one procedure of the bundled catalogue.
json draft_for(const Fixture& f, const std::string& code) {
    const auto list = f.kiosk.ok({"catalog", "list"}).at("procedures");
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (list[i].at("code") == code) return f.kiosk.draft(i);
    }
    FAIL("no procedure " << code << " in the catalogue");
    return {};
}

// The death bundle, its shared values (docs/bundles.md) given once, the same everywhere.
json death_bundle(const Fixture& f) {
    json drafts = json::array();
    for (const char* code : {"1.000656", "1.003197", "1.001731"})
        drafts.push_back(draft_for(f, code));
    drafts[0]["fields"]["nguoi_chet_ho_ten"] = "Trần Văn Cường";
    drafts[1]["fields"]["nguoi_bi_xoa_ho_ten"] = "Trần Văn Cường";
    drafts[2]["fields"]["nguoi_chet_ho_ten"] = "Trần Văn Cường";
    return {{"bundle", "khai_tu_lien_thong"}, {"drafts", drafts}};
}

RunResult submit_raw(const Fixture& f, const json& doc) {
    const auto path = f.dir.path() / "bundle.json";
    {
        std::ofstream out(path);
        out << doc.dump();
    }
    return f.kiosk.quayctl({"submit", path.string()});
}

json error_of(const RunResult& r) {
    INFO(r.describe());
    const auto e = json::parse(r.last_err_line(), nullptr, false);
    REQUIRE(e.is_object());
    return e;
}

}  // namespace

TEST_CASE("a bundle is stored as one dossier per procedure and delivered once each") {
    Fixture f("bundle-submit");
    const json out = f.kiosk.submit(death_bundle(f));
    REQUIRE(out.at("bundle_id").is_string());
    CHECK(is_uuid(out.at("bundle_id").get<std::string>()));
    const auto& dossiers = out.at("dossiers");
    REQUIRE(dossiers.size() == 3);
    std::set<std::string> codes;
    const char* expected[] = {"1.000656", "1.003197", "1.001731"};
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(dossiers[i].at("procedure_code") == expected[i]);
        CHECK(is_uuid(dossiers[i].at("dossier_id").get<std::string>()));
        codes.insert(dossiers[i].at("receipt_code").get<std::string>());
        CHECK(state_of(f, id_of(dossiers[i])) == "pending");
    }
    CHECK(codes.size() == 3);

    deliver_ok(f);
    CHECK(f.sim.dossier_count() == 3);
    for (const auto& d : dossiers) {
        check_delivered_once(f, id_of(d));
        const auto stored = f.sim.dossier(id_of(d));
        REQUIRE(stored.has_value());
        CHECK(stored->at("bundle_id") == out.at("bundle_id"));
        CHECK(json::parse(stored->at("body").get<std::string>()).at("bundle_id") ==
              out.at("bundle_id"));
    }
    // A lone dossier's body has no bundle_id: portal-api.md's body exactly.
    const auto lone = f.kiosk.submit(f.kiosk.draft(0));
    deliver_ok(f);
    CHECK(f.sim.dossier(id_of(lone))->at("bundle_id").is_null());
}

TEST_CASE("an invalid bundle stores nothing: bad draft, wrong procedures, shared value differs") {
    Fixture f("bundle-invalid");
    auto check_refused = [&](const json& doc, const std::string& field) {
        const auto r = submit_raw(f, doc);
        CHECK(r.exit_code == 2);
        const auto e = error_of(r);
        CHECK(e.at("error") == "validation_failed");
        bool named = false;
        for (const auto& d : e.at("details"))
            named = named || d.at("field") == field;
        CHECK_MESSAGE(named, e.dump());
        CHECK(f.kiosk.queue().at("items").empty());
    };
    json bad_phone = death_bundle(f);
    bad_phone["drafts"][2]["applicant"]["phone"] = "12";
    check_refused(bad_phone, "drafts[2].applicant.phone");

    json missing = death_bundle(f);
    missing["drafts"].erase(1);
    check_refused(missing, "drafts");

    json foreign = death_bundle(f);
    foreign["drafts"][1] = draft_for(f, "1.001193");
    check_refused(foreign, "drafts[1].procedure_code");

    json differs = death_bundle(f);
    differs["drafts"][1]["fields"]["nguoi_bi_xoa_ho_ten"] = "Trần Văn Khác";
    check_refused(differs, "drafts[1].fields.nguoi_bi_xoa_ho_ten");

    json unknown = death_bundle(f);
    unknown["bundle"] = "no_such_bundle";
    check_refused(unknown, "bundle");
    CHECK(f.sim.dossier_count() == 0);
}
