#pragma once
// OS updates pulled over HTTPS on a timer (quay-update-pull.timer, docs/updates.md):
// the first kManifestPrefixBytes of the bundle at [update] url, with one Range request,
// tell its signed version; only a version this kiosk neither runs, waits to try, nor rolled
// back from is downloaded (resumed where a cut left it), checked, and installed on the
// other slot. The restart into it is the night timer's (quay-update-reboot.timer).

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "quay/update/install.hpp"

namespace quay::update {

struct PullOptions {
    std::string url;
    std::filesystem::path ca_file;       // the portal's extra CA, if any
    std::filesystem::path download_dir;  // on /data, never inside the store's directory
    std::vector<provision::PublicKey> trusted;
    std::string arch;
    Target target;
    std::chrono::milliseconds connect_timeout{10000};
    std::chrono::seconds stall_timeout{60};  // no byte for this long: give up (resume later)
    // Left free on the download's filesystem: the queue shares it and must keep working.
    std::uint64_t reserve_bytes = 512ull << 20;
};

struct Pulled {
    enum class Outcome { up_to_date, skipped_rolled_back, installed };
    Outcome outcome = Outcome::up_to_date;
    Manifest manifest;
    std::uint64_t downloaded_bytes = 0;  // this run's, manifest prefix included
    bool resumed = false;
    std::optional<Installed> installed;
};
std::string_view to_string(Pulled::Outcome o);

// Throws Refused: "download_failed" (network, HTTP status: tried again at the next timer),
// "no_space", "too_large", and every bundle and install refusal. A bundle that fails its
// hashes is deleted so that the next run downloads it afresh.
Pulled pull(const PullOptions& options);

// The versions this kiosk rolled back from (download_dir/rolled-back): never pulled again.
std::vector<std::string> rolled_back_versions(const std::filesystem::path& download_dir);
void remember_rolled_back(const std::filesystem::path& download_dir, const std::string& version);

}  // namespace quay::update
