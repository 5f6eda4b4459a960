#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "quay/config/config.hpp"

namespace fs = std::filesystem;
using quay::config::ConfigError;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        char tmpl[] = "/tmp/quay-config-XXXXXX";
        path = ::mkdtemp(tmpl);
    }
    ~TempDir() { fs::remove_all(path); }
    fs::path write(const std::string& name, const std::string& content, mode_t mode = 0600) {
        const auto p = path / name;
        std::ofstream(p) << content;
        ::chmod(p.c_str(), mode);
        return p;
    }
};

ConfigError error_of(const std::string& toml, TempDir& dir) {
    try {
        quay::config::load_file(dir.write("quay.toml", toml));
    } catch (const ConfigError& e) {
        return e;
    }
    FAIL("config was accepted");
    throw;
}

}  // namespace

TEST_CASE("the example of quayctl.md loads, with paths relative to the file") {
    TempDir dir;
    dir.write("token", "  secret-token\n", 0600);
    const auto c = quay::config::load_file(dir.write("quay.toml", R"(
[kiosk]
id = "K0042"
data_dir = "data"
language = "en"
[portal]
url = "http://127.0.0.1:8080/"
token_file = "token"
[delivery]
backoff_base_ms = 10
backoff_cap_ms = 100
request_timeout_ms = 2000
[catalog]
file = ""
)"));
    CHECK(c.kiosk.id == "K0042");
    CHECK(c.kiosk.data_dir == dir.path / "data");
    CHECK(c.kiosk.language == quay::Language::en);
    CHECK(c.portal.url == "http://127.0.0.1:8080");
    CHECK(c.delivery.backoff_base_ms == 10);
    CHECK(c.store.retention_days == 30);
    CHECK(c.delivery.request_deadline_ms == 120000);  // the contract's default
    CHECK(quay::config::read_token(c) == "secret-token");
}

TEST_CASE("delivery.request_deadline_ms: the total limit of one request, validated") {
    TempDir dir;
    const auto c = quay::config::load_file(
        dir.write("quay.toml", "[kiosk]\nid = \"K1\"\n[delivery]\nrequest_deadline_ms = 1500\n"));
    CHECK(c.delivery.request_deadline_ms == 1500);
    for (const char* bad : {"0", "99", "3600001", "\"120000\""}) {
        CAPTURE(bad);
        const auto e = error_of(
            std::string("[kiosk]\nid = \"K1\"\n[delivery]\nrequest_deadline_ms = ") + bad + "\n",
            dir);
        CHECK(e.key() == "delivery.request_deadline_ms");
        CHECK(e.line() == 4);
    }
}

TEST_CASE("a scanner given as a relative path is next to the config file, like every path") {
    TempDir dir;
    auto c = quay::config::load_file(
        dir.write("quay.toml", "[kiosk]\nid = \"K1\"\n[scanner]\ndevice = \"scanner.fifo\"\n"));
    CHECK(c.scanner.device == (dir.path / "scanner.fifo").string());
    c = quay::config::load_file(
        dir.write("quay.toml", "[kiosk]\nid = \"K1\"\n[scanner]\ndevice = \"/dev/ttyACM0\"\n"));
    CHECK(c.scanner.device == "/dev/ttyACM0");
}

TEST_CASE("mistakes name the key and its line") {
    TempDir dir;
    auto e = error_of("[kiosk]\nid = \"K1\"\ncolour = \"red\"\n", dir);
    CHECK(e.key() == "kiosk.colour");
    CHECK(e.line() == 3);
    CHECK(std::string(e.what()).find("unknown key") != std::string::npos);

    e = error_of("[kiosk]\nid = \"k-1\"\n", dir);
    CHECK(e.key() == "kiosk.id");
    CHECK(e.line() == 2);

    e = error_of("[kiosk]\nid = \"K1\"\n[delivery]\nbackoff_base_ms = \"5\"\n", dir);
    CHECK(e.key() == "delivery.backoff_base_ms");
    CHECK(e.line() == 4);

    e = error_of("[kiosk]\nid = \"K1\"\n[delivery]\n\nrequest_timeout_ms = -1\n", dir);
    CHECK(e.key() == "delivery.request_timeout_ms");
    CHECK(e.line() == 5);

    e = error_of("[kiosk]\nid = \"K1\"\n[kiosk]\n", dir);  // TOML syntax error
    CHECK(e.line() == 3);

    e = error_of("[kiosk]\nlanguage = \"fr\"\nid = \"K1\"\n", dir);
    CHECK(e.key() == "kiosk.language");

    e = error_of("[kiosk]\nlanguage = \"vi\"\n", dir);
    CHECK(e.key() == "kiosk.id");

    e = error_of("[kiosk]\nid = \"K1\"\n[wifi]\nssid = \"x\"\n", dir);
    CHECK(e.key() == "wifi");
    CHECK(e.line() == 3);

    e = error_of("[kiosk]\nid = \"K1\"\nname = \"\xff\"\n", dir);
    CHECK(std::string(e.what()).find("UTF-8") != std::string::npos);
}

TEST_CASE("plain http only on loopback; token file mode is checked") {
    TempDir dir;
    dir.write("token", "t", 0644);
    auto e = error_of(
        "[kiosk]\nid = \"K1\"\n[portal]\nurl = \"http://portal.example.vn\"\n"
        "token_file = \"token\"\n",
        dir);
    CHECK(e.key() == "portal.url");
    CHECK(e.line() == 4);

    e = error_of(
        "[kiosk]\nid = \"K1\"\n[portal]\nurl = \"https://portal.example.vn\"\n"
        "token_file = \"token\"\n",
        dir);
    CHECK(e.key() == "portal.token_file");
    CHECK(e.line() == 5);
    CHECK(std::string(e.what()).find("0644") != std::string::npos);

    dir.write("token", "t", 0400);
    CHECK_NOTHROW(quay::config::load_file(dir.write(
        "quay.toml",
        "[kiosk]\nid = \"K1\"\n[portal]\nurl = \"https://[::1]:9/x\"\ntoken_file = \"token\"\n")));

    CHECK(quay::config::is_loopback_url("http://127.0.0.1:80/a"));
    CHECK(quay::config::is_loopback_url("http://localhost/"));
    CHECK(quay::config::is_loopback_url("http://[::1]:8080"));
    CHECK_FALSE(quay::config::is_loopback_url("http://127.0.0.1.evil.com/"));
    CHECK_FALSE(quay::config::is_loopback_url("http://user@10.0.0.1/"));
}
