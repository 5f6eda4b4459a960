#pragma once
// Writing a bundle's files next to their final place under temporary names, and loading the
// staged quay.toml with config::load_file. Used by the check (into a scratch directory)
// and by install (into the target directory, then committed by rename).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "quay/provision/provision.hpp"

namespace quay::provision::detail {

struct Parts {
    std::string config_toml;
    std::string token;
    std::string ca_pem;
    std::vector<std::string> ssh_keys;
    std::vector<std::string> metrics_allow_from;  // metrics_allow_from, one a line
    std::string digest;                           // hex SHA-256 of all of the above
    std::int64_t serial = 0;
    std::string key_id;  // empty: not recorded
};

std::string digest_of(const Parts& p);

// Removes what it staged unless commit() succeeded.
class Staging {
  public:
    Staging(const std::filesystem::path& dir, const Parts& parts, std::optional<Owner> owner,
            const std::filesystem::path& source_name);
    Staging(const Staging&) = delete;
    Staging& operator=(const Staging&) = delete;

    // Loads the staged quay.toml with config::load_file; throws its ConfigError.
    config::Config load() const;
    // Renames authorized_keys, metrics_allow_from and then quay.toml into place, fsyncs the
    // directory and removes files of earlier installs.
    void commit();

  private:
    // Declared first so that a constructor that throws half-way still removes its files.
    struct Written {
        std::vector<std::filesystem::path> paths;
        bool keep = false;
        ~Written();
    };
    Written written_;
    std::filesystem::path dir_;
    std::string suffix_;
    std::filesystem::path config_tmp_;
    std::filesystem::path keys_tmp_;     // empty: no keys, authorized_keys is removed
    std::filesystem::path metrics_tmp_;  // empty: none, metrics_allow_from is removed
};

// A ConfigError about the staged file, re-worded to point into the provisioning file.
config::ConfigError reword(const config::ConfigError& e, const std::filesystem::path& source,
                           const std::map<std::string, std::uint32_t>& lines);

}  // namespace quay::provision::detail
