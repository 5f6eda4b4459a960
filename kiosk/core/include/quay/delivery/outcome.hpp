#pragma once
// What one POST /v1/dossiers try means for the item (the response table of portal-api.md).
// Pure: the sender records it; tests check every row.

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "quay/delivery/portal_client.hpp"

namespace quay::delivery {

struct Outcome {
    enum class Kind { delivered, retry, dead, unauthorized };
    Kind kind = Kind::retry;
    std::string portal_ref;                    // delivered
    std::string error;                         // one line for staff, no personal data
    nlohmann::json details;                    // dead: the portal's message/details
    std::optional<std::chrono::seconds> wait;  // retry: Retry-After, capped at 1 hour
    bool log = false;                          // an unexpected answer worth a log line
};

// now_unix: wall clock seconds, to turn an HTTP-date Retry-After into a delay.
Outcome classify(const Result& result, std::string_view dossier_id, std::int64_t now_unix);

// What a stored last_error (an Outcome::error line above) means, in one word for staff:
// "network", "busy", "in_progress", "portal_error", "odd_answer", "refused",
// "unauthorized", or "other"; "" for no error. The staff screen says it as
// staff2.error.<kind> beside the line itself (docs/staff-guide.md).
std::string_view error_kind(std::string_view error);

// Retry-After as seconds (delta-seconds or HTTP-date), capped at 3600; nullopt if unusable.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value,
                                                      std::int64_t now_unix);

}  // namespace quay::delivery
