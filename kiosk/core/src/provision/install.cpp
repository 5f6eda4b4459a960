#include <fcntl.h>
#include <pwd.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <toml++/toml.h>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "files.hpp"
#include "quay/error.hpp"
#include "quay/system/unique_fd.hpp"
#include "staging.hpp"

namespace quay::provision {
namespace fs = std::filesystem;

namespace {

constexpr const char* kDigestTag = "# provision-digest: ";
constexpr const char* kSerialTag = "# provision-serial: ";
constexpr const char* kKeyTag = "# provision-key: ";

using detail::fsync_dir;
using detail::io_fail;
using detail::write_new;
using Fd = system::UniqueFd;

std::string random_suffix() {
    if (::sodium_init() < 0) throw Error("crypto_unavailable", "libsodium could not start");
    unsigned char b[6];
    ::randombytes_buf(b, sizeof b);
    char hex[sizeof b * 2 + 1];
    ::sodium_bin2hex(hex, sizeof hex, b, sizeof b);
    return hex;
}

// An exclusive lock on the config directory for one install (two sticks, or one plugged
// twice, never interleave); released when it goes.
class DirLock {
  public:
    explicit DirLock(const fs::path& dir)
        : fd_(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
        if (fd_.get() < 0) io_fail("cannot open", dir);
        while (::flock(fd_.get(), LOCK_EX) != 0) {
            if (errno != EINTR) io_fail("cannot lock", dir);
        }
    }

  private:
    Fd fd_;
};

}  // namespace

namespace detail {

std::string digest_of(const Parts& p) {
    if (::sodium_init() < 0) throw Error("crypto_unavailable", "libsodium could not start");
    crypto_hash_sha256_state st;
    ::crypto_hash_sha256_init(&st);
    auto add = [&](std::string_view s) {
        const std::string len = std::to_string(s.size()) + ":";
        ::crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(len.data()),
                                    len.size());
        ::crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(s.data()),
                                    s.size());
    };
    add(p.config_toml);
    add(p.token);
    add(p.ca_pem);
    for (const auto& k : p.ssh_keys)
        add(k);
    for (const auto& n : p.metrics_allow_from)
        add("metrics:" + n);
    unsigned char out[crypto_hash_sha256_BYTES];
    ::crypto_hash_sha256_final(&st, out);
    char hex[sizeof out * 2 + 1];
    ::sodium_bin2hex(hex, sizeof hex, out, sizeof out);
    return hex;
}

Staging::Staging(const fs::path& dir, const Parts& parts, std::optional<Owner> owner,
                 const fs::path& source_name)
    : dir_(dir), suffix_(random_suffix()) {
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec) throw Error("io_error", "cannot create " + dir_.string() + ": " + ec.message());

    toml::table config = toml::parse(parts.config_toml);
    auto* portal = config["portal"].as_table();
    if (!portal) config.insert("portal", toml::table{}), portal = config["portal"].as_table();

    const std::string token_name = "token-" + suffix_;
    written_.paths.push_back(dir_ / token_name);
    write_new(dir_ / token_name, parts.token + "\n", 0400, owner);
    portal->insert_or_assign("token_file", token_name);
    if (!parts.ca_pem.empty()) {
        const std::string ca_name = "ca-" + suffix_ + ".pem";
        written_.paths.push_back(dir_ / ca_name);
        write_new(dir_ / ca_name, parts.ca_pem, 0644, std::nullopt);
        portal->insert_or_assign("ca_file", ca_name);
    }
    // A list file (one entry a line, world-readable) staged as NAME.tmp-<suffix>; none
    // when the list is empty (commit() then removes NAME).
    const auto stage_lines = [&](const std::string& name, const std::vector<std::string>& lines) {
        if (lines.empty()) return fs::path();
        std::string content;
        for (const auto& l : lines)
            content += l + "\n";
        const fs::path tmp = dir_ / (name + ".tmp-" + suffix_);
        written_.paths.push_back(tmp);
        write_new(tmp, content, 0644, std::nullopt);
        return tmp;
    };
    keys_tmp_ = stage_lines("authorized_keys", parts.ssh_keys);
    metrics_tmp_ = stage_lines("metrics_allow_from", parts.metrics_allow_from);

    std::ostringstream text;
    text << "# Installed by `quayctl provision apply` from " << source_name.filename().string()
         << ".\n# Do not edit: write a new provisioning file and apply it.\n"
         << kDigestTag << parts.digest << "\n"
         << kSerialTag << parts.serial << "\n";
    if (!parts.key_id.empty()) text << kKeyTag << parts.key_id << "\n";
    text << "\n" << toml::toml_formatter(config) << "\n";
    config_tmp_ = dir_ / ("quay.toml.tmp-" + suffix_);
    written_.paths.push_back(config_tmp_);
    // Readable by the kiosk's group only: it holds the staff PIN hash.
    write_new(config_tmp_, text.str(), owner ? 0640 : 0600,
              owner ? std::optional<Owner>(Owner{::geteuid(), owner->gid}) : std::nullopt);
}

Staging::Written::~Written() {
    if (keep) return;
    for (const auto& p : paths) {
        std::error_code ec;
        fs::remove(p, ec);  // best effort: a leftover is removed by the next install
    }
}

config::Config Staging::load() const {
    return config::load_file(config_tmp_, config::Rules::hall);
}

void Staging::commit() {
    const fs::path keys = dir_ / "authorized_keys";
    if (!keys_tmp_.empty() && ::rename(keys_tmp_.c_str(), keys.c_str()) != 0)
        io_fail("cannot rename into", keys);
    const fs::path metrics = dir_ / "metrics_allow_from";
    if (!metrics_tmp_.empty() && ::rename(metrics_tmp_.c_str(), metrics.c_str()) != 0)
        io_fail("cannot rename into", metrics);
    const fs::path config = dir_ / "quay.toml";
    if (::rename(config_tmp_.c_str(), config.c_str()) != 0) io_fail("cannot rename into", config);
    written_.keep = true;
    if (keys_tmp_.empty() && ::unlink(keys.c_str()) != 0 && errno != ENOENT)
        io_fail("cannot remove", keys);
    if (metrics_tmp_.empty() && ::unlink(metrics.c_str()) != 0 && errno != ENOENT)
        io_fail("cannot remove", metrics);
    fsync_dir(dir_);
    // Files of earlier installs (and of interrupted ones) are no longer referenced.
    for (const auto& e : fs::directory_iterator(dir_)) {
        const auto name = e.path().filename().string();
        const bool ours = name.starts_with("token-") || name.starts_with("ca-") ||
                          name.starts_with("quay.toml.tmp-") ||
                          name.starts_with("authorized_keys.tmp-") ||
                          name.starts_with("metrics_allow_from.tmp-");
        if (ours && !name.ends_with(suffix_) && !name.ends_with(suffix_ + ".pem")) {
            std::error_code ec;
            fs::remove(e.path(), ec);
        }
    }
    fsync_dir(dir_);
}

config::ConfigError reword(const config::ConfigError& e, const fs::path& source,
                           const std::map<std::string, std::uint32_t>& lines) {
    std::string key = e.key();
    if (key == "portal.token_file") key = "provision.token";
    if (key == "portal.ca_file") key = "provision.ca_pem";
    const auto it = lines.find(key);
    return config::ConfigError(source, key, it == lines.end() ? 0 : it->second, e.problem());
}

}  // namespace detail

std::optional<Owner> lookup_owner(const std::string& user) {
    long size = ::sysconf(_SC_GETPW_R_SIZE_MAX);
    std::string buf(size > 0 ? static_cast<std::size_t>(size) : 16384, '\0');
    passwd pw{};
    passwd* found = nullptr;
    if (::getpwnam_r(user.c_str(), &pw, buf.data(), buf.size(), &found) != 0 || !found)
        return std::nullopt;
    return Owner{pw.pw_uid, pw.pw_gid};
}

Installed installed(const fs::path& dir) {
    Installed out;
    std::ifstream in(dir / "quay.toml", std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.starts_with("#")) break;
        if (line.starts_with(kDigestTag)) out.digest = line.substr(std::strlen(kDigestTag));
        if (line.starts_with(kKeyTag)) out.key_id = line.substr(std::strlen(kKeyTag));
        if (line.starts_with(kSerialTag)) {
            try {
                out.serial = std::stoll(line.substr(std::strlen(kSerialTag)));
            } catch (const std::exception&) {
                // Unreadable: as if none was recorded (only root writes this file).
            }
        }
    }
    return out;
}

InstallResult install(const Bundle& bundle, const fs::path& dir, std::optional<Owner> owner,
                      const std::string& key_id) {
    detail::Parts parts{
        bundle.config_toml,        bundle.token, bundle.ca_pem, authorized_keys(bundle),
        bundle.metrics_allow_from, {},           bundle.serial, key_id};
    parts.digest = detail::digest_of(parts);
    const fs::path config_file = dir / "quay.toml";
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw Error("io_error", "cannot create " + dir.string() + ": " + ec.message());
    DirLock lock(dir);
    const auto now = installed(dir);
    if (now.serial && bundle.serial < *now.serial) {
        throw Refused("stale_serial", "serial " + std::to_string(bundle.serial) +
                                          " is older than the installed serial " +
                                          std::to_string(*now.serial));
    }
    if (now.serial && bundle.serial == *now.serial) {
        if (now.digest != parts.digest) {
            throw Refused("stale_serial", "serial " + std::to_string(bundle.serial) +
                                              " is installed already with other content; a "
                                              "new file needs a greater serial");
        }
        // The same file again (e.g. a USB stick left in): nothing to do, if it still loads.
        try {
            config::load_file(config_file, config::Rules::hall);
            return {config_file, false, now.serial};
        } catch (const config::ConfigError&) {
            // Damaged since: the same signed file installs afresh below.
        }
    }
    detail::Staging staging(dir, parts, owner, bundle.source);
    try {
        staging.load();
    } catch (const config::ConfigError& e) {
        throw detail::reword(e, bundle.source, bundle.lines);
    }
    staging.commit();
    return {config_file, true, now.serial};
}

}  // namespace quay::provision
