// The provisioning file: parsed, checked with the kiosk's config loader, installed
// atomically into a real directory.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "quay/provision/provision.hpp"
#include "quay/staff/pin.hpp"

namespace fs = std::filesystem;
using quay::config::ConfigError;

namespace {

// A throwaway self-signed certificate and key, only for these tests.
const char* kCa = R"(-----BEGIN CERTIFICATE-----
MIIBgzCCASmgAwIBAgIUU7nrN01EUhX8O+06bwz8Qmkiq6wwCgYIKoZIzj0EAwIw
FzEVMBMGA1UEAwwMUXVheSB0ZXN0IENBMB4XDTI2MTEyMzE1MTY0OFoXDTM2MTEy
MDE1MTY0OFowFzEVMBMGA1UEAwwMUXVheSB0ZXN0IENBMFkwEwYHKoZIzj0CAQYI
KoZIzj0DAQcDQgAEdcfBhtoJ2pqr1TYyx7aEZLiRbjfqmfrHOoYBry6ifBr2YLOc
yeZZsf0ALd3SR7ZBtlt1iCYWWdFfh28RjwvrUqNTMFEwHQYDVR0OBBYEFCTFvwxd
z2IhluKLAEmknmqU3G+PMB8GA1UdIwQYMBaAFCTFvwxdz2IhluKLAEmknmqU3G+P
MA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIgftJM25q3PqdSzMiq
jwlebmHxh9QDUImwtxuWYRN/vEgCIQD/TaYrtbk/AX3Z2jpcVjphapuXyudU3W//
DfYWLMePdQ==
-----END CERTIFICATE-----
)";
const char* kKey =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDxJ5yslLvHTpRk3sXjCvNlFIvR7XB10mUnhyogDpFdk "
    "tech@example";
const char* kAllow = "ssh_allow_from = [\"10.20.0.0/16\"]\n";

const char* kGood = R"(# a kiosk in Xã Tân Phú
[kiosk]
id = "K0042"
language = "vi"

[portal]
url = "https://dvc.example.gov.vn/kiosk-gw"

[display]
rotation = 90

[centre]
name_vi = "UBND xã Tân Phú"

[provision]
format = 1
serial = 1
token = "tok-123"
)";

class TempDir {
  public:
    TempDir() {
        std::string t = (fs::temp_directory_path() / "quay-prov-test-XXXXXX").string();
        REQUIRE(::mkdtemp(t.data()));
        path_ = t;
    }
    ~TempDir() { fs::remove_all(path_); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
};

ConfigError parse_error(const std::string& text) {
    try {
        quay::provision::parse(text, "quay-provision.toml");
    } catch (const ConfigError& e) {
        return e;
    }
    FAIL("the file was accepted");
    throw;
}

std::set<std::string> names_in(const fs::path& dir) {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir))
        out.insert(e.path().filename().string());
    return out;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

TEST_CASE("a good file parses into the kiosk's config") {
    // The check's scratch directory goes under TMPDIR: a private one, so that other tests
    // running at the same time (quayctl provision check) cannot make this one flaky.
    TempDir tmp;
    const char* old_tmpdir = std::getenv("TMPDIR");
    const std::string saved = old_tmpdir ? old_tmpdir : "";
    ::setenv("TMPDIR", tmp.path().c_str(), 1);
    const auto b = quay::provision::parse(kGood, "quay-provision.toml");
    if (old_tmpdir)
        ::setenv("TMPDIR", saved.c_str(), 1);
    else
        ::unsetenv("TMPDIR");
    CHECK(b.config.kiosk.id == "K0042");
    CHECK(b.config.portal.url == "https://dvc.example.gov.vn/kiosk-gw");
    CHECK(b.config.display.rotation == 90);
    CHECK(b.config.centre.name_vi == "UBND xã Tân Phú");
    CHECK(b.token == "tok-123");
    CHECK(b.ssh_keys.empty());
    // No staff PIN, printer or CA: legal, but said.
    CHECK(b.warnings.size() == 3);
    // The check leaves nothing behind in the temporary directory.
    CHECK(fs::is_empty(tmp.path()));
}

TEST_CASE("mistakes name the provisioning file's line and key in words") {
    std::string bad = kGood;
    bad.replace(bad.find("rotation = 90"), 13, "rotation = 45");
    auto e = parse_error(bad);
    CHECK(e.key() == "display.rotation");
    CHECK(e.line() == 10);
    CHECK(e.problem() == "must be 0, 90, 180 or 270");
    CHECK(std::string(e.what()) ==
          "quay-provision.toml:10: display.rotation: must be 0, 90, 180 or 270");

    bad = kGood;
    bad.replace(bad.find("K0042"), 5, "k-42");
    e = parse_error(bad);
    CHECK(e.key() == "kiosk.id");
    CHECK(e.line() == 3);

    bad = kGood;
    bad.replace(bad.find("https://dvc"), 11, "http://dvc");
    CHECK(parse_error(bad).key() == "portal.url");

    bad = kGood;
    bad += "colour = \"red\"\n";
    e = parse_error(bad);
    CHECK(e.key() == "provision.colour");
    CHECK(e.problem() == "unknown key");

    bad = std::string(kGood) + "[screen]\nsize = 1\n";
    CHECK(parse_error(bad).key() == "screen");
}

TEST_CASE("what provisioning decides cannot be set by hand, and the basics are required") {
    std::string bad = kGood;
    bad.replace(bad.find("[display]"), 9, "token_file = \"/etc/x\"\n[display]");
    CHECK(parse_error(bad).key() == "portal.token_file");

    bad = kGood;
    bad.replace(bad.find("token = \"tok-123\""), 17, "");
    CHECK(parse_error(bad).key() == "provision.token");

    bad = kGood;
    bad.replace(bad.find("token = \"tok-123\""), 17, "token = \"two words\"");
    CHECK(parse_error(bad).line() == 18);

    bad = kGood;
    bad.replace(bad.find("url = "), 43, "");
    CHECK(parse_error(bad).key() == "portal.url");

    bad = kGood;
    bad.replace(bad.find("format = 1"), 10, "format = 2");
    CHECK(parse_error(bad).key() == "provision.format");

    // Test mode, and what only test mode allows, can never come from a provisioning file.
    CHECK(parse_error(std::string(kGood) + "[test]\nmode = true\n").key() == "test");
    bad = kGood;
    bad.replace(bad.find("[display]"), 9,
                "[printer]\ndevice = \"file:///var/lib/quay/quay.db\"\n[display]");
    CHECK(parse_error(bad).key() == "printer.device");
    bad = kGood;
    bad.replace(bad.find("language"), 8, "data_dir = \"/run/quay\"\nlanguage");
    CHECK(parse_error(bad).key() == "kiosk.data_dir");

    CHECK(parse_error("[kiosk\nid=1").line() == 1);
    CHECK(parse_error("").key() == "provision");
    CHECK(parse_error(std::string(kGood) + "\xff").problem().starts_with("invalid UTF-8"));
}

TEST_CASE("CA and SSH keys are checked for what they are") {
    std::string good = std::string(kGood) + "ca_pem = \"\"\"\n" + kCa + "\"\"\"\n" +
                       "ssh_authorized_keys = [\"" + kKey + "\"]\n" + kAllow;
    const auto b = quay::provision::parse(good, "p.toml");
    CHECK(b.ca_pem == kCa);
    CHECK(b.ssh_keys == std::vector<std::string>{kKey});

    std::string bad = std::string(kGood) + "ca_pem = \"not a certificate\"\n";
    CHECK(parse_error(bad).key() == "provision.ca_pem");
    std::string truncated = kCa;
    truncated.erase(truncated.find("-----END"));
    bad = std::string(kGood) + "ca_pem = \"\"\"\n" + truncated + "\"\"\"\n";
    CHECK(parse_error(bad).problem() == "has a certificate without its END line");

    std::string key = kKey;
    key[30] = key[30] == 'A' ? 'B' : 'A';  // changes the embedded type name
    bad = std::string(kGood) + "ssh_authorized_keys = [\"" + key + "\"]\n";
    CHECK(parse_error(bad).key() == "provision.ssh_authorized_keys");
    bad = std::string(kGood) + "ssh_authorized_keys = [\"command=\\\"sh\\\" " + kKey + "\"]\n";
    CHECK(parse_error(bad).key() == "provision.ssh_authorized_keys");
}

TEST_CASE("SSH keys come with the networks SSH may come from, and only real networks") {
    const std::string keys = std::string(kGood) + "ssh_authorized_keys = [\"" + kKey + "\"]\n";
    // A key alone would open SSH to every network the kiosk is on.
    CHECK(parse_error(keys).key() == "provision.ssh_allow_from");
    for (const char* bad : {"\"10.20.0.0/33\"", "\"10.20.0.0/0\"", "\"::/0\"", "\"10.20.0\"",
                            "\"example.org\"", "\"10.0.0.0/x\"", "\"\"", "1"}) {
        CAPTURE(bad);
        CHECK(parse_error(keys + "ssh_allow_from = [" + bad + "]\n").key() ==
              "provision.ssh_allow_from");
    }
    CHECK(parse_error(keys + "ssh_allow_from = []\n").key() == "provision.ssh_allow_from");
    const auto b = quay::provision::parse(
        keys + "ssh_allow_from = [\"10.20.0.0/16\", \"192.168.1.7\", \"fd00::/8\"]\n", "p.toml");
    CHECK(quay::provision::authorized_keys(b) ==
          std::vector<std::string>{"from=\"10.20.0.0/16,192.168.1.7,fd00::/8\" " +
                                   std::string(kKey)});
    // Networks without keys: legal, SSH stays off, and a warning says so.
    const auto off = quay::provision::parse(std::string(kGood) + kAllow, "p.toml");
    CHECK(quay::provision::authorized_keys(off).empty());
    CHECK(off.warnings.size() == 1 + quay::provision::parse(kGood, "p.toml").warnings.size());
}

TEST_CASE("write produces a file that parses back to the same settings") {
    quay::provision::Inputs in;
    in.serial = 3;
    in.kiosk_id = "K7";
    in.portal_url = "http://127.0.0.1:8787";
    in.token = "secret";
    in.ca_pem = kCa;
    in.ssh_keys = {kKey};
    in.ssh_allow_from = {"10.20.0.0/16", "fd00::/8"};
    in.rotation = 270;
    in.printer_device = "/dev/usb/lp0";
    in.staff_pin_hash = quay::staff::hash_pin("123456");
    in.centre_name_vi = "Phường Bến Nghé";
    const auto text = quay::provision::write(in, "quay-provision.toml");
    const auto b = quay::provision::parse(text, "quay-provision.toml");
    CHECK(b.config.kiosk.id == "K7");
    CHECK(b.serial == 3);
    CHECK(b.config.display.rotation == 270);
    CHECK(b.config.printer.device == "/dev/usb/lp0");
    CHECK(b.config.centre.name_vi == "Phường Bến Nghé");
    CHECK(quay::staff::verify_pin(b.config.staff.pin_hash, "123456"));
    CHECK(b.ca_pem == kCa);
    CHECK(b.ssh_allow_from == std::vector<std::string>{"10.20.0.0/16", "fd00::/8"});
    CHECK(b.warnings.empty());

    in.rotation = 45;
    CHECK_THROWS_AS(quay::provision::write(in, "x.toml"), ConfigError);
}

TEST_CASE("install: files, modes, loadable config; the same file again changes nothing") {
    TempDir dir;
    const std::string text = std::string(kGood) + "ca_pem = \"\"\"\n" + kCa + "\"\"\"\n" +
                             "ssh_authorized_keys = [\"" + kKey + "\"]\n" + kAllow;
    const auto b = quay::provision::parse(text, "quay-provision.toml");
    const auto r = quay::provision::install(b, dir.path(), std::nullopt);
    CHECK(r.changed);
    CHECK(r.config_file == dir.path() / "quay.toml");

    const auto c = quay::config::load_file(r.config_file);
    CHECK(c.kiosk.id == "K0042");
    CHECK(c.display.rotation == 90);
    CHECK(quay::config::read_token(c) == "tok-123");
    CHECK(slurp(c.portal.ca_file) == kCa);
    CHECK(c.portal.token_file.parent_path() == dir.path());
    struct stat st {};
    REQUIRE(::stat(c.portal.token_file.c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0400);
    REQUIRE(::stat(r.config_file.c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0600);
    CHECK(slurp(dir.path() / "authorized_keys") ==
          "from=\"10.20.0.0/16\" " + std::string(kKey) + "\n");
    const auto first = names_in(dir.path());
    CHECK(first.size() == 4);  // quay.toml, token-*, ca-*.pem, authorized_keys

    const auto again = quay::provision::install(b, dir.path(), std::nullopt);
    CHECK_FALSE(again.changed);
    CHECK(names_in(dir.path()) == first);
}

TEST_CASE("install replaces everything of the previous file and leaves no strays") {
    TempDir dir;
    std::string text = std::string(kGood) + "ssh_authorized_keys = [\"" + kKey + "\"]\n" + kAllow;
    quay::provision::install(quay::provision::parse(text, "a.toml"), dir.path(), std::nullopt);
    // Debris of an interrupted earlier install.
    std::ofstream(dir.path() / "quay.toml.tmp-dead00") << "x";
    std::ofstream(dir.path() / "token-dead00") << "old";

    text = kGood;
    text.replace(text.find("tok-123"), 7, "tok-456");
    text.replace(text.find("serial = 1"), 10, "serial = 2");
    const auto r =
        quay::provision::install(quay::provision::parse(text, "b.toml"), dir.path(), std::nullopt);
    CHECK(r.changed);
    const auto c = quay::config::load_file(r.config_file);
    CHECK(quay::config::read_token(c) == "tok-456");
    CHECK(c.portal.ca_file.empty());
    const auto names = names_in(dir.path());
    CHECK(names.size() == 2);  // quay.toml and the new token: no SSH keys any more
    CHECK(names.contains("quay.toml"));
    CHECK(names.contains(c.portal.token_file.filename().string()));
}

TEST_CASE("metrics_allow_from: real networks, installed one a line, removed when dropped") {
    for (const char* bad : {"\"10.20.0.0/33\"", "\"::/0\"", "\"example.org\"", "1"}) {
        CAPTURE(bad);
        CHECK(parse_error(std::string(kGood) + "metrics_allow_from = [" + bad + "]\n").key() ==
              "provision.metrics_allow_from");
    }
    // Networks but no textfile: legal, and a warning says node-exporter has nothing of ours.
    std::string text = std::string(kGood) + "metrics_allow_from = [\"10.0.2.2/32\", \"fd00::5\"]\n";
    const auto b = quay::provision::parse(text, "a.toml");
    CHECK(b.metrics_allow_from == std::vector<std::string>{"10.0.2.2/32", "fd00::5"});
    CHECK(b.warnings.size() == 1 + quay::provision::parse(kGood, "p.toml").warnings.size());

    TempDir dir;
    CHECK(quay::provision::install(b, dir.path(), std::nullopt).changed);
    CHECK(slurp(dir.path() / "metrics_allow_from") == "10.0.2.2/32\nfd00::5\n");
    text = kGood;
    text.replace(text.find("serial = 1"), 10, "serial = 2");
    const auto r =
        quay::provision::install(quay::provision::parse(text, "b.toml"), dir.path(), std::nullopt);
    CHECK(r.changed);  // the networks are part of what is installed
    CHECK_FALSE(fs::exists(dir.path() / "metrics_allow_from"));
}

TEST_CASE("write with metrics networks also points the app's textfile where node-exporter reads") {
    quay::provision::Inputs in;
    in.serial = 1;
    in.kiosk_id = "K7";
    in.portal_url = "http://127.0.0.1:8787";
    in.token = "secret";
    in.metrics_allow_from = {"10.20.0.5/32"};
    const auto b = quay::provision::parse(quay::provision::write(in, "p.toml"), "p.toml");
    CHECK(b.metrics_allow_from == std::vector<std::string>{"10.20.0.5/32"});
    CHECK(b.config.metrics.textfile == quay::provision::kMetricsTextfile);
}

TEST_CASE("a failed install keeps the previous config and its files") {
    TempDir dir;
    quay::provision::install(quay::provision::parse(kGood, "a.toml"), dir.path(), std::nullopt);
    const auto before = names_in(dir.path());
    const auto config_before = slurp(dir.path() / "quay.toml");
    // A bundle changed after its check: the staged config no longer loads.
    auto b = quay::provision::parse(std::string(kGood) + "ca_pem = \"\"\"\n" + kCa + "\"\"\"\n",
                                    "b.toml");
    b.serial = 2;
    const auto at = b.config_toml.find("rotation = 90");
    REQUIRE(at != std::string::npos);
    b.config_toml.replace(at, 13, "rotation = 45");
    try {
        quay::provision::install(b, dir.path(), std::nullopt);
        FAIL("installed a config that does not load");
    } catch (const ConfigError& e) {
        CHECK(e.key() == "display.rotation");
        CHECK(e.line() == 10);  // the line in the provisioning file
        CHECK(e.file() == "b.toml");
    }
    CHECK(slurp(dir.path() / "quay.toml") == config_before);
    CHECK(names_in(dir.path()) == before);
}
