#pragma once
// Kiosk bearer tokens. The token file has one entry per line: "TOKEN" (valid for any kiosk
// id, as in a development setup) or "KIOSK_ID TOKEN" (bound to one kiosk); blank lines and
// lines starting with '#' are ignored. A kiosk's own token file (one token) is a valid
// simulator token file.

#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace quay::portal_sim {

enum class Auth { ok, missing, bad };

class Tokens {
  public:
    explicit Tokens(std::filesystem::path file);
    // Re-reads the file (admin call); throws std::runtime_error and keeps the old set
    // when the file cannot be read or holds no token.
    void reload();
    // authorization: the Authorization header; kiosk_id: the X-Kiosk-Id header.
    Auth check(std::string_view authorization, std::string_view kiosk_id) const;

  private:
    struct Entry {
        std::string kiosk_id;  // empty: any kiosk
        std::string token;
    };
    static std::vector<Entry> read(const std::filesystem::path& file);

    std::filesystem::path file_;
    mutable std::mutex mutex_;  // guards entries_
    std::vector<Entry> entries_;
};

}  // namespace quay::portal_sim
