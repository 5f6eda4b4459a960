#pragma once
// The built quay-portal-sim as a subprocess on an ephemeral loopback port, and its admin
// endpoints (docs/portal-simulator.md).

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "process.hpp"

namespace quay::testing {

std::filesystem::path sim_binary();

struct SimOptions {
    std::vector<std::string> faults;  // --fault SPEC
    std::optional<std::filesystem::path> catalog;
    std::string token_file_text = "test-kiosk-token\n";
    std::vector<std::string> extra_args;

    SimOptions& with_faults(std::vector<std::string> specs) {
        faults = std::move(specs);
        return *this;
    }
    SimOptions& with_catalog(std::filesystem::path file) {
        catalog = std::move(file);
        return *this;
    }
    SimOptions& with_tokens(std::string text) {
        token_file_text = std::move(text);
        return *this;
    }
    SimOptions& with_args(std::vector<std::string> args) {
        extra_args = std::move(args);
        return *this;
    }
};

class Sim {
  public:
    // Starts the simulator with its files in dir (reusing dir/portal.db if present).
    Sim(const std::filesystem::path& dir, SimOptions options = {});
    ~Sim();
    Sim(const Sim&) = delete;
    Sim& operator=(const Sim&) = delete;

    // SIGTERM and wait; the exit status (0 for a clean stop).
    int stop();

    int port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    const std::filesystem::path& token_file() const { return token_file_; }
    const std::filesystem::path& db() const { return db_; }

    // Admin calls; they throw std::runtime_error on a non-2xx answer.
    nlohmann::json admin(const std::string& method, const std::string& path,
                         const std::string& body = "",
                         const std::string& content_type = "application/json") const;
    nlohmann::json add_fault(const std::string& text_spec) const;
    void clear_faults() const;
    nlohmann::json requests(std::int64_t since = 0) const;  // the array
    // Requests to one path prefix with a method, e.g. ("POST", "/v1/dossiers").
    std::vector<nlohmann::json> requests_to(const std::string& method,
                                            const std::string& path_prefix) const;
    nlohmann::json dossiers() const;  // the array
    std::int64_t dossier_count() const;
    std::optional<nlohmann::json> dossier(const std::string& id_or_receipt) const;
    nlohmann::json heartbeats() const;  // the array

    // A client for raw gateway calls (tests of the simulator itself).
    httplib::Client client() const;

  private:
    std::filesystem::path dir_, db_, token_file_;
    std::optional<Child> child_;
    int port_ = 0;
    std::string admin_token_;
};

// Checks cond every 20 ms until it holds or the deadline passes, for state another process
// keeps and announces nowhere (the simulator's request log, a kiosk's SQLite file, a
// worker's health counters). It returns as soon as cond holds: the timeout only bounds a
// failure, so a passing test never waits out a clock (docs/development.md, test tiers).
bool wait_until(const std::function<bool()>& cond, std::chrono::milliseconds timeout);

}  // namespace quay::testing
