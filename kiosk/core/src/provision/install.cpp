#include <fcntl.h>
#include <pwd.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <toml++/toml.h>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "quay/error.hpp"
#include "quay/system/unique_fd.hpp"
#include "staging.hpp"

namespace quay::provision {
namespace fs = std::filesystem;

namespace {

constexpr const char* kDigestTag = "# provision-digest: ";

[[noreturn]] void io_fail(const std::string& what, const fs::path& p) {
    throw Error("io_error", what + " " + p.string() + ": " + std::strerror(errno));
}

using Fd = system::UniqueFd;

// A new file (never an existing one or a symlink), fully written and fsynced.
void write_new(const fs::path& p, std::string_view content, mode_t mode,
               std::optional<Owner> owner) {
    Fd fd(::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (fd.get() < 0) io_fail("cannot create", p);
    if (owner && ::fchown(fd.get(), owner->uid, owner->gid) != 0) io_fail("cannot chown", p);
    if (::fchmod(fd.get(), mode) != 0) io_fail("cannot chmod", p);
    std::size_t done = 0;
    while (done < content.size()) {
        const auto n = ::write(fd.get(), content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) io_fail("cannot write", p);
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd.get()) != 0) io_fail("cannot fsync", p);
    if (::close(fd.release()) != 0) io_fail("cannot close", p);
}

void fsync_dir(const fs::path& dir) {
    Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0 || ::fsync(fd.get()) != 0) io_fail("cannot fsync", dir);
}

std::string random_suffix() {
    if (::sodium_init() < 0) throw Error("crypto_unavailable", "libsodium could not start");
    unsigned char b[6];
    ::randombytes_buf(b, sizeof b);
    char hex[sizeof b * 2 + 1];
    ::sodium_bin2hex(hex, sizeof hex, b, sizeof b);
    return hex;
}

std::string read_small(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The digest recorded in an installed quay.toml, or "" when there is none.
std::string installed_digest(const fs::path& config_file) {
    std::istringstream in(read_small(config_file));
    std::string line;
    while (std::getline(in, line)) {
        if (line.starts_with(kDigestTag)) return line.substr(std::strlen(kDigestTag));
        if (!line.starts_with("#")) break;
    }
    return {};
}

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
    if (!parts.ssh_keys.empty()) {
        std::string keys;
        for (const auto& k : parts.ssh_keys)
            keys += k + "\n";
        keys_tmp_ = dir_ / ("authorized_keys.tmp-" + suffix_);
        written_.paths.push_back(keys_tmp_);
        write_new(keys_tmp_, keys, 0644, std::nullopt);
    }

    std::ostringstream text;
    text << "# Installed by `quayctl provision apply` from " << source_name.filename().string()
         << ".\n# Do not edit: write a new provisioning file and apply it.\n"
         << kDigestTag << parts.digest << "\n\n"
         << toml::toml_formatter(config) << "\n";
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
    return config::load_file(config_tmp_);
}

void Staging::commit() {
    const fs::path keys = dir_ / "authorized_keys";
    if (!keys_tmp_.empty() && ::rename(keys_tmp_.c_str(), keys.c_str()) != 0)
        io_fail("cannot rename into", keys);
    const fs::path config = dir_ / "quay.toml";
    if (::rename(config_tmp_.c_str(), config.c_str()) != 0) io_fail("cannot rename into", config);
    written_.keep = true;
    if (keys_tmp_.empty() && ::unlink(keys.c_str()) != 0 && errno != ENOENT)
        io_fail("cannot remove", keys);
    fsync_dir(dir_);
    // Files of earlier installs (and of interrupted ones) are no longer referenced.
    for (const auto& e : fs::directory_iterator(dir_)) {
        const auto name = e.path().filename().string();
        const bool ours = name.starts_with("token-") || name.starts_with("ca-") ||
                          name.starts_with("quay.toml.tmp-") ||
                          name.starts_with("authorized_keys.tmp-");
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

InstallResult install(const Bundle& bundle, const fs::path& dir, std::optional<Owner> owner) {
    detail::Parts parts{bundle.config_toml, bundle.token, bundle.ca_pem, bundle.ssh_keys, {}};
    parts.digest = detail::digest_of(parts);
    const fs::path config_file = dir / "quay.toml";
    if (fs::exists(config_file) && installed_digest(config_file) == parts.digest) {
        // The same bundle again (e.g. a USB stick left in): nothing to do, if it still loads.
        try {
            config::load_file(config_file);
            return {config_file, false};
        } catch (const config::ConfigError&) {
            // Damaged or tampered with since: install afresh below.
        }
    }
    detail::Staging staging(dir, parts, owner, bundle.source);
    try {
        staging.load();
    } catch (const config::ConfigError& e) {
        throw detail::reword(e, bundle.source, bundle.lines);
    }
    staging.commit();
    return {config_file, true};
}

}  // namespace quay::provision
