// Guided questions (catalogue format 2): a format 1 catalogue still loads; the loader
// refuses broken trees naming the guide and the JSON pointer; walk and resolve apply the
// conditions. Every path of the bundled guides: guided_scenarios_test.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <functional>

#include "catalog_fixture.hpp"
#include "quay/catalog/guided.hpp"
#include "quay/catalog/loader.hpp"
#include "quay/embedded.hpp"
#include "quay/error.hpp"

using namespace quay::catalog;
using nlohmann::json;

namespace {

using test::bundled_json;
using test::error_after;

// The birth guide and the index of one of its nodes in the bundled file.
json& birth(json& d) {
    return d["guides"][0];
}
std::size_t node_index(const json& guide, const std::string& code) {
    for (std::size_t i = 0; i < guide["nodes"].size(); ++i) {
        if (guide["nodes"][i]["code"] == code) return i;
    }
    FAIL("no node " << code);
    return 0;
}

}  // namespace

TEST_CASE("a format 1 catalogue (an older portal's) loads unchanged") {
    auto doc = bundled_json();
    doc.erase("guides");
    doc.erase("lists");  // format 2 too, with the fields' marks (docs/pickers.md)
    for (auto& p : doc["procedures"])
        for (auto& f : p["fields"])
            f.erase("list");
    doc["format"] = 1;
    const auto v1 = parse(doc.dump(), "v1.json");
    const auto v2 = bundled();
    CHECK(v1.format == 1);
    CHECK(v1.guides.empty());
    CHECK(v1.procedures.size() == v2.procedures.size());
    CHECK(v1.bundles.size() == v2.bundles.size());

    auto e = error_after([](json& d) { d["format"] = 1; });
    CHECK(e.pointer() == "/guides");
}

TEST_CASE("the bundled guides: life events and procedure pages offer them") {
    const auto c = bundled();
    REQUIRE(c.guides.size() == 5);
    for (const char* ev : {"birth", "death", "marriage", "moving_house", "documents"}) {
        CAPTURE(ev);
        CHECK(guides_for_life_event(c, ev).size() == 1);
    }
    REQUIRE(guides_for_procedure(c, "1.001193").size() == 1);
    CHECK(guides_for_procedure(c, "1.001193")[0]->code == "khai_sinh");
    CHECK(guides_for_procedure(c, "1.001699").empty());
    CHECK(guided_procedure_count(c) == 20);
}

TEST_CASE("bad guides name the guide and the JSON pointer") {
    auto e = error_after([](json& d) { birth(d)["nodes"][0]["options"][1]["next"] = "nowhere"; });
    CHECK(e.procedure() == "khai_sinh");
    CHECK(e.pointer() == "/guides/0/nodes/0/options/1/next");
    CHECK(std::string(e.what()).find(
              "test.json: guide khai_sinh at /guides/0/nodes/0/options/1/next") == 0);

    const auto q = [](const std::string& code, const std::string& next) {
        return json{{"code", code},
                    {"kind", "question"},
                    {"text", {{"vi", "?"}, {"en", "?"}}},
                    {"options",
                     {{{"code", "a"}, {"label", {{"vi", "A"}, {"en", "A"}}}, {"next", next}},
                      {{"code", "b"}, {"label", {{"vi", "B"}, {"en", "B"}}}, {"next", next}}}}};
    };
    const auto nodes = bundled_json()["guides"][0]["nodes"].size();
    e = error_after([&](json& d) { birth(d)["nodes"].push_back(q("lonely", "out_copy")); });
    CHECK(e.pointer() == "/guides/0/nodes/" + std::to_string(nodes));
    CHECK(std::string(e.what()).find("orphan question") != std::string::npos);

    e = error_after([&](json& d) {  // a sixth question before the deepest path
        birth(d)["nodes"].push_back(q("extra", "need"));
        birth(d)["start"] = "extra";
    });
    CHECK(e.pointer() == "/guides/0/start");
    CHECK(std::string(e.what()).find("more than 5 questions") != std::string::npos);

    e = error_after([](json& d) {  // "late" leads back to the first question
        auto& g = birth(d);
        g["nodes"][node_index(g, "timing")]["options"][1]["next"] = "need";
    });
    CHECK(std::string(e.what()).find("(a loop)") != std::string::npos);

    e = error_after([](json& d) { birth(d)["start"] = "out_copy"; });
    CHECK(e.pointer() == "/guides/0/start");

    const auto out_birth = [](json& d) -> json& {
        auto& g = birth(d);
        return g["nodes"][node_index(g, "out_birth")];
    };
    auto bundled_doc = bundled_json();
    const auto ob =
        "/guides/0/nodes/" + std::to_string(node_index(birth(bundled_doc), "out_birth"));
    e = error_after([&](json& d) { out_birth(d)["documents"][0]["when"] = {{"colour", {"red"}}}; });
    CHECK(e.pointer() == ob + "/documents/0/when/colour");
    CHECK(std::string(e.what()).find("names no question") != std::string::npos);

    e = error_after([&](json& d) {
        out_birth(d)["documents"][0]["when"] = {{"timing", {"tomorrow"}}};
    });
    CHECK(e.pointer() == ob + "/documents/0/when/timing/0");
    CHECK(std::string(e.what()).find("is not an answer of question timing") != std::string::npos);

    e = error_after([&](json& d) { out_birth(d)["fees"][0]["when"] = {{"exempt_ack", {"yes"}}}; });
    CHECK(e.pointer() == ob + "/fees/0/when/exempt_ack");
    CHECK(std::string(e.what()).find("never asked before") != std::string::npos);

    e = error_after(
        [&](json& d) { out_birth(d)["documents"][0]["document"] = "passport_of_the_cat"; });
    CHECK(e.pointer() == ob + "/documents/0/document");

    e = error_after([&](json& d) { out_birth(d)["documents"][0]["procedure"] = "1.000894"; });
    CHECK(e.pointer() == ob + "/documents/0/procedure");  // not a procedure of this outcome

    e = error_after([&](json& d) { out_birth(d)["procedures"][0]["situation"] = "space"; });
    CHECK(e.pointer() == ob + "/procedures/0/situation");

    e = error_after([&](json& d) { out_birth(d)["skip_fields"][0]["field"] = "cha_mau_mat"; });
    CHECK(e.pointer() == ob + "/skip_fields/0/field");

    e = error_after([&](json& d) { out_birth(d)["skip_fields"][0]["field"] = "tre_ho_ten"; });
    CHECK(e.pointer() == ob + "/skip_fields/0/field");  // required: the store would refuse
    CHECK(std::string(e.what()).find("cannot be skipped") != std::string::npos);

    e = error_after([&](json& d) {
        out_birth(d)["fees"][0]["amount_dong"] = nullptr;
        out_birth(d)["fees"][0]["note"]["vi"] = "";
    });
    CHECK(e.pointer() == ob + "/fees/0/note");

    e = error_after([](json& d) { birth(d)["nodes"][1]["code"] = "need"; });
    CHECK(e.pointer() == "/guides/0/nodes/1/code");

    e = error_after([](json& d) { birth(d)["life_events"].push_back("space_travel"); });
    CHECK(e.pointer() == "/guides/0/life_events/1");
}

TEST_CASE("walk and resolve: answers choose documents, fees, warnings and fields") {
    const auto c = bundled();
    const Guide& g = *c.find_guide("khai_sinh");
    auto w = walk(g, {"new", "no_father"});
    CHECK_FALSE(w.finished());
    CHECK(w.node->code == "place");
    CHECK(w.asked == std::vector<std::string>{"need", "parents"});
    CHECK_THROWS_AS(resolve(c, g, w), quay::Error);
    CHECK_THROWS_AS(walk(g, {"new", "maybe"}), quay::Error);
    CHECK_THROWS_AS(walk(g, {"copy", "again"}), quay::Error);

    w = walk(g, {"new", "no_father", "home_alone", "late", "no"});
    REQUIRE(w.finished());
    const auto o = resolve(c, g, w);
    CHECK_FALSE(o.exit());
    REQUIRE(o.procedures.size() == 1);
    CHECK(o.procedures[0].procedure == "1.001193");
    bool declaration = false;
    for (const auto& d : o.documents) {
        if (d.document->code == "giay_chung_sinh")
            declaration = d.name.en.find("declaration") != std::string::npos;
    }
    CHECK(declaration);
    REQUIRE_FALSE(o.fees.empty());
    CHECK(o.fees[0].fee->code == "le_phi_khai_sinh_qua_han");
    CHECK_FALSE(o.fees[0].amount_dong);
    CHECK(o.ask_staff());
    CHECK(o.skipped_fields.at("1.001193").contains("cha_ho_ten"));

    const auto on_time = resolve(c, g, walk(g, {"new", "married", "hospital", "on_time"}));
    CHECK(on_time.fees[0].amount_dong == 0);
    CHECK(on_time.warnings.empty());
    CHECK(on_time.skipped_fields.empty());

    // A copy of a foreign paper is certified elsewhere (no such procedure in the catalogue).
    const auto exit = resolve(c, *c.find_guide("chung_thuc"),
                              walk(*c.find_guide("chung_thuc"), {"copy", "foreign"}));
    CHECK(exit.exit());
    CHECK_FALSE(exit.node->office.vi.empty());
    CHECK(exit.ask_staff());  // where it is filed is not from a source
}
