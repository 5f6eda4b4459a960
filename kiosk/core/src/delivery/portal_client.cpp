// libcurl, configured so that no server can talk the kiosk out of its safety rules:
// verification on, no redirects, capped answers, stall detection (portal-api.md).
#include "quay/delivery/portal_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <vector>

#include "quay/delivery/transport.hpp"
#include "quay/error.hpp"

namespace quay::delivery {

namespace {

struct CurlDeleter {
    void operator()(CURL* c) const noexcept { curl_easy_cleanup(c); }
};
struct SlistDeleter {
    void operator()(curl_slist* l) const noexcept { curl_slist_free_all(l); }
};
using CurlPtr = std::unique_ptr<CURL, CurlDeleter>;
using SlistPtr = std::unique_ptr<curl_slist, SlistDeleter>;

struct Transfer {
    std::string body;
    std::size_t cap = 0;
    bool too_large = false;
    const std::atomic<bool>* abort = nullptr;
    // Stall detection: the time of the last byte moved either way. curl's own low-speed
    // check averages over several seconds, so the request upload hides a stall behind it.
    std::chrono::milliseconds stall_timeout{30000};
    std::chrono::steady_clock::time_point last_progress = std::chrono::steady_clock::now();
    curl_off_t last_down = 0, last_up = 0;
    bool stalled = false;
    // Total deadline, checked here too so the reason is known (curl's CURLOPT_TIMEOUT_MS
    // below is the backstop and says only "timed out", as for a slow connect).
    std::chrono::milliseconds deadline{120000};
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    bool past_deadline = false;
};

std::size_t on_write(char* data, std::size_t size, std::size_t n, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const std::size_t bytes = size * n;
    if (t->body.size() + bytes > t->cap) {
        t->too_large = true;
        return 0;  // aborts the transfer
    }
    t->body.append(data, bytes);
    return bytes;
}

// Called by curl at least once a second while a transfer runs.
int on_progress(void* user, curl_off_t, curl_off_t down, curl_off_t, curl_off_t up) {
    auto* t = static_cast<Transfer*>(user);
    if (t->abort && t->abort->load()) return 1;
    const auto now = std::chrono::steady_clock::now();
    if (now - t->started >= t->deadline) {
        t->past_deadline = true;
        return 1;
    }
    if (down != t->last_down || up != t->last_up) {
        t->last_down = down;
        t->last_up = up;
        t->last_progress = now;
    } else if (now - t->last_progress >= t->stall_timeout) {
        t->stalled = true;
        return 1;
    }
    return 0;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::optional<std::string> header(CURL* c, const char* name) {
    curl_header* h = nullptr;
    if (curl_easy_header(c, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK || !h) return std::nullopt;
    return std::string(h->value);
}

NetError net_error(CURLcode rc, const Transfer& t) {
    switch (rc) {
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
            return NetError::dns;
        case CURLE_COULDNT_CONNECT:
            return NetError::connect;
        case CURLE_OPERATION_TIMEDOUT:
            return std::chrono::steady_clock::now() - t.started >= t.deadline ? NetError::deadline
                                                                              : NetError::stalled;
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        case CURLE_SSL_INVALIDCERTSTATUS:
        case CURLE_SSL_SHUTDOWN_FAILED:
        case CURLE_SSL_CRL_BADFILE:
            return NetError::tls;
        case CURLE_ABORTED_BY_CALLBACK:
            return t.past_deadline ? NetError::deadline
                   : t.stalled     ? NetError::stalled
                                   : NetError::aborted;
        case CURLE_FILESIZE_EXCEEDED:
            return NetError::too_large;
        case CURLE_WRITE_ERROR:
            return t.too_large ? NetError::too_large : NetError::other;
        default:
            return NetError::other;
    }
}

std::string trim_slash(std::string url) {
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    return url;
}

std::string escape(CURL* c, std::string_view s) {
    char* e = curl_easy_escape(c, s.data(), static_cast<int>(s.size()));
    std::string out = e ? e : "";
    curl_free(e);
    return out;
}

}  // namespace

std::string_view to_string(NetError e) {
    switch (e) {
        case NetError::none:
            return "none";
        case NetError::dns:
            return "dns";
        case NetError::connect:
            return "connect";
        case NetError::tls:
            return "tls";
        case NetError::stalled:
            return "stalled";
        case NetError::deadline:
            return "deadline";
        case NetError::too_large:
            return "too_large";
        case NetError::aborted:
            return "aborted";
        case NetError::other:
            return "other";
    }
    return "other";
}

bool is_json_content_type(std::string_view content_type) {
    std::string t = lower(std::string(content_type.substr(0, content_type.find(';'))));
    t.erase(std::remove_if(t.begin(), t.end(), [](unsigned char c) { return std::isspace(c); }),
            t.end());
    if (t == "application/json") return true;
    return t.rfind("application/", 0) == 0 && t.size() > 17 &&
           t.compare(t.size() - 5, 5, "+json") == 0;
}

PortalSettings settings_from(const config::Config& config) {
    if (config.portal.url.empty())
        throw Error("offline", "portal.url is empty: this kiosk delivers nothing");
    PortalSettings s;
    s.base_url = trim_slash(config.portal.url);
    s.token = config::read_token(config);
    s.kiosk_id = config.kiosk.id;
    s.ca_file = config.portal.ca_file;
    s.connect_timeout = std::chrono::milliseconds(config.delivery.connect_timeout_ms);
    s.stall_timeout = std::chrono::milliseconds(config.delivery.request_timeout_ms);
    s.deadline = std::chrono::milliseconds(config.delivery.request_deadline_ms);
    return s;
}

struct PortalClient::Impl {
    PortalSettings settings;
    CurlPtr curl;

    Result request(const std::string& path, const char* method, std::string_view body,
                   std::vector<std::string> extra_headers, std::size_t cap,
                   const std::atomic<bool>* abort);
};

Result PortalClient::Impl::request(const std::string& path, const char* method,
                                   std::string_view body, std::vector<std::string> extra_headers,
                                   std::size_t cap, const std::atomic<bool>* abort) {
    Result result;
    const std::string url = settings.base_url + path;
    if (auto why = transport_refusal(url); !why.empty()) {
        result.error = NetError::other;
        result.error_text = std::move(why);
        return result;
    }
    CURL* c = curl.get();
    curl_easy_reset(c);
    Transfer t;
    t.cap = cap;
    t.abort = abort;
    t.stall_timeout = settings.stall_timeout;
    t.deadline = settings.deadline;
    extra_headers.push_back("Authorization: Bearer " + settings.token);
    extra_headers.push_back("X-Kiosk-Id: " + settings.kiosk_id);
    extra_headers.push_back("Expect:");  // no 100-continue round trip
    SlistPtr headers;
    for (const auto& h : extra_headers) {
        curl_slist* next = curl_slist_append(headers.get(), h.c_str());
        if (!next) throw std::bad_alloc();
        (void)headers.release();
        headers.reset(next);
    }
    apply_transport_policy(c, url, settings.ca_file);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(settings.connect_timeout.count()));
    // Stall detection is in on_progress (no byte either way for stall_timeout); so is the
    // total deadline, with curl's own timeout a little later as the backstop.
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(settings.deadline.count() + 1000));
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(cap));
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);
    if (std::string_view(method) == "POST") {
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    } else {
        curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    }
    const CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) {
        result.error = net_error(rc, t);
        result.error_text = curl_easy_strerror(rc);
        return result;
    }
    Response r;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
    char* ct = nullptr;
    curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct);
    r.content_type = ct ? lower(ct) : "";
    r.body = std::move(t.body);
    r.retry_after = header(c, "Retry-After");
    r.etag = header(c, "ETag");
    if (const auto date = header(c, "Date")) {
        if (const time_t t = curl_getdate(date->c_str(), nullptr); t > 0)
            r.date = std::chrono::system_clock::from_time_t(t);
    }
    result.response = std::move(r);
    return result;
}

PortalClient::PortalClient(PortalSettings settings) : impl_(std::make_unique<Impl>()) {
    impl_->settings = std::move(settings);
    impl_->curl.reset(curl_easy_init());
    if (!impl_->curl) throw Error("portal_error", "libcurl could not start");
}
PortalClient::PortalClient(PortalClient&&) noexcept = default;
PortalClient& PortalClient::operator=(PortalClient&&) noexcept = default;
PortalClient::~PortalClient() = default;

const PortalSettings& PortalClient::settings() const noexcept {
    return impl_->settings;
}

Result PortalClient::post_dossier(std::string_view dossier_id, std::string_view body,
                                  const std::atomic<bool>* abort) {
    return impl_->request(
        "/v1/dossiers", "POST", body,
        {"Idempotency-Key: " + std::string(dossier_id), "Content-Type: application/json"},
        impl_->settings.max_response_bytes, abort);
}

Result PortalClient::get_status(std::string_view receipt_code, std::string_view id_last4,
                                const std::atomic<bool>* abort) {
    CURL* c = impl_->curl.get();
    return impl_->request(
        "/v1/dossiers/" + escape(c, receipt_code) + "/status?id_last4=" + escape(c, id_last4),
        "GET", {}, {"Accept: application/json"}, impl_->settings.max_response_bytes, abort);
}

Result PortalClient::get_catalog(const std::optional<std::string>& etag, std::size_t max_bytes) {
    std::vector<std::string> headers{"Accept: application/json"};
    if (etag) headers.push_back("If-None-Match: " + *etag);
    return impl_->request("/v1/catalog", "GET", {}, std::move(headers), max_bytes, nullptr);
}

Result PortalClient::post_heartbeat(std::string_view body) {
    CURL* c = impl_->curl.get();
    return impl_->request("/v1/kiosks/" + escape(c, impl_->settings.kiosk_id) + "/heartbeat",
                          "POST", body, {"Content-Type: application/json"},
                          impl_->settings.max_response_bytes, nullptr);
}

}  // namespace quay::delivery
