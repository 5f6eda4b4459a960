// quayctl catalog list / show, exactly as quayctl.md says.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "run.hpp"

namespace fs = std::filesystem;
using quay::test::run_quayctl;

namespace {
fs::path config(const std::string& lang) {
    char tmpl[] = "/tmp/quay-cli-XXXXXX";
    const fs::path dir = ::mkdtemp(tmpl);
    std::ofstream(dir / "quay.toml")
        << "[kiosk]\nid = \"K0042\"\ndata_dir = \"data\"\nlanguage = \"" << lang
        << "\"\n[test]\nmode = true\n";
    return dir / "quay.toml";
}
}  // namespace

TEST_CASE("catalog list and show") {
    const auto vi = config("vi");
    auto r = run_quayctl({"--config", vi.string(), "catalog", "list"});
    REQUIRE(r.exit_code == 0);
    const auto list = nlohmann::json::parse(r.out);
    CHECK(list["catalog_version"] == "2026-11-01");
    CHECK(list["procedures"].size() == 43);
    CHECK(list["procedures"][0] ==
          nlohmann::json{{"code", "1.001193"}, {"name", "Đăng ký khai sinh"}});

    r = run_quayctl({"--config", vi.string(), "catalog", "show", "1.001193"});
    REQUIRE(r.exit_code == 0);
    const auto p = nlohmann::json::parse(r.out);
    CHECK(p["code"] == "1.001193");
    CHECK(p["name"] == "Đăng ký khai sinh");
    for (const auto& f : p["fields"]) {
        CHECK(f.contains("code"));
        CHECK(f.contains("label"));
        CHECK(f.contains("required"));
        const std::string type = f["type"];
        CHECK(std::string("text date phone email id_number number choice").find(type) !=
              std::string::npos);
        CHECK(f.contains("options") == (type == "choice"));
        CHECK(f.contains("min") == (type == "number"));
    }
    CHECK(p["documents"].size() >= 1);
    CHECK(p["fees"].size() >= 1);

    // Names in the config's language.
    const auto en = config("en");
    ::setenv("QUAY_CONFIG", en.c_str(), 1);
    r = run_quayctl({"catalog", "list"});
    ::unsetenv("QUAY_CONFIG");
    CHECK(nlohmann::json::parse(r.out)["procedures"][0]["name"] == "Birth registration");

    r = run_quayctl({"--config", vi.string(), "catalog", "show", "9.999"});
    CHECK(r.exit_code == 2);
    CHECK(nlohmann::json::parse(r.last_err_line())["error"] == "unknown_procedure");
    r = run_quayctl({"catalog", "list"});  // no config at all
    CHECK(r.exit_code == 2);
    fs::remove_all(vi.parent_path());
    fs::remove_all(en.parent_path());
}

TEST_CASE("catalog search: the kiosk's own search, ranked, names in the config's language") {
    const auto vi = config("vi");
    auto r = run_quayctl({"--config", vi.string(), "catalog", "search", "sổ đỏ"});
    REQUIRE(r.exit_code == 0);
    auto doc = nlohmann::json::parse(r.out);
    REQUIRE(!doc["results"].empty());
    CHECK(doc["results"][0]["code"] == "2.001035");  // a keyword, not a word of the name
    CHECK(doc["results"].size() <= 10);
    double last = 1e9;
    for (const auto& hit : doc["results"]) {
        CHECK(hit.size() == 3);
        CHECK(hit["code"].is_string());
        CHECK(hit["name"].is_string());
        CHECK(hit["score"].get<double>() <= last);  // best first
        last = hit["score"].get<double>();
    }

    r = run_quayctl({"--config", vi.string(), "catalog", "search", "khai sinhf", "--limit", "2"});
    REQUIRE(r.exit_code == 0);
    doc = nlohmann::json::parse(r.out);
    REQUIRE(doc["results"].size() == 2);
    CHECK(doc["results"][0]["code"] == "1.001193");
    CHECK(doc["results"][0]["name"] == "Đăng ký khai sinh");

    const auto en = config("en");
    r = run_quayctl({"--config", en.string(), "catalog", "search", "khai sinh", "--limit=1"});
    REQUIRE(r.exit_code == 0);
    doc = nlohmann::json::parse(r.out);
    REQUIRE(doc["results"].size() == 1);
    CHECK(doc["results"][0]["code"] == "1.001193");
    CHECK(doc["results"][0]["name"] == "Birth registration");

    r = run_quayctl({"--config", vi.string(), "catalog", "search", "qqqqzzzz"});
    REQUIRE(r.exit_code == 0);
    CHECK(nlohmann::json::parse(r.out) == nlohmann::json{{"results", nlohmann::json::array()}});

    // Usage errors: exit 2, one JSON error as the last line of stderr.
    for (const std::vector<std::string>& bad : {std::vector<std::string>{"--limit", "0"},
                                                {"--limit", "ten"},
                                                {"--limit", "5x"},
                                                {"--limit", "-3"},
                                                {"--limit"}}) {
        std::vector<std::string> argv{"--config", vi.string(), "catalog", "search", "khai sinh"};
        argv.insert(argv.end(), bad.begin(), bad.end());
        r = run_quayctl(argv);
        CHECK_MESSAGE(r.exit_code == 2, bad.back());
        CHECK(nlohmann::json::parse(r.last_err_line())["error"] == "bad_arguments");
        CHECK(r.out.empty());
    }
    r = run_quayctl({"--config", vi.string(), "catalog", "search"});
    CHECK(r.exit_code == 2);
    fs::remove_all(vi.parent_path());
    fs::remove_all(en.parent_path());
}

TEST_CASE("catalog stats: coverage of the catalogue the kiosk would use") {
    // Expected values counted here from the raw bundled file, not by the code under test.
    std::ifstream in(QUAY_SOURCE_DIR "/assets/catalog/catalog.json");
    const auto raw = nlohmann::json::parse(in);
    nlohmann::json by_field = nlohmann::json::object();
    std::size_t inferred = 0;
    for (const auto& p : raw["procedures"]) {
        const std::string field = p["field"]["code"];
        by_field[field] = by_field.value(field, 0) + 1;
        inferred += p["provenance"]["inferred"].size();
    }
    for (const auto* key : {"bundles", "guides"}) {
        for (const auto& x : raw[key])
            inferred += x["provenance"]["inferred"].size();
    }
    const auto vi = config("vi");
    auto r = run_quayctl({"--config", vi.string(), "catalog", "stats"});
    REQUIRE(r.exit_code == 0);
    auto doc = nlohmann::json::parse(r.out);
    CHECK(doc.size() == 5);
    CHECK(doc["procedures"] == 43);
    CHECK(doc["by_field"] == by_field);
    CHECK(doc["by_field"]["ho_tich"] == 17);
    CHECK(doc["by_field"]["nguoi_co_cong"] == 2);
    CHECK(doc["by_field"]["ho_kinh_doanh"] == 4);
    CHECK(doc["guided"] == 20);  // procedures the five guides' outcomes lead to
    CHECK(doc["bundles"] == 2);
    CHECK(doc["inferred_values"] == inferred);

    // A valid synced catalogue (format 1, from an older portal) is the one counted.
    const auto data = vi.parent_path() / "data";
    fs::create_directories(data);
    auto v1 = raw;
    v1["format"] = 1;
    v1.erase("guides");
    v1.erase("lists");  // format 2 too, with the fields' marks
    for (auto& p : v1["procedures"])
        for (auto& f : p["fields"])
            f.erase("list");
    v1["procedures"].erase(v1["procedures"].size() - 1);
    std::ofstream(data / "catalog.json") << v1.dump();
    r = run_quayctl({"--config", vi.string(), "catalog", "stats"});
    REQUIRE(r.exit_code == 0);
    doc = nlohmann::json::parse(r.out);
    CHECK(doc["procedures"] == 42);
    CHECK(doc["guided"] == 0);

    // A broken synced catalogue is not used: the bundled one is counted.
    std::ofstream(data / "catalog.json") << "{\"format\": 2}";
    r = run_quayctl({"--config", vi.string(), "catalog", "stats"});
    REQUIRE(r.exit_code == 0);
    CHECK(nlohmann::json::parse(r.out)["procedures"] == 43);

    r = run_quayctl({"--config", vi.string(), "catalog", "stats", "extra"});
    CHECK(r.exit_code == 2);
    CHECK(nlohmann::json::parse(r.last_err_line())["error"] == "bad_arguments");
    CHECK(r.out.empty());
    fs::remove_all(vi.parent_path());
}
