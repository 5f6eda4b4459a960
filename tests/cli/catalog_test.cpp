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
    CHECK(list["procedures"].size() == 27);
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
