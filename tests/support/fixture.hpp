#pragma once
// One test's world: a temporary directory, the simulator, and a kiosk pointed at it.

#include <chrono>
#include <string>
#include <vector>

#include "kiosk.hpp"
#include "sim.hpp"
#include "temp_dir.hpp"

namespace quay::testing {

inline const std::string kiosk_token = "test-kiosk-token";

std::filesystem::path make_subdir(const std::filesystem::path& dir, const std::string& name);
inline std::filesystem::path make_subdir(const TempDir& dir, const std::string& name) {
    return make_subdir(dir.path(), name);
}

struct Fixture {
    explicit Fixture(const std::string& name, SimOptions sim_options = {},
                     KioskOptions kiosk_options = {});
    TempDir dir;
    Sim sim;
    Kiosk kiosk;

    // POST /v1/dossiers requests the simulator saw for one dossier, oldest first.
    std::vector<nlohmann::json> posts_for(const std::string& dossier_id) const;
    // Submits n drafts (procedures in turn); returns their submit outputs.
    std::vector<nlohmann::json> submit(std::size_t n) const;
};

// "2026-11-22T09:15:02+07:00" (fraction and Z allowed) as a time point; throws if malformed.
std::chrono::system_clock::time_point parse_rfc3339(const std::string& s);
// "Sun, 22 Nov 2026 02:15:02 GMT".
std::chrono::system_clock::time_point parse_http_date(const std::string& s);

}  // namespace quay::testing
