#pragma once
// Provisioning: the one small file a technician drops on a kiosk (quay-provision.toml).
//
// It is a kiosk config (the tables of quay.toml: [kiosk], [portal], [printer], [display],
// [staff], ...) plus one [provision] table with what must not live in quay.toml itself:
//
//   [provision]
//   format = 1
//   serial = 7                        # grows with every file for this kiosk (required)
//   token = "..."                     # the portal token (required)
//   ca_pem = """-----BEGIN ..."""     # optional extra CA bundle for the portal
//   ssh_authorized_keys = ["ssh-ed25519 AAAA... who@where"]   # optional: enables SSH
//   ssh_allow_from = ["10.20.0.0/16"] # required with keys: where SSH may come from
//   metrics_allow_from = ["10.20.0.5/32"]  # optional: who may scrape node-exporter (port
//                                          # 9100); none: closed (docs/monitoring.md)
//
// Checking it means installing it into a scratch directory and loading the result with
// quay::config::load_file: the very code the kiosk and quayctl run, so a file that passes
// here cannot be rejected by the kiosk. Mistakes come back as config::ConfigError naming
// the provisioning file, its line and the key.
//
// A kiosk applies a file only when it is signed by a key it trusts (signing.hpp) and its
// serial is greater than the installed one (docs/provisioning.md).

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quay/config/config.hpp"
#include "quay/provision/signing.hpp"

namespace quay::provision {

inline constexpr const char* kFileName = "quay-provision.toml";
inline constexpr std::size_t kMaxFileBytes = 256 * 1024;
// The image's node-exporter textfile directory is /run/quay-metrics (image-build/).
inline constexpr const char* kMetricsTextfile = "/run/quay-metrics/quay.prom";

struct Bundle {
    std::filesystem::path source;  // the provisioning file (for messages)
    std::int64_t serial = 0;       // provision.serial, >= 1
    std::string config_toml;       // quay.toml's tables, without token_file/ca_file
    std::string token;
    std::string ca_pem;                           // empty: none
    std::vector<std::string> ssh_keys;            // authorized_keys lines; empty: no SSH
    std::vector<std::string> ssh_allow_from;      // addresses/CIDRs SSH may come from
    std::vector<std::string> metrics_allow_from;  // who may scrape; empty: nobody
    std::vector<std::string> warnings;            // legal but probably unintended
    // As the kiosk will read it; portal.token_file and ca_file are only known at install.
    config::Config config;
    std::map<std::string, std::uint32_t> lines;  // config key -> line in the source
};

// The authorized_keys lines installed for a bundle: each key restricted with
// from="<ssh_allow_from>", which sshd enforces and the image's firewall reads
// (quay-ssh-allow). Empty when the bundle enables no SSH.
std::vector<std::string> authorized_keys(const Bundle& bundle);

// Parses and fully validates (see above). Throws config::ConfigError.
Bundle parse(std::string_view text, const std::filesystem::path& source);
Bundle load_file(const std::filesystem::path& file);

// What `quayctl provision write` turns into a file.
struct Inputs {
    std::int64_t serial = 0;
    std::string kiosk_id;
    std::string portal_url;
    std::string token;
    std::string ca_pem;
    std::vector<std::string> ssh_keys;
    std::vector<std::string> ssh_allow_from;
    // Also sets [metrics] textfile to kMetricsTextfile, where the image's node-exporter reads.
    std::vector<std::string> metrics_allow_from;
    std::optional<std::string> language;  // vi | en
    std::optional<std::string> printer_device;
    std::optional<std::int64_t> printer_width_dots;
    std::optional<std::string> scanner_device;
    std::optional<std::int64_t> rotation;
    std::optional<std::string> staff_pin_hash;
    std::optional<std::string> centre_name_vi;
    std::optional<std::string> centre_name_en;
    std::optional<std::string> update_url;  // [update] url: OS updates pulled on a timer
};
// The provisioning file's text; parse() of it succeeds or this throws ConfigError.
std::string write(const Inputs& in, const std::filesystem::path& name_for_messages);

// What is installed in a config directory now (from quay.toml's header); nullopt serial:
// nothing provisioned yet (or a hand-written quay.toml), so any serial may follow.
struct Installed {
    std::optional<std::int64_t> serial;
    std::string key_id;  // of the key that signed it; empty: unknown
    std::string digest;  // of the installed content
};
Installed installed(const std::filesystem::path& dir);

// A file the kiosk would apply: signed by a trusted key, valid, newer than installed.
struct Checked {
    Bundle bundle;
    PublicKey key;
};
// In order: size (too_large), UTF-8 (not_utf8), signature (unsigned, bad_signature,
// untrusted_key), content (config::ConfigError), serial (stale_serial: not greater than
// installed_serial). Throws Refused or config::ConfigError.
Checked check(std::string_view file_bytes, const std::filesystem::path& source,
              const std::vector<PublicKey>& trusted, std::optional<std::int64_t> installed_serial);
// At most kMaxFileBytes + 1 bytes of a regular file (so check() can say too_large);
// throws Error("io_error") for anything else (missing, a FIFO, a directory).
std::string read_file(const std::filesystem::path& file);

// Who owns the installed token (the kiosk's user); nullopt: whoever runs the install.
struct Owner {
    uid_t uid;
    gid_t gid;
};
std::optional<Owner> lookup_owner(const std::string& user);  // nullopt: no such user

struct InstallResult {
    std::filesystem::path config_file;  // DIR/quay.toml
    bool changed;                       // false: the same bundle was installed already
    std::optional<std::int64_t> previous_serial;
};

// Installs into dir (e.g. /etc/quay): quay.toml, token-XXXX (0400), ca-XXXX.pem and
// authorized_keys. quay.toml is replaced last, by rename, only after the staged files load
// with config::load_file; until then the previous config and its files stay untouched.
// The serial and signing key are recorded in quay.toml's header, so they change in the
// same rename as the config. The serial rule is checked here, under the directory's lock:
// a serial below the installed one, or equal with other content, is Refused("stale_serial");
// equal with the same content changes nothing (changed = false).
// Throws Refused, config::ConfigError (a mistake in the bundle) or quay::Error (I/O).
InstallResult install(const Bundle& bundle, const std::filesystem::path& dir,
                      std::optional<Owner> owner, const std::string& key_id = {});

}  // namespace quay::provision
