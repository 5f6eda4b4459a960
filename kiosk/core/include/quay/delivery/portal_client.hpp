#pragma once
// The kiosk's HTTP client for the portal gateway (portal-api.md), on libcurl.
// TLS verification is always on; plain http only for loopback hosts; redirects are never
// followed; responses are capped in size; a transfer with no progress for stall_timeout
// is aborted. Every request carries the bearer token and X-Kiosk-Id.
// One client per thread (it keeps one connection alive between requests).

#include <atomic>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "quay/config/config.hpp"
#include "quay/json_limits.hpp"

namespace quay::delivery {

struct PortalSettings {
    std::string base_url;  // "/v1/..." is appended
    std::string token;
    std::string kiosk_id;
    std::filesystem::path ca_file;  // extra CA bundle, on top of the system store
    std::chrono::milliseconds connect_timeout{10000};
    std::chrono::milliseconds stall_timeout{30000};  // no progress for this long aborts
    // The whole request, connect to last byte: a portal dripping a byte every few seconds
    // never trips the stall limit, this ends it (NetError::deadline).
    std::chrono::milliseconds deadline{120000};
    std::size_t max_response_bytes = json_limits::max_bytes;
};

// From [portal], [kiosk] and [delivery]; reads the token file. Throws config::ConfigError;
// throws Error{"offline"} when portal.url is empty.
PortalSettings settings_from(const config::Config& config);

// Why a request got no HTTP response.
enum class NetError { none, dns, connect, tls, stalled, deadline, too_large, aborted, other };
std::string_view to_string(NetError e);

struct Response {
    long status = 0;
    std::string content_type;  // lower-cased, parameters kept
    std::string body;
    std::optional<std::string> retry_after;  // raw header value
    std::optional<std::string> etag;
    // The HTTP Date header, when present and valid: the portal's clock (quay/clock_status.hpp).
    std::optional<std::chrono::system_clock::time_point> date;
};

struct Result {
    std::optional<Response> response;  // set when an HTTP answer arrived in full
    NetError error = NetError::none;
    std::string error_text;  // curl's message when no response
};

class PortalClient {
  public:
    explicit PortalClient(PortalSettings settings);
    PortalClient(PortalClient&&) noexcept;
    PortalClient& operator=(PortalClient&&) noexcept;
    ~PortalClient();

    const PortalSettings& settings() const noexcept;

    // abort (optional): set from another thread to abandon the transfer (NetError::aborted).
    Result post_dossier(std::string_view dossier_id, std::string_view body,
                        const std::atomic<bool>* abort = nullptr);
    Result get_status(std::string_view receipt_code, std::string_view id_last4,
                      const std::atomic<bool>* abort = nullptr);
    Result get_catalog(const std::optional<std::string>& etag, std::size_t max_bytes);
    Result post_heartbeat(std::string_view body);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// True when the Content-Type names JSON (application/json or application/*+json).
bool is_json_content_type(std::string_view content_type);

}  // namespace quay::delivery
