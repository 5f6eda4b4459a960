// The response table of portal-api.md, row by row.
#include "quay/delivery/outcome.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>

#include "quay/json_limits.hpp"
#include "quay/text/utf8.hpp"

namespace quay::delivery {

namespace {

constexpr std::int64_t max_wait_s = 3600;

// The portal's JSON answer, or {"body": first bytes} when it is not JSON.
nlohmann::json reply_details(const Response& r) {
    auto parsed = json_limits::parse(r.body);
    if (!parsed.is_discarded() && parsed.is_object()) return parsed;
    return {{"status", r.status}, {"body", r.body.substr(0, 200)}};
}

std::string error_code_of(const Response& r, const std::string& fallback) {
    const auto parsed = json_limits::parse(r.body);
    if (parsed.is_object()) {
        const auto it = parsed.find("error");
        if (it != parsed.end() && it->is_string() && !it->get<std::string>().empty())
            return it->get<std::string>();
    }
    return fallback;
}

// The portal's reason in words for staff: its "message" and each "details" entry
// ("field: message"), cut to a sane length. Empty when the answer carries none.
std::string reason_of(const Response& r) {
    const auto parsed = json_limits::parse(r.body);
    if (!parsed.is_object()) return {};
    std::string out;
    auto add = [&](const std::string& part) {
        if (part.empty()) return;
        if (!out.empty()) out += "; ";
        out += part;
    };
    if (const auto m = parsed.find("message"); m != parsed.end() && m->is_string())
        add(m->get<std::string>());
    if (const auto d = parsed.find("details"); d != parsed.end() && d->is_array()) {
        for (const auto& e : *d) {
            if (!e.is_object()) continue;
            const auto f = e.find("field");
            const auto m = e.find("message");
            std::string part = f != e.end() && f->is_string() ? f->get<std::string>() : "";
            if (m != e.end() && m->is_string())
                part += (part.empty() ? "" : ": ") + m->get<std::string>();
            add(part);
        }
    }
    out = text::to_nfc(out);  // the parser already refused invalid UTF-8
    constexpr std::size_t max_bytes = 1000;
    if (out.size() > max_bytes) {
        std::size_t cut = max_bytes;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80)
            --cut;  // never split a UTF-8 sequence
        out = out.substr(0, cut) + "…";
    }
    return out;
}

Outcome retry(std::string error, bool log = false) {
    Outcome o;
    o.kind = Outcome::Kind::retry;
    o.error = std::move(error);
    o.log = log;
    return o;
}

}  // namespace

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value,
                                                      std::int64_t now_unix) {
    while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front())))
        value.remove_prefix(1);
    while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back())))
        value.remove_suffix(1);
    if (value.empty()) return std::nullopt;
    if (std::all_of(value.begin(), value.end(),
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
        if (value.size() > 6) return std::chrono::seconds(max_wait_s);
        return std::chrono::seconds(
            std::min<std::int64_t>(std::stoll(std::string(value)), max_wait_s));
    }
    const std::string text(value);
    const time_t at = curl_getdate(text.c_str(), nullptr);
    if (at < 0) return std::nullopt;
    return std::chrono::seconds(std::clamp<std::int64_t>(at - now_unix, 0, max_wait_s));
}

Outcome classify(const Result& result, std::string_view dossier_id, std::int64_t now_unix) {
    if (!result.response) {
        return retry("network: " + std::string(to_string(result.error)) +
                     (result.error_text.empty() ? "" : ": " + result.error_text));
    }
    const Response& r = *result.response;
    const std::string status = "HTTP " + std::to_string(r.status);
    switch (r.status) {
        case 200:
        case 201: {
            // Strict: a captive portal's HTML page or someone else's answer is no delivery.
            if (!is_json_content_type(r.content_type))
                return retry(status + " without a JSON content type", true);
            const auto body = json_limits::parse(r.body);
            if (body.is_discarded() || !body.is_object())
                return retry(status + " with a body that is not a JSON object", true);
            const auto id = body.find("dossier_id");
            if (id == body.end() || !id->is_string() || id->get<std::string>() != dossier_id)
                return retry(status + " for a different dossier_id", true);
            const auto ref = body.find("portal_ref");
            if (ref == body.end() || !ref->is_string() || ref->get<std::string>().empty())
                return retry(status + " without a portal_ref", true);
            Outcome o;
            o.kind = Outcome::Kind::delivered;
            o.portal_ref = ref->get<std::string>();
            return o;
        }
        case 400:
        case 413:
        case 422: {
            Outcome o;
            o.kind = Outcome::Kind::dead;
            const char* fallback = r.status == 400   ? "bad_request"
                                   : r.status == 413 ? "too_large"
                                                     : "unprocessable";
            o.error = status + ": " + error_code_of(r, fallback);
            if (const auto why = reason_of(r); !why.empty()) o.error += ": " + why;
            o.details = reply_details(r);
            return o;
        }
        case 401:
        case 403: {
            Outcome o;
            o.kind = Outcome::Kind::unauthorized;
            o.error = status + ": " + error_code_of(r, "unauthorized");
            return o;
        }
        case 409:
            return retry(status + ": " + error_code_of(r, "in_progress"));
        case 429:
        case 503: {
            Outcome o = retry(status + ": overloaded");
            if (r.retry_after) o.wait = parse_retry_after(*r.retry_after, now_unix);
            return o;
        }
        default:
            return retry(status, r.status < 500);
    }
}

std::string_view error_kind(std::string_view error) {
    if (error.empty()) return "";
    if (error.starts_with("network: ")) return "network";
    if (!error.starts_with("HTTP ") || error.size() < 8) return "other";
    const std::string_view code = error.substr(5, 3);
    if (code == "401" || code == "403") return "unauthorized";
    if (code == "400" || code == "413" || code == "422") return "refused";
    if (code == "409") return "in_progress";
    if (code == "429" || code == "503") return "busy";
    if (code == "200" || code == "201") return "odd_answer";
    if (code[0] == '5') return "portal_error";
    return "other";
}

}  // namespace quay::delivery
