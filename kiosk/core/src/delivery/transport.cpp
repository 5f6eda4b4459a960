#include "quay/delivery/transport.hpp"

#include <algorithm>
#include <cctype>

#include "quay/config/config.hpp"

namespace quay::delivery {

namespace {

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), s.begin(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) == b;
           });
}

}  // namespace

std::string transport_refusal(std::string_view url) {
    if (starts_with_ci(url, "https://")) return "";
    if (starts_with_ci(url, "http://") && config::is_loopback_url(url)) return "";
    return "refused: plain http is allowed only for loopback addresses";
}

void apply_transport_policy(CURL* c, const std::string& url, const std::filesystem::path& ca_file) {
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, starts_with_ci(url, "https://") ? "https" : "http");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, ca_file.c_str());
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(c, CURLOPT_USERAGENT, "quay-kiosk/" QUAY_VERSION);
}

}  // namespace quay::delivery
