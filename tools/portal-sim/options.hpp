#pragma once
// Command line of quay-portal-sim (docs/portal-simulator.md).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "faults.hpp"

namespace quay::portal_sim {

struct Options {
    std::string host = "127.0.0.1";
    int port = 8787;  // 0: any free port
    std::filesystem::path db;
    std::filesystem::path token_file;
    std::optional<std::filesystem::path> catalog;
    std::optional<std::filesystem::path> admin_token_file;
    std::vector<Fault> faults;
    std::size_t max_body = 1 << 20;
    int threads = 32;
    bool log = false;
    bool exit_with_parent = false;           // stop when the process that started it ends
    std::optional<std::int64_t> fixed_time;  // Unix seconds: the store's clock stands still
    // Send an HTTP Date header, the simulator's clock plus this many seconds (a portal whose
    // clock disagrees with the kiosk's). Without it no Date is sent, as before.
    std::optional<std::int64_t> date_offset_s;
    bool help = false;
};

extern const char* const usage;

// Throws std::invalid_argument with a message for the user.
Options parse_options(const std::vector<std::string>& args);

}  // namespace quay::portal_sim
