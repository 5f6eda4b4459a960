#pragma once
// A kiosk data directory and config driven only through the built quayctl, exactly as
// quayctl.md describes it (an outside test suite's view).

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "process.hpp"

namespace quay::testing {

std::filesystem::path quayctl_binary();

struct KioskOptions {
    std::string kiosk_id = "K0042";
    // Small values: tests must not wait minutes for a retry.
    std::int64_t backoff_base_ms = 20;
    std::int64_t backoff_cap_ms = 200;
    std::int64_t request_timeout_ms = 2000;
    std::int64_t request_deadline_ms = 120000;  // the contract's default
    std::optional<std::filesystem::path> catalog_file;
    std::string extra_toml;  // appended to the config as is

    KioskOptions& with_stall_limit_ms(std::int64_t ms) {
        request_timeout_ms = ms;
        return *this;
    }
    KioskOptions& with_deadline_ms(std::int64_t ms) {
        request_deadline_ms = ms;
        return *this;
    }
    KioskOptions& with_backoff_ms(std::int64_t base, std::int64_t cap) {
        backoff_base_ms = base;
        backoff_cap_ms = cap;
        return *this;
    }
};

class Kiosk {
  public:
    Kiosk(const std::filesystem::path& dir, const std::string& portal_url, const std::string& token,
          KioskOptions options = {});

    const std::filesystem::path& config() const { return config_; }
    const std::filesystem::path& data_dir() const { return data_dir_; }
    const std::string& kiosk_id() const { return options_.kiosk_id; }
    void set_token(const std::string& token) const;  // rewrites the token file, mode 0600

    RunResult quayctl(const std::vector<std::string>& args,
                      std::chrono::milliseconds timeout = std::chrono::seconds(120)) const;
    // Runs a command that must exit 0 and print one JSON document; throws otherwise.
    nlohmann::json ok(const std::vector<std::string>& args) const;

    // A valid draft for the n-th procedure of `catalog list` (wrapping around), filled
    // from `catalog show`.
    nlohmann::json draft(std::size_t n = 0) const;
    // submit must exit 0; returns its output.
    nlohmann::json submit(const nlohmann::json& draft) const;
    nlohmann::json queue() const;
    std::optional<nlohmann::json> item(const std::string& dossier_id) const;
    RunResult deliver_until_idle(int timeout_s = 60) const;

  private:
    std::filesystem::path dir_, config_, data_dir_, token_file_;
    KioskOptions options_;
    mutable int drafts_written_ = 0;
};

// The applicant object of every test dossier (ID number ending 3456).
nlohmann::json sample_applicant();

// A JSON value for a catalogue field of this type (quayctl.md `catalog show`).
nlohmann::json sample_value(const nlohmann::json& field);

}  // namespace quay::testing
