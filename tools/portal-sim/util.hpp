#pragma once
// Small helpers of the simulator: hashes, ids and the time formats of the contract.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace quay::portal_sim {

std::string sha256_hex(std::string_view bytes);

// A random version 4 UUID, lower case.
std::string random_uuid();

// A random token of URL-safe characters.
std::string random_token(std::size_t length);

// RFC 3339 at +07:00 (the portal is in Vietnam), e.g. "2026-11-22T09:15:02+07:00".
std::string rfc3339_vn(std::chrono::system_clock::time_point t);

// IMF-fixdate for Retry-After, e.g. "Sun, 22 Nov 2026 02:15:02 GMT".
std::string http_date(std::chrono::system_clock::time_point t);

std::int64_t epoch_ms(std::chrono::system_clock::time_point t);

// Constant-time comparison for secrets.
bool same_secret(std::string_view a, std::string_view b);

}  // namespace quay::portal_sim
