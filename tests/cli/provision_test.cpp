// quayctl staff-pin and quayctl provision write|check|apply, driven as a technician does.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include "run.hpp"

namespace fs = std::filesystem;
using quay::test::run_quayctl;
using quay::test::run_quayctl_input;
using quay::test::slurp;

namespace {

class TempDir {
  public:
    TempDir() {
        std::string t = (fs::temp_directory_path() / "quay-cli-prov-XXXXXX").string();
        REQUIRE(::mkdtemp(t.data()));
        path_ = t;
    }
    ~TempDir() { fs::remove_all(path_); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    fs::path operator/(const std::string& name) const { return path_ / name; }

  private:
    fs::path path_;
};

nlohmann::json error_of(const quay::test::Run& r) {
    return nlohmann::json::parse(r.last_err_line());
}

unsigned mode_of(const fs::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

std::string hash_of(const std::string& pin) {
    const auto r = run_quayctl_input({"staff-pin"}, pin + "\n");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    return nlohmann::json::parse(r.out)["pin_hash"].get<std::string>();
}

}  // namespace

TEST_CASE("staff-pin hashes a PIN from stdin with Argon2id, and --verify checks one") {
    const auto r = run_quayctl_input({"staff-pin"}, "246810\n");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto doc = nlohmann::json::parse(r.out);
    const auto hash = doc["pin_hash"].get<std::string>();
    CHECK(hash.starts_with("$argon2id$v=19$"));
    CHECK(doc["memory_kib"].get<long>() >= 65536);
    CHECK(hash.find("246810") == std::string::npos);
    // A random salt: the same PIN twice gives two hashes.
    CHECK(hash_of("246810") != hash);

    auto v = run_quayctl_input({"staff-pin", "--verify", hash}, "246810\n");
    REQUIRE(v.exit_code == 0);
    CHECK(nlohmann::json::parse(v.out)["match"] == true);
    v = run_quayctl_input({"staff-pin", "--verify", hash}, "246811\n");
    REQUIRE(v.exit_code == 0);
    CHECK(nlohmann::json::parse(v.out)["match"] == false);
}

TEST_CASE("staff-pin refuses what is not a PIN and hashes that are not Argon2id") {
    for (const std::string bad : {"12345", "1234567890123", "12a456", "", "12 3456"}) {
        const auto r = run_quayctl_input({"staff-pin"}, bad + "\n");
        CHECK_MESSAGE(r.exit_code == 2, bad);
        CHECK(r.out.empty());
        CHECK(error_of(r)["error"] == "bad_pin");
    }
    const auto r =
        run_quayctl_input({"staff-pin", "--verify", "$2y$10$abcdefghijklmnopqrstuv"}, "246810\n");
    CHECK(r.exit_code == 2);
    CHECK(error_of(r)["error"] == "bad_arguments");
}

TEST_CASE("provision write makes a 0600 file that check and apply accept") {
    TempDir tmp;
    std::ofstream(tmp / "token") << "  tok-abc-123\n";
    const auto file = tmp / "quay-provision.toml";
    auto r = run_quayctl_input({"provision", "write", "--kiosk-id", "K0042", "--portal-url",
                                "https://10.0.2.2:8787", "--token-file", (tmp / "token").string(),
                                "--rotation", "90", "--staff-pin-stdin", "--out", file.string()},
                               "135790\n");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    auto doc = nlohmann::json::parse(r.out);
    CHECK(doc["kiosk_id"] == "K0042");
    CHECK(doc["staff_pin"] == true);
    CHECK(doc["ssh"] == false);
    CHECK(mode_of(file) == 0600);
    const auto text = slurp(file);
    CHECK(text.find("tok-abc-123") != std::string::npos);
    CHECK(text.find("135790") == std::string::npos);

    r = run_quayctl({"provision", "check", file.string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(nlohmann::json::parse(r.out)["ok"] == true);

    // Writing over an existing file needs --force.
    r = run_quayctl({"provision", "write", "--kiosk-id", "K0043", "--portal-url",
                     "http://127.0.0.1:8787", "--token-file", (tmp / "token").string(), "--out",
                     file.string()});
    CHECK(r.exit_code == 2);
    CHECK(error_of(r)["error"] == "exists");
    CHECK(slurp(file) == text);

    const auto etc = tmp / "etc";
    r = run_quayctl({"provision", "apply", file.string(), "--dir", etc.string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    doc = nlohmann::json::parse(r.out);
    CHECK(doc["changed"] == true);
    const auto config = etc / "quay.toml";
    CHECK(doc["config"] == config.string());
    // The staff PIN hash went into the kiosk's config, and it verifies against the PIN.
    const auto installed = slurp(config);
    const auto at = installed.find("$argon2id$");
    REQUIRE(at != std::string::npos);
    const char quote = installed.at(at - 1);  // TOML basic or literal string
    const auto hash = installed.substr(at, installed.find(quote, at) - at);
    const auto v = run_quayctl_input({"staff-pin", "--verify", hash}, "135790\n");
    CHECK(nlohmann::json::parse(v.out)["match"] == true);
    // The token is not in quay.toml but in a file only its owner reads.
    CHECK(installed.find("tok-abc-123") == std::string::npos);
    int tokens = 0;
    for (const auto& e : fs::directory_iterator(etc)) {
        if (!e.path().filename().string().starts_with("token")) continue;
        ++tokens;
        CHECK(mode_of(e.path()) == 0400);
        CHECK(slurp(e.path()).find("tok-abc-123") != std::string::npos);
    }
    CHECK(tokens == 1);

    r = run_quayctl({"provision", "apply", file.string(), "--dir", etc.string()});
    REQUIRE(r.exit_code == 0);
    CHECK(nlohmann::json::parse(r.out)["changed"] == false);
}

TEST_CASE("provision mistakes exit 2 naming the key and line, and change nothing") {
    TempDir tmp;
    std::ofstream(tmp / "token") << "tok\n";
    auto r = run_quayctl({"provision", "write", "--kiosk-id", "k-42", "--portal-url",
                          "http://127.0.0.1:8787", "--token-file", (tmp / "token").string(),
                          "--out", (tmp / "p.toml").string()});
    CHECK(r.exit_code == 2);
    CHECK(error_of(r)["error"] == "bad_config");
    CHECK(error_of(r)["message"].get<std::string>().find("kiosk.id") != std::string::npos);
    CHECK_FALSE(fs::exists(tmp / "p.toml"));

    // Plain http to a host that is not loopback carries the token in clear: refused.
    r = run_quayctl({"provision", "write", "--kiosk-id", "K1", "--portal-url",
                     "http://portal.example.vn", "--token-file", (tmp / "token").string(), "--out",
                     (tmp / "p.toml").string()});
    CHECK(r.exit_code == 2);
    CHECK_FALSE(fs::exists(tmp / "p.toml"));

    const auto bad = tmp / "quay-provision.toml";
    std::ofstream(bad) << "[kiosk]\nid = \"K0042\"\n\n[portal]\nurl = "
                          "\"https://dvc.example.gov.vn/gw\"\n\n[display]\nrotation = 45\n\n"
                          "[provision]\nformat = 1\ntoken = \"t\"\n";
    r = run_quayctl({"provision", "check", bad.string()});
    CHECK(r.exit_code == 2);
    const auto msg = error_of(r)["message"].get<std::string>();
    CHECK(msg.find("quay-provision.toml:8:") != std::string::npos);
    CHECK(msg.find("display.rotation") != std::string::npos);
    CHECK(error_of(r)["line"] == 8);

    const auto etc = tmp / "etc";
    r = run_quayctl({"provision", "apply", bad.string(), "--dir", etc.string()});
    CHECK(r.exit_code == 2);
    CHECK_FALSE(fs::exists(etc / "quay.toml"));
}
