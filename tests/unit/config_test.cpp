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

ConfigError error_of(const std::string& toml, TempDir& dir,
                     quay::config::Rules rules = quay::config::Rules::open) {
    try {
        quay::config::load_file(dir.write("quay.toml", toml), rules);
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
[test]
mode = true
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

TEST_CASE("[payment]: the centre's account for the fee's VietQR, both keys or neither") {
    TempDir dir;
    const auto c = quay::config::load_file(
        dir.write("quay.toml",
                  "[kiosk]\nid = \"K1\"\n[payment]\nbank_bin = \"970436\"\n"
                  "account = \"0011004123456\"\naccount_name = \"UBND XA A\"\n"));
    CHECK(c.payment.bank_bin == "970436");
    CHECK(c.payment.account == "0011004123456");
    CHECK(c.payment.account_name == "UBND XA A");
    CHECK(quay::config::load_file(dir.write("quay.toml", "[kiosk]\nid = \"K1\"\n"))
              .payment.bank_bin.empty());
    struct Bad {
        const char* section;
        const char* key;
        std::uint32_t line;
    };
    for (const Bad& b :
         {Bad{"bank_bin = \"97043\"\naccount = \"1\"\n", "payment.bank_bin", 4},
          Bad{"bank_bin = \"970436\"\naccount = \"0011 004\"\n", "payment.account", 5},
          Bad{"bank_bin = \"970436\"\n", "payment.account", 4},
          Bad{"account = \"0011004\"\n", "payment.bank_bin", 4}}) {
        CAPTURE(b.section);
        const auto e = error_of(std::string("[kiosk]\nid = \"K1\"\n[payment]\n") + b.section, dir);
        CHECK(e.key() == b.key);
        CHECK(e.line() == b.line);
    }
}

TEST_CASE("[metrics]: off by default; a .prom textfile, relative to the file; interval range") {
    TempDir dir;
    auto c = quay::config::load_file(dir.write("quay.toml", "[kiosk]\nid = \"K1\"\n"));
    CHECK(c.metrics.textfile.empty());
    CHECK(c.metrics.interval_s == 60);
    c = quay::config::load_file(dir.write(
        "quay.toml",
        "[kiosk]\nid = \"K1\"\n[metrics]\ntextfile = \"m/quay.prom\"\ninterval_s = 15\n"));
    CHECK(c.metrics.textfile == dir.path / "m/quay.prom");
    CHECK(c.metrics.interval_s == 15);
    for (const char* bad : {"textfile = \"quay.txt\"", "interval_s = 4", "interval_s = 3601",
                            "textfile = 3", "port = 9100"}) {
        CAPTURE(bad);
        const auto e = error_of(std::string("[kiosk]\nid = \"K1\"\n[metrics]\n") + bad + "\n", dir);
        CHECK(e.key().starts_with("metrics."));
        CHECK(e.line() == 4);
    }
}

TEST_CASE("[catalog]: the timed sync's interval (0 is off) and the quiet time before reloading") {
    TempDir dir;
    auto c = quay::config::load_file(dir.write("quay.toml", "[kiosk]\nid = \"K1\"\n"));
    CHECK(c.catalog.sync_interval_s == 21'600);
    CHECK(c.catalog.reload_quiet_s == 60);
    c = quay::config::load_file(dir.write(
        "quay.toml", "[kiosk]\nid = \"K1\"\n[catalog]\nsync_interval_s = 0\nreload_quiet_s = 0\n"));
    CHECK(c.catalog.sync_interval_s == 0);
    CHECK(c.catalog.reload_quiet_s == 0);
    for (const char* bad :
         {"sync_interval_s = 59", "sync_interval_s = -1", "sync_interval_s = 604801",
          "reload_quiet_s = -1", "reload_quiet_s = 86401", "sync_interval_s = \"6h\""}) {
        CAPTURE(bad);
        const auto e = error_of(std::string("[kiosk]\nid = \"K1\"\n[catalog]\n") + bad + "\n", dir);
        CHECK(e.key().starts_with("catalog."));
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

TEST_CASE("hall rules: what no provisioned config may say, unless in [test] mode") {
    TempDir dir;
    const auto hall = quay::config::Rules::hall;
    // The data directory must survive a reboot.
    for (const char* d : {"/run/quay", "/tmp/quay-data", "/dev/shm/q", "/proc/q", "/sys/q"}) {
        const auto e =
            error_of(std::string("[kiosk]\nid = \"K1\"\ndata_dir = \"") + d + "\"\n", dir, hall);
        CHECK_MESSAGE(e.key() == "kiosk.data_dir", d);
        CHECK(e.line() == 3);
        CHECK(std::string(e.what()).find("reboot") != std::string::npos);
    }
    CHECK(error_of("[kiosk]\nid = \"K1\"\ndata_dir = \"data\"\n", dir, hall).key() ==
          "kiosk.data_dir");  // relative to a config under /tmp
    // /dev/shm is a tmpfs: found by statfs too, through a path that does not exist yet.
    CHECK(quay::config::volatile_dir_problem("/dev/shm/a/b").find("reboot") != std::string::npos);
    CHECK(quay::config::volatile_dir_problem("/var/lib/quay").empty());
    CHECK(quay::config::volatile_dir_problem("/runaway/quay").empty());

    auto e = error_of(
        "[kiosk]\nid = \"K1\"\n[printer]\ndevice = \"file:///var/lib/quay/quay.db\"\n", dir, hall);
    CHECK(e.key() == "printer.device");
    CHECK(e.line() == 4);
    e = error_of(
        "[kiosk]\nid = \"K1\"\n[receipt]\nstatus_url = "
        "\"http://dvc.example.vn/?m={receipt_code}\"\n",
        dir, hall);
    CHECK(e.key() == "receipt.status_url");
    CHECK(e.line() == 4);
    e = error_of(
        "[kiosk]\nid = \"K1\"\n[receipt]\nstatus_url = \"http://127.0.0.1/?m={receipt_code}\"\n",
        dir, hall);
    CHECK(e.key() == "receipt.status_url");
    // An Argon2id hash cheaper than 64 MiB, or with absurd passes.
    e = error_of(
        "[kiosk]\nid = \"K1\"\n[staff]\npin_hash = "
        "\"$argon2id$v=19$m=8192,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$"
        "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g\"\n",
        dir, hall);
    CHECK(e.key() == "staff.pin_hash");
    CHECK(std::string(e.what()).find("64 MiB") != std::string::npos);

    // The same in [test] mode (wherever the table is in the file).
    const auto c = quay::config::load_file(
        dir.write("quay.toml",
                  "[kiosk]\nid = \"K1\"\ndata_dir = \"data\"\n[printer]\ndevice = "
                  "\"file:///tmp/out.bin\"\n[receipt]\nstatus_url = "
                  "\"http://127.0.0.1:8/?m={receipt_code}\"\n[test]\nmode = true\n"),
        hall);
    CHECK(c.test.mode);
    CHECK(c.printer.device == "file:///tmp/out.bin");
    CHECK(error_of("[kiosk]\nid = \"K1\"\n[test]\nmode = 1\n", dir).key() == "test.mode");
}

TEST_CASE("a config given on the command line is held to the open rules (quayctl.md)") {
    // Outside test suites and development write configs like these, without [test].
    TempDir dir;
    const auto c = quay::config::load_file(
        dir.write("quay.toml",
                  "[kiosk]\nid = \"K1\"\ndata_dir = \"/tmp/quay-open-rules\"\n[printer]\ndevice = "
                  "\"file:///tmp/out.bin\"\n[receipt]\nstatus_url = "
                  "\"http://127.0.0.1:8/?m={receipt_code}\"\n"));
    CHECK_FALSE(c.test.mode);
    CHECK(c.kiosk.data_dir == "/tmp/quay-open-rules");
    CHECK(c.printer.device == "file:///tmp/out.bin");
    // The same file is refused where a provisioned kiosk would load it.
    CHECK(error_of("[kiosk]\nid = \"K1\"\ndata_dir = \"/tmp/quay-open-rules\"\n", dir,
                   quay::config::Rules::hall)
              .key() == "kiosk.data_dir");
}

TEST_CASE("[queue] numbers: off by default, true or false only") {
    TempDir dir;
    auto c = quay::config::load_file(dir.write("quay.toml", "[kiosk]\nid = \"K1\"\n"));
    CHECK_FALSE(c.queue.numbers);
    c = quay::config::load_file(
        dir.write("quay.toml", "[kiosk]\nid = \"K1\"\n[queue]\nnumbers = true\n"));
    CHECK(c.queue.numbers);
    for (const char* bad : {"numbers = \"yes\"", "numbers = 1", "per_field = true"}) {
        CAPTURE(bad);
        const auto e = error_of(std::string("[kiosk]\nid = \"K1\"\n[queue]\n") + bad + "\n", dir);
        CHECK(e.key().starts_with("queue."));
        CHECK(e.line() == 4);
    }
}

TEST_CASE("[sound]: the tap click on by default; volume, rate and voices validated") {
    TempDir dir;
    auto c = quay::config::load_file(dir.write("quay.toml", "[kiosk]\nid = \"K1\"\n"));
    CHECK(c.sound.tap);
    CHECK(c.sound.volume == 80);
    CHECK(c.sound.rate == 150);
    CHECK(c.sound.voice_vi == "vi");
    CHECK(c.sound.voice_en == "en");
    c = quay::config::load_file(dir.write("quay.toml",
                                          "[kiosk]\nid = \"K1\"\n[sound]\ntap = false\n"
                                          "volume = 0\nrate = 300\nvoice_vi = \"vi-vn-x-south\"\n"
                                          "voice_en = \"en-us\"\n"));
    CHECK_FALSE(c.sound.tap);
    CHECK(c.sound.volume == 0);
    CHECK(c.sound.rate == 300);
    CHECK(c.sound.voice_vi == "vi-vn-x-south");
    CHECK(c.sound.voice_en == "en-us");
    for (const char* bad : {"tap = 1", "volume = 101", "volume = -1", "rate = 79", "rate = 301",
                            "voice_vi = \"en\"", "voice_en = \"vi\"", "voice = \"vi\""}) {
        CAPTURE(bad);
        const auto e = error_of(std::string("[kiosk]\nid = \"K1\"\n[sound]\n") + bad + "\n", dir);
        CHECK(e.key().starts_with("sound."));
        CHECK(e.line() == 4);
    }
    CHECK(std::string(error_of("[kiosk]\nid = \"K1\"\n[sound]\nvoice_vi = \"north\"\n", dir).what())
              .find("\"vi\", \"vi-vn-x-central\", \"vi-vn-x-south\"") != std::string::npos);
}
