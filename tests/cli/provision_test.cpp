// quayctl staff-pin and quayctl provision keygen|write|check|apply, driven as a technician
// does, and every reason a kiosk refuses a file.
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
    REQUIRE(run_quayctl({"provision", "keygen", "--out", (tmp / "keys").string()}).exit_code == 0);
    const auto pub = (tmp / "keys/provision.pub").string();
    const auto file = tmp / "quay-provision.toml";
    auto r =
        run_quayctl_input({"provision", "write", "--kiosk-id", "K0042", "--portal-url",
                           "https://10.0.2.2:8787", "--token-file", (tmp / "token").string(),
                           "--rotation", "90", "--staff-pin-stdin", "--serial", "1", "--sign-key",
                           (tmp / "keys/provision.key").string(), "--out", file.string()},
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

    r = run_quayctl({"provision", "check", file.string(), "--trust", pub});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(nlohmann::json::parse(r.out)["ok"] == true);
    CHECK(nlohmann::json::parse(r.out)["serial"] == 1);

    // Writing over an existing file needs --force.
    r = run_quayctl({"provision", "write", "--kiosk-id", "K0043", "--portal-url",
                     "http://127.0.0.1:8787", "--token-file", (tmp / "token").string(), "--serial",
                     "2", "--out", file.string()});
    CHECK(r.exit_code == 2);
    CHECK(error_of(r)["error"] == "exists");
    CHECK(slurp(file) == text);

    const auto etc = tmp / "etc";
    r = run_quayctl({"provision", "apply", file.string(), "--dir", etc.string(), "--trust", pub});
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

    r = run_quayctl({"provision", "apply", file.string(), "--dir", etc.string(), "--trust", pub});
    REQUIRE(r.exit_code == 0);
    CHECK(nlohmann::json::parse(r.out)["changed"] == false);
}

TEST_CASE("provision mistakes exit 2 naming the key and line, and change nothing") {
    TempDir tmp;
    std::ofstream(tmp / "token") << "tok\n";
    auto r = run_quayctl({"provision", "write", "--kiosk-id", "k-42", "--portal-url",
                          "http://127.0.0.1:8787", "--token-file", (tmp / "token").string(),
                          "--serial", "1", "--out", (tmp / "p.toml").string()});
    CHECK(r.exit_code == 2);
    CHECK(error_of(r)["error"] == "bad_config");
    CHECK(error_of(r)["message"].get<std::string>().find("kiosk.id") != std::string::npos);
    CHECK_FALSE(fs::exists(tmp / "p.toml"));

    // Plain http to a host that is not loopback carries the token in clear: refused.
    r = run_quayctl({"provision", "write", "--kiosk-id", "K1", "--portal-url",
                     "http://portal.example.vn", "--token-file", (tmp / "token").string(),
                     "--serial", "1", "--out", (tmp / "p.toml").string()});
    CHECK(r.exit_code == 2);
    CHECK_FALSE(fs::exists(tmp / "p.toml"));

    // A signed file whose content is wrong (signed with a tool other than write).
    REQUIRE(run_quayctl({"provision", "keygen", "--out", (tmp / "keys").string()}).exit_code == 0);
    const auto pub = (tmp / "keys/provision.pub").string();
    const auto bad = tmp / "quay-provision.toml";
    std::ofstream(bad) << "[kiosk]\nid = \"K0042\"\n\n[portal]\nurl = "
                          "\"https://dvc.example.gov.vn/gw\"\n\n[display]\nrotation = 45\n\n"
                          "[provision]\nformat = 1\nserial = 1\ntoken = \"t\"\n";
    const auto before = slurp(bad);
    r = run_quayctl(
        {"provision", "sign", bad.string(), "--sign-key", (tmp / "keys/provision.key").string()});
    CHECK(r.exit_code == 2);
    const auto msg = error_of(r)["message"].get<std::string>();
    CHECK(msg.find("quay-provision.toml:8:") != std::string::npos);
    CHECK(msg.find("display.rotation") != std::string::npos);
    CHECK(error_of(r)["line"] == 8);
    CHECK(slurp(bad) == before);  // nothing signed

    // Unsigned: refused before its content is even read.
    r = run_quayctl({"provision", "check", bad.string(), "--trust", pub});
    CHECK(r.exit_code == 2);
    CHECK(error_of(r)["error"] == "unsigned");

    const auto etc = tmp / "etc";
    r = run_quayctl({"provision", "apply", bad.string(), "--dir", etc.string(), "--trust", pub});
    CHECK(r.exit_code == 2);
    CHECK_FALSE(fs::exists(etc / "quay.toml"));
}

namespace {

// A technician's desk: two deployment keys and a token; files written with quayctl.
struct Desk {
    TempDir tmp;
    Desk() {
        std::ofstream(tmp / "token") << "tok-1\n";
        for (const char* k : {"keys", "other"}) {
            const auto r = run_quayctl({"provision", "keygen", "--out", (tmp / k).string()});
            REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        }
    }
    std::string pub(const char* k = "keys") const { return (tmp / k / "provision.pub").string(); }
    fs::path write(const std::string& name, int serial, const char* key = "keys",
                   const std::string& kiosk = "K0042") const {
        std::vector<std::string> args = {"provision",    "write",
                                         "--kiosk-id",   kiosk,
                                         "--portal-url", "https://10.0.2.2:8787",
                                         "--token-file", (tmp / "token").string(),
                                         "--serial",     std::to_string(serial),
                                         "--out",        (tmp / name).string()};
        if (key != nullptr) {
            args.push_back("--sign-key");
            args.push_back((tmp / key / "provision.key").string());
        }
        const auto r = run_quayctl(args);
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        return tmp / name;
    }
    quay::test::Run apply(const fs::path& file, std::vector<std::string> trust = {}) const {
        std::vector<std::string> args = {"provision", "apply", file.string(), "--dir",
                                         (tmp / "etc").string()};
        if (trust.empty()) trust = {"--trust", pub()};
        args.insert(args.end(), trust.begin(), trust.end());
        return run_quayctl(args);
    }
    std::string installed() const { return slurp(tmp / "etc/quay.toml"); }
};

std::string refused(const quay::test::Run& r) {
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    return error_of(r)["error"].get<std::string>();
}

}  // namespace

TEST_CASE("keygen never overwrites a key") {
    Desk d;
    const auto before = slurp(d.tmp / "keys/provision.key");
    const auto r = run_quayctl({"provision", "keygen", "--out", (d.tmp / "keys").string()});
    CHECK(refused(r) == "exists");
    CHECK(slurp(d.tmp / "keys/provision.key") == before);
    CHECK(mode_of(d.tmp / "keys/provision.key") == 0600);
}

TEST_CASE("check names every reason a kiosk would refuse a file") {
    Desk d;
    const auto good = d.write("good.toml", 5);
    auto r = run_quayctl({"provision", "check", good.string(), "--trust", d.pub()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto doc = nlohmann::json::parse(r.out);
    CHECK(doc["serial"] == 5);
    CHECK(doc["key_id"].get<std::string>().size() == 16);

    CHECK(refused(run_quayctl({"provision", "check", d.write("u.toml", 5, nullptr).string(),
                               "--trust", d.pub()})) == "unsigned");
    CHECK(refused(run_quayctl({"provision", "check", good.string(), "--trust", d.pub("other")})) ==
          "untrusted_key");
    // Several trusted keys (rotation): one of them is enough.
    r = run_quayctl(
        {"provision", "check", good.string(), "--trust", d.pub("other"), "--trust", d.pub()});
    CHECK(r.exit_code == 0);
    // No trusted key at all: nothing is accepted, never "unsigned is fine".
    fs::create_directories(d.tmp / "empty");
    CHECK(refused(run_quayctl({"provision", "check", good.string(), "--trust-dir",
                               (d.tmp / "empty").string()})) == "untrusted_key");

    std::string text = slurp(good);
    text[text.find("K0042") + 4] = '3';  // one byte
    std::ofstream(d.tmp / "changed.toml", std::ios::binary) << text;
    r = run_quayctl({"provision", "check", (d.tmp / "changed.toml").string(), "--trust", d.pub()});
    CHECK(refused(r) == "bad_signature");
    CHECK(error_of(r)["message"].get<std::string>().find("changed after signing") !=
          std::string::npos);

    r = run_quayctl(
        {"provision", "check", good.string(), "--trust", d.pub(), "--installed-serial", "5"});
    CHECK(refused(r) == "stale_serial");
    CHECK(error_of(r)["installed_serial"] == 5);
    CHECK(run_quayctl(
              {"provision", "check", good.string(), "--trust", d.pub(), "--installed-serial", "4"})
              .exit_code == 0);

    std::ofstream(d.tmp / "big.toml") << std::string(300 * 1024, '#');
    CHECK(refused(run_quayctl({"provision", "check", (d.tmp / "big.toml").string(), "--trust",
                               d.pub()})) == "too_large");
    std::ofstream(d.tmp / "latin1.toml", std::ios::binary) << slurp(good) << "# caf\xe9\n";
    CHECK(refused(run_quayctl({"provision", "check", (d.tmp / "latin1.toml").string(), "--trust",
                               d.pub()})) == "not_utf8");
    CHECK(refused(run_quayctl({"provision", "check", (d.tmp / "none.toml").string(), "--trust",
                               d.pub()})) == "unreadable");
}

TEST_CASE("apply: only newer serials from trusted keys; the same file again is a no-op") {
    Desk d;
    const auto s5 = d.write("s5.toml", 5);
    auto r = d.apply(s5);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    auto doc = nlohmann::json::parse(r.out);
    CHECK(doc["changed"] == true);
    CHECK(doc["serial"] == 5);
    CHECK(doc["previous_serial"] == nullptr);
    const auto config = d.installed();
    CHECK(config.find("# provision-serial: 5\n") != std::string::npos);

    // The stick plugged in again.
    r = d.apply(s5);
    REQUIRE(r.exit_code == 0);
    CHECK(nlohmann::json::parse(r.out)["changed"] == false);
    CHECK(d.installed() == config);

    // Every refusal leaves the installed config as it was.
    CHECK(refused(d.apply(d.write("u.toml", 6, nullptr))) == "unsigned");
    CHECK(refused(d.apply(d.write("o.toml", 6, "other"))) == "untrusted_key");
    CHECK(refused(d.apply(d.write("old.toml", 4))) == "stale_serial");
    r = d.apply(d.write("same.toml", 5, "keys", "K0043"));
    CHECK(refused(r) == "stale_serial");
    CHECK(error_of(r)["installed_serial"] == 5);
    CHECK(refused(d.apply(s5, {"--trust-dir", (d.tmp / "nowhere").string()})) == "untrusted_key");
    CHECK(d.installed() == config);

    // A newer file signed by the rotated-in key, trusted through a directory of keys.
    fs::create_directories(d.tmp / "trust");
    fs::copy_file(d.pub(), d.tmp / "trust/2026.pub");
    fs::copy_file(d.pub("other"), d.tmp / "trust/2027.pub");
    r = d.apply(d.write("s6.toml", 6, "other", "K0043"),
                {"--trust-dir", (d.tmp / "trust").string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    doc = nlohmann::json::parse(r.out);
    CHECK(doc["changed"] == true);
    CHECK(doc["previous_serial"] == 5);
    CHECK(d.installed().find("id = 'K0043'") != std::string::npos);
}
