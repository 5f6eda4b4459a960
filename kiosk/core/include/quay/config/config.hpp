#pragma once
// The kiosk's TOML config (quayctl.md). Unknown keys, wrong types and out-of-range values
// are errors that name the key and its line. Relative paths are relative to the file.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "quay/error.hpp"
#include "quay/language.hpp"

namespace quay::config {

struct KioskSection {
    std::string id;  // [A-Z0-9]{1,16}
    std::filesystem::path data_dir = "/var/lib/quay";
    Language language = Language::vi;
};

struct PortalSection {
    std::string url;                   // empty: offline, nothing is delivered
    std::filesystem::path token_file;  // mode 0600 or 0400
    std::filesystem::path ca_file;     // optional extra CA bundle
};

struct DeliverySection {
    std::int64_t backoff_base_ms = 5000;
    std::int64_t backoff_cap_ms = 900000;
    std::int64_t request_timeout_ms = 30000;    // stall limit
    std::int64_t request_deadline_ms = 120000;  // total limit of one request
    std::int64_t connect_timeout_ms = 10000;
    std::int64_t heartbeat_interval_s = 300;
};

struct CatalogSection {
    std::filesystem::path file;  // empty: the bundled catalogue
    // The running kiosk asks the portal for a newer catalogue this often (0: never; quayctl
    // catalog sync still works). docs/catalog-format.md "Sync".
    std::int64_t sync_interval_s = 21'600;
    // The kiosk starts again on a newer catalogue once its home screen has been untouched
    // this long (flow::Timeouts::catalog_reload_quiet).
    std::int64_t reload_quiet_s = 60;
};

struct StoreSection {
    std::int64_t retention_days = 30;  // full bodies of delivered dossiers are purged after this
};

// Counter queue numbers on the slip, one sequence per field of procedure (lĩnh vực) and
// local day (docs/receipts.md "Queue numbers").
struct QueueSection {
    bool numbers = false;
};

struct CentreSection {
    std::string name_vi;  // printed on receipts and shown on the home screen
    std::string name_en;
};

struct ReceiptSection {
    // Status-lookup URL encoded in the receipt's QR; {receipt_code} is replaced.
    std::string status_url = "https://dichvucong.gov.vn/tra-cuu?ma={receipt_code}";
};

struct PrinterSection {
    // "" (none), "/dev/usb/lp0", "tcp://HOST:9100" or "file:///path/to/out.bin"
    std::string device;
    std::int64_t width_dots = 576;  // 576 (80 mm) or 384 (58 mm)
    std::int64_t timeout_ms = 5000;
};

// The centre's bank account for the fee's VietQR on the slip (quay/payment/vietqr.hpp).
// All empty: no payment QR. bank_bin and account come together.
struct PaymentSection {
    std::string bank_bin;      // the bank's 6-digit NAPAS BIN
    std::string account;       // the centre's account number
    std::string account_name;  // printed next to the QR so the citizen can check the payee
};

struct ScannerSection {
    // "" (none), an evdev node (/dev/input/...), a serial port (/dev/ttyACM0) or a FIFO
    std::string device;
};

struct DisplaySection {
    std::int64_t rotation = 0;  // 0 | 90 | 180 | 270
    double density = 1.0;       // UI scale, 0.5 .. 3.0
};

// The tap click and voice mode's speech (docs/voice.md). The kiosk's own section, not
// [kiosk], whose keys are the quayctl contract.
struct SoundSection {
    static constexpr std::int64_t min_rate = 80;  // words per minute, espeak-ng's scale
    static constexpr std::int64_t max_rate = 300;
    bool tap = true;              // a short soft click on every button press
    std::int64_t volume = 80;     // percent, 0..100; the citizen turns it up or down from here
    std::int64_t rate = 150;      // speech speed in words per minute, min_rate..max_rate
    std::string voice_vi = "vi";  // espeak-ng voice: "vi", "vi-vn-x-central" or "vi-vn-x-south"
    std::string voice_en = "en";  // "en" (British) or "en-us"
};

struct StaffSection {
    std::string pin_hash;  // Argon2id string (quayctl staff-pin); empty: staff mode disabled
};

struct MetricsSection {
    // The Prometheus textfile the app rewrites (docs/monitoring.md); empty: none is written.
    std::filesystem::path textfile;
    std::int64_t interval_s = 60;  // how often
};

// OS updates pulled on a timer (docs/updates.md): the signed bundle's address, fetched
// with the portal's transport rules and CA file. Empty: updates come only on a stick.
struct UpdateSection {
    std::string url;
};

// Marks a config written for tests or development. It lifts the hall rules (Rules::hall)
// too; a provisioning file can never set it (docs/configuration.md "Rules").
struct TestSection {
    bool mode = false;
};

struct Config {
    std::filesystem::path source;  // the file it came from
    KioskSection kiosk;
    PortalSection portal;
    DeliverySection delivery;
    CatalogSection catalog;
    StoreSection store;
    QueueSection queue;
    CentreSection centre;
    ReceiptSection receipt;
    PrinterSection printer;
    PaymentSection payment;
    ScannerSection scanner;
    DisplaySection display;
    SoundSection sound;
    StaffSection staff;
    MetricsSection metrics;
    UpdateSection update;
    TestSection test;
};

// A config mistake: which key, on which line (0 when the file could not be parsed at all).
class ConfigError : public Error {
  public:
    ConfigError(std::filesystem::path file, std::string key, std::uint32_t line,
                const std::string& problem);
    const std::filesystem::path& file() const noexcept { return file_; }
    const std::string& key() const noexcept { return key_; }
    std::uint32_t line() const noexcept { return line_; }
    // The mistake alone, without file, line and key (to re-word it for another file).
    const std::string& problem() const noexcept { return problem_; }

  private:
    std::filesystem::path file_;
    std::string key_;
    std::uint32_t line_;
    std::string problem_;
};

// Which rules a config is held to. `hall`: the rules a kiosk in a public hall needs
// (docs/configuration.md "Rules"): applied to every config that comes through provisioning,
// the only way a deployed kiosk gets one. `open`: any config given on the command line
// (quayctl --config, quay-kiosk --config), as the quayctl contract writes it: a data
// directory under /tmp, a file:// printer, an http loopback status URL are accepted, so
// development and outside test suites drive the same binaries.
enum class Rules { open, hall };

// Throws ConfigError.
Config load_file(const std::filesystem::path& file, Rules rules = Rules::open);
Config parse(std::string_view toml_text, const std::filesystem::path& source_name,
             Rules rules = Rules::open);

// Reads the token (surrounding whitespace ignored); re-checks the file's mode.
// Throws ConfigError naming portal.token_file.
std::string read_token(const Config& config);

// [A-Z0-9]{1,16}
bool is_kiosk_id(std::string_view id);

// True for http(s) URLs whose host is loopback (127.0.0.0/8, ::1, localhost).
bool is_loopback_url(std::string_view url);

// Why dir cannot hold the kiosk's data (empty: it can): under /run, /tmp, /dev/shm, /dev,
// /proc or /sys, or on a tmpfs or ramfs (statfs of the nearest existing parent).
std::string volatile_dir_problem(const std::filesystem::path& dir);

}  // namespace quay::config
