// quayctl audit [--verify]: staff actions and provisioning leave hash-chained rows; an
// edited or deleted row (with the sqlite3 tool, as an intruder would) is named.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>

#include "../store/temp_dir.hpp"
#include "quay/config/config.hpp"
#include "run.hpp"

namespace fs = std::filesystem;
using quay::test::run_quayctl;

namespace {

struct Kiosk {
    quay::test::TempDir tmp;
    fs::path config = tmp.path() / "etc/quay.toml";
    fs::path db = tmp.path() / "data/quay.db";
    Kiosk() {
        fs::create_directories(config.parent_path());
        std::ofstream(config) << "[kiosk]\nid = \"K0042\"\ndata_dir = \""
                              << (tmp.path() / "data").string() << "\"\n[test]\nmode = true\n";
    }
    quay::test::Run ctl(std::vector<std::string> args) const {
        args.insert(args.begin(), {"--config", config.string()});
        return run_quayctl(args);
    }
    nlohmann::json entries() const {
        const auto r = ctl({"audit"});
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        return nlohmann::json::parse(r.out)["entries"];
    }
    void sql(const std::string& statements) const {
        const std::string cmd = "sqlite3 '" + db.string() + "' \"" + statements + "\"";
        REQUIRE(std::system(cmd.c_str()) == 0);
    }
};

nlohmann::json error_of(const quay::test::Run& r) {
    return nlohmann::json::parse(r.last_err_line());
}

}  // namespace

TEST_CASE("pause, resume and provisioning are in the audit log, chained") {
    Kiosk k;
    REQUIRE(k.ctl({"pause", "--message", "Nguyễn Văn An asked"}).exit_code == 0);
    REQUIRE(k.ctl({"resume"}).exit_code == 0);
    // A provisioning file refused: recorded in the installed config's store.
    std::ofstream(k.tmp.path() / "p.toml") << "[kiosk]\nid = \"K0042\"\n";
    auto r = run_quayctl({"provision", "apply", (k.tmp.path() / "p.toml").string(), "--dir",
                          k.config.parent_path().string(), "--trust-dir", k.tmp.path().string()});
    CHECK(r.exit_code == 2);
    CHECK(error_of(r)["error"] == "unsigned");
    CHECK(error_of(r)["audit"] == "recorded");
    // A stick refused before any file was read (not FAT): quay-provision records it too.
    r = run_quayctl({"provision", "refused", "not_vfat", "--dir", k.config.parent_path().string()});
    CHECK(r.exit_code == 0);
    CHECK(nlohmann::json::parse(r.out)["audit"] == "recorded");
    CHECK(run_quayctl(
              {"provision", "refused", "Not a word!", "--dir", k.config.parent_path().string()})
              .exit_code == 2);

    const auto e = k.entries();
    REQUIRE(e.size() == 4);
    CHECK(e[0]["seq"] == 1);
    CHECK(e[0]["event"] == "pause");
    CHECK(e[0]["kiosk_id"] == "K0042");
    CHECK(e[0]["detail"]["by"] == "quayctl");
    CHECK(e[0]["time"].get<std::string>().size() >= 20);
    CHECK(e[1]["event"] == "resume");
    CHECK(e[2]["event"] == "provision_refused");
    CHECK(e[2]["detail"]["reason"] == "unsigned");
    CHECK(e[3]["event"] == "provision_refused");
    CHECK(e[3]["detail"]["reason"] == "not_vfat");
    CHECK(e[0]["hash"] != e[1]["hash"]);
    // The staff's free-text message (which may name a person) is not in the log.
    CHECK(k.ctl({"audit"}).out.find("Nguy") == std::string::npos);

    r = k.ctl({"audit", "--verify"});
    CHECK(r.exit_code == 0);
    CHECK(nlohmann::json::parse(r.out)["rows"] == 4);
}

TEST_CASE("an edited row is named by --verify") {
    Kiosk k;
    for (int i = 0; i < 3; ++i) {
        REQUIRE(k.ctl({"pause"}).exit_code == 0);
        REQUIRE(k.ctl({"resume"}).exit_code == 0);
    }
    // The table refuses edits outright; an intruder drops the guard first.
    CHECK(std::system(("sqlite3 '" + k.db.string() +
                       "' \"UPDATE audit SET event = 'resume' WHERE seq = 3\" 2>/dev/null")
                          .c_str()) != 0);
    k.sql("DROP TRIGGER audit_no_update; UPDATE audit SET event = 'resume' WHERE seq = 3;");
    const auto r = k.ctl({"audit", "--verify"});
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(error_of(r)["error"] == "audit_chain_broken");
    CHECK(error_of(r)["row"] == 3);
}

TEST_CASE("a deleted row is found, in the middle or at the end") {
    Kiosk k;
    for (int i = 0; i < 3; ++i) {
        REQUIRE(k.ctl({"pause"}).exit_code == 0);
        REQUIRE(k.ctl({"resume"}).exit_code == 0);
    }
    k.sql("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 6;");
    auto r = k.ctl({"audit", "--verify"});
    CHECK(r.exit_code == 1);
    CHECK(error_of(r)["row"] == 6);

    k.sql("DELETE FROM audit WHERE seq = 4;");
    r = k.ctl({"audit", "--verify"});
    CHECK(r.exit_code == 1);
    CHECK(error_of(r)["row"] == 4);
}

TEST_CASE("an applied provisioning file is recorded in the store of the config it installed") {
    // The data directory must be on a real disk (a provisioning file cannot use /tmp or a
    // tmpfs): the build tree when it is on one (a checkout under /tmp is not), else /var/tmp.
    fs::path base = fs::path(QUAY_BINARY_DIR) / "tests/cli";
    if (!quay::config::volatile_dir_problem(base).empty()) base = "/var/tmp";
    REQUIRE_MESSAGE(quay::config::volatile_dir_problem(base).empty(),
                    "no directory on a real disk for the data directory: " << base.string());
    std::string tmpl = (base / "quay-audit-apply-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()));
    const fs::path root = tmpl;
    const auto etc = root / "etc";
    std::ofstream(root / "token") << "tok-1\n";
    REQUIRE(run_quayctl({"provision", "keygen", "--out", (root / "keys").string()}).exit_code == 0);
    const auto key = (root / "keys/provision.key").string();
    const auto pub = (root / "keys/provision.pub").string();
    auto write = [&](int serial) {
        const auto file = root / ("p" + std::to_string(serial) + ".toml");
        auto r = run_quayctl({"provision", "write", "--kiosk-id", "K0042", "--portal-url",
                              "https://10.0.2.2:8787", "--token-file", (root / "token").string(),
                              "--serial", std::to_string(serial), "--out", file.string()});
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        // By hand: the data directory, then signed again.
        auto text = quay::test::slurp(file);
        text.replace(text.find("[kiosk]\n") + 8, 0,
                     "data_dir = \"" + (root / "data").string() + "\"\n");
        std::ofstream(file, std::ios::trunc) << text;
        r = run_quayctl({"provision", "sign", file.string(), "--sign-key", key});
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        return file;
    };
    auto r = run_quayctl(
        {"provision", "apply", write(1).string(), "--dir", etc.string(), "--trust", pub});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(nlohmann::json::parse(r.out)["audit"] == "no_store");  // never created as root
    CHECK_FALSE(fs::exists(root / "data"));

    const auto config = (etc / "quay.toml").string();
    REQUIRE(run_quayctl({"--config", config, "resume"}).exit_code == 0);  // the kiosk's store
    r = run_quayctl(
        {"provision", "apply", write(2).string(), "--dir", etc.string(), "--trust", pub});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(nlohmann::json::parse(r.out)["audit"] == "recorded");

    r = run_quayctl({"--config", config, "audit"});
    REQUIRE(r.exit_code == 0);
    const auto e = nlohmann::json::parse(r.out)["entries"];
    REQUIRE(e.size() == 2);
    CHECK(e[1]["event"] == "provision_applied");
    CHECK(e[1]["detail"]["serial"] == 2);
    CHECK(e[1]["detail"]["installed_serial"] == 1);
    CHECK(e[1]["detail"]["changed"] == true);
    CHECK(e[1]["detail"]["key_id"].get<std::string>().size() == 16);
    CHECK(run_quayctl({"--config", config, "audit", "--verify"}).exit_code == 0);
    fs::remove_all(root);
}

TEST_CASE("--latest takes only a whole number from 1") {
    Kiosk k;
    REQUIRE(k.ctl({"pause"}).exit_code == 0);
    for (const std::string junk : {"5abc", "2.5", "", "0", "-1", "x"}) {
        CAPTURE(junk);
        const auto r = k.ctl({"audit", "--latest", junk});
        CHECK(r.exit_code == 2);
        CHECK(error_of(r)["error"] == "bad_arguments");
    }
    const auto r = k.ctl({"audit", "--latest", "1"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(nlohmann::json::parse(r.out)["entries"].size() == 1);
}
