#pragma once
// The kiosk's one rule for outgoing HTTP: https, or plain http to a loopback address only;
// the peer's certificate and host name verified (plus the configured extra CA file); no
// proxy from the environment; no redirects. The portal client and the update download both
// go through it (portal-api.md, docs/updates.md).

#include <curl/curl.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace quay::delivery {

// Why url may not be fetched at all; empty when it may.
std::string transport_refusal(std::string_view url);

// Applies the rule to a (reset) curl handle for url.
void apply_transport_policy(CURL* c, const std::string& url, const std::filesystem::path& ca_file);

}  // namespace quay::delivery
