// quayctl update pack|check|install|status|reconcile, driven as image-build/ and the kiosk's
// units drive them: a real bundle file, file-backed slots, an ESP directory, the audit log.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "../store/temp_dir.hpp"
#include "run.hpp"

namespace fs = std::filesystem;
using quay::test::run_quayctl;
using quay::test::slurp;

namespace {

void write(const fs::path& p, const std::string& bytes) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
}

struct Kiosk {
    quay::test::TempDir tmp;
    fs::path etc = tmp.path() / "etc";
    fs::path esp = tmp.path() / "esp";
    fs::path slots = tmp.path() / "slots";
    fs::path cmdline = tmp.path() / "cmdline";
    fs::path keys = tmp.path() / "keys";
    Kiosk() {
        write(etc / "quay.toml", "[kiosk]\nid = \"K0042\"\ndata_dir = \"" +
                                     (tmp.path() / "data").string() + "\"\n[test]\nmode = true\n");
        write(slots / "QUAYROOT_A", std::string(1 << 20, 'A'));
        write(slots / "QUAYROOT_B", std::string(1 << 20, 'B'));
        write(esp / "loader/entries/quay-1-a.conf", "title x\nversion 1.0\n");
        write(cmdline, "ro quiet quay.slot=a\n");
        write(tmp.path() / "root.img", std::string(300000, 'R'));
        write(tmp.path() / "vmlinuz", "kernel");
        write(tmp.path() / "initrd.img", "initrd");
        REQUIRE(run_quayctl({"provision", "keygen", "--out", keys.string()}).exit_code == 0);
        // The store exists once the kiosk ran: audit rows go there.
        REQUIRE(run_quayctl({"--config", (etc / "quay.toml").string(), "queue"}).exit_code == 0);
    }
    quay::test::Run pack(const std::string& version, const std::string& arch = "amd64") const {
        return run_quayctl({"update", "pack", "--root-image", (tmp.path() / "root.img").string(),
                            "--kernel", (tmp.path() / "vmlinuz").string(), "--initrd",
                            (tmp.path() / "initrd.img").string(), "--os-version", version, "--arch",
                            arch, "--kernel-options", "ro quiet", "--sign-key",
                            (keys / "provision.key").string(), "--out", bundle().string()});
    }
    fs::path bundle() const { return tmp.path() / "update.bundle"; }
    std::vector<std::string> on_kiosk() const {
        return {"--trust-dir",  keys.string(), "--esp",          esp.string(), "--slot-dir",
                slots.string(), "--cmdline",   cmdline.string(), "--dir",      etc.string()};
    }
    nlohmann::json audit() const {
        const auto r = run_quayctl({"--config", (etc / "quay.toml").string(), "audit"});
        REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        return nlohmann::json::parse(r.out)["entries"];
    }
};

nlohmann::json error_of(const quay::test::Run& r) {
    return nlohmann::json::parse(r.last_err_line());
}

}  // namespace

TEST_CASE("pack, check and install a bundle; status tells the slots; every step is audited") {
    Kiosk k;
    auto r = k.pack("2.0");
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(nlohmann::json::parse(r.out)["version"] == "2.0");

    r = run_quayctl({"update", "check", k.bundle().string(), "--trust-dir", k.keys.string(),
                     "--arch", "amd64"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    auto doc = nlohmann::json::parse(r.out);
    CHECK(doc["payloads"]["root.img"]["size"] == 300000);
    CHECK(doc["payloads"]["root.img"]["sha256"].get<std::string>().size() == 64);

    auto args = std::vector<std::string>{"update", "install", k.bundle().string()};
    for (const auto& a : k.on_kiosk())
        args.push_back(a);
    r = run_quayctl(args);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    doc = nlohmann::json::parse(r.out);
    CHECK(doc["slot"] == "b");
    CHECK(doc["entry"] == "quay-2-b+1.conf");
    CHECK(doc["audit"] == "recorded");
    CHECK(slurp(k.slots / "QUAYROOT_B").substr(0, 300000) == std::string(300000, 'R'));

    r = run_quayctl({"update", "status", "--esp", k.esp.string(), "--cmdline", k.cmdline.string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    doc = nlohmann::json::parse(r.out);
    CHECK(doc["booted_slot"] == "a");
    CHECK(doc["trial"] == false);
    CHECK(doc["entries"][0]["state"] == "pending");
    CHECK(doc["entries"][0]["version"] == "2.0");
    CHECK(doc["entries"][1]["state"] == "running");

    // The trial failed (systemd-boot counted it down, nobody blessed it), the old slot booted.
    fs::rename(k.esp / "loader/entries/quay-2-b+1.conf",
               k.esp / "loader/entries/quay-2-b+0-1.conf");
    r = run_quayctl({"update", "reconcile", "--esp", k.esp.string(), "--slot-dir", k.slots.string(),
                     "--cmdline", k.cmdline.string(), "--dir", k.etc.string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    doc = nlohmann::json::parse(r.out);
    REQUIRE(doc["rolled_back"].size() == 1);
    CHECK(doc["rolled_back"][0]["version"] == "2.0");
    CHECK(doc["rolled_back"][0]["audit"] == "recorded");

    const auto audit = k.audit();
    REQUIRE(audit.size() == 2);
    CHECK(audit[0]["event"] == "update_installed");
    CHECK(audit[0]["detail"]["version"] == "2.0");
    CHECK(audit[0]["detail"]["slot"] == "b");
    CHECK(audit[1]["event"] == "update_rolled_back");
}

TEST_CASE("refused bundles: exit 2, one JSON error, recorded, nothing written") {
    Kiosk k;
    REQUIRE(k.pack("2.0", "arm64").exit_code == 0);
    auto args = std::vector<std::string>{"update", "install", k.bundle().string()};
    for (const auto& a : k.on_kiosk())
        args.push_back(a);
    auto r = run_quayctl(args);
    CHECK(r.exit_code == 2);
    CHECK(error_of(r)["error"] == "wrong_arch");
    CHECK(error_of(r)["audit"] == "recorded");

    write(k.bundle(), "not a bundle at all");
    r = run_quayctl(args);
    CHECK(r.exit_code == 2);
    CHECK(error_of(r)["error"] == "not_a_bundle");
    CHECK(slurp(k.slots / "QUAYROOT_B") == std::string(1 << 20, 'B'));
    CHECK_FALSE(fs::exists(k.esp / "quay-b"));

    const auto audit = k.audit();
    REQUIRE(audit.size() == 2);
    CHECK(audit[0]["event"] == "update_refused");
    CHECK(audit[0]["detail"]["reason"] == "wrong_arch");

    // Not an A/B image: said plainly.
    write(k.cmdline, "ro quiet\n");
    REQUIRE(k.pack("2.0").exit_code == 0);
    r = run_quayctl(args);
    CHECK(r.exit_code == 2);
    CHECK(error_of(r)["error"] == "not_ab");
}
