#include "reply.hpp"

#include <chrono>
#include <memory>

#include "util.hpp"

namespace quay::portal_sim {

namespace {

constexpr const char* captive_page =
    "<!DOCTYPE html><html><head><title>Wi-Fi login</title></head><body>"
    "<h1>Đăng nhập Wi-Fi</h1><form method=\"post\" action=\"/login\">"
    "<input name=\"phone\"><button>Tiếp tục</button></form></body></html>";

std::string default_error_code(int status) {
    switch (status) {
        case 400:
            return "bad_request";
        case 401:
        case 403:
            return "unauthorized";
        case 404:
            return "not_found";
        case 409:
            return "in_progress";
        case 413:
            return "too_large";
        case 422:
            return "validation_failed";
        case 429:
        case 503:
            return "overloaded";
        default:
            return status >= 500 ? "server_error" : "injected";
    }
}

std::string retry_after_of(const Reply& r) {
    for (const auto& [k, v] : r.headers)
        if (k == "Retry-After") return v;
    return {};
}

void set_plain(const Reply& r, httplib::Response& res) {
    res.status = r.status;
    for (const auto& [k, v] : r.headers)
        res.set_header(k, v);
    if (r.status == 204 || r.status == 304) return;
    res.set_content(r.body, r.content_type);
}

}  // namespace

void mark_dropped(httplib::Response& res) {
    res.status = 200;
    res.set_header("Content-Type", "application/json");
}

Reply error_reply(int status, const std::string& code, const std::string& message) {
    nlohmann::json body = {{"error", code}};
    if (!message.empty()) body["message"] = message;
    return {status, body.dump(), "application/json", {}, code};
}

Reply fault_reply(const Fault& f) {
    switch (f.kind) {
        case FaultKind::captive_html:
            return {200, captive_page, "text/html; charset=utf-8", {}, "captive"};
        case FaultKind::reject: {
            const nlohmann::json body = {
                {"error", "validation_failed"},
                {"details", {{{"field", f.field}, {"message", f.message}}}}};
            return {422, body.dump(), "application/json", {}, "rejected"};
        }
        default:
            break;
    }
    Reply r;
    r.status = f.code;
    r.outcome = "injected";
    if (!f.body.empty()) {
        r.body = f.body;
    } else {
        nlohmann::json body = {{"error", default_error_code(f.code)}};
        if (f.code == 400) body["message"] = "injected bad request";
        if (f.code == 422) body["details"] = {{{"field", f.field}, {"message", f.message}}};
        r.body = body.dump();
    }
    if (!f.location.empty()) r.headers.emplace_back("Location", f.location);
    if (f.retry_after) r.headers.emplace_back("Retry-After", std::to_string(*f.retry_after));
    if (f.retry_after_date) {
        // Round up to a whole second: an HTTP date cannot say less than the wait meant.
        const auto now = std::chrono::system_clock::now();
        const auto whole = std::chrono::ceil<std::chrono::seconds>(now);
        r.headers.emplace_back("Retry-After",
                               http_date(whole + std::chrono::seconds(*f.retry_after_date)));
    }
    return r;
}

void write_reply(Reply r, const Fault* fault, const httplib::Request& req, httplib::Response& res,
                 const Shutdown& shutdown, std::function<void(Sent)> done) {
    if (!fault) {
        set_plain(r, res);
        done({r.status, r.outcome, retry_after_of(r)});
        return;
    }
    const bool ack = r.status == 200 || r.status == 201;
    switch (fault->kind) {
        case FaultKind::lost_ack: {
            const auto fd = find_socket(req);
            if (!fd) break;  // cannot happen on Linux; the plain reply is logged below
            drop_connection(*fd);
            mark_dropped(res);
            done({0, r.outcome + "+dropped", {}});
            return;
        }
        case FaultKind::wrong_id:
        case FaultKind::empty_ref: {
            auto body = nlohmann::json::parse(r.body, nullptr, false);
            if (ack && body.is_object()) {
                if (fault->kind == FaultKind::wrong_id) {
                    body["dossier_id"] = random_uuid();
                } else {
                    body["portal_ref"] = "";
                }
                r.body = body.dump();
                r.outcome += fault->kind == FaultKind::wrong_id ? "+wrong_id" : "+empty_ref";
            }
            break;
        }
        case FaultKind::wrong_type:
            r.content_type = "text/plain; charset=utf-8";
            r.outcome += "+wrong_type";
            break;
        case FaultKind::status: {
            Reply replaced = fault_reply(*fault);
            replaced.outcome = r.outcome + "+replaced";
            r = std::move(replaced);
            break;
        }
        case FaultKind::truncate: {
            const std::size_t half = r.body.size() / 2;
            if (fault->mode == "short") {
                r.body.resize(half);
                r.outcome += "+truncated";
                break;
            }
            res.status = r.status;
            for (const auto& [k, v] : r.headers)
                res.set_header(k, v);
            auto body = std::make_shared<std::string>(std::move(r.body));
            // Content-Length promises the whole body; half is sent, then the connection closes.
            res.set_content_provider(
                body->size(), r.content_type,
                [body, half](std::size_t offset, std::size_t, httplib::DataSink& sink) {
                    if (offset < half) sink.write(body->data(), half);
                    return offset < half;
                },
                [done, status = r.status, outcome = r.outcome](bool) {
                    done({status, outcome + "+truncated", {}});
                });
            return;
        }
        case FaultKind::stall: {
            const auto fd = find_socket(req);
            if (!fd) break;
            const std::chrono::milliseconds max(fault->max_ms);
            if (fault->phase == "headers") {
                const WaitEnd end = wait_for_peer_to_leave(*fd, shutdown, max);
                drop_connection(*fd);
                mark_dropped(res);
                done({0,
                      r.outcome + (end == WaitEnd::peer_left ? "+stalled,client_left" : "+stalled"),
                      {}});
                return;
            }
            res.status = r.status;
            for (const auto& [k, v] : r.headers)
                res.set_header(k, v);
            auto body = std::make_shared<std::string>(std::move(r.body));
            const std::size_t half = body->size() / 2;
            auto left = std::make_shared<bool>(false);
            res.set_content_provider(
                body->size(), r.content_type,
                [body, half, fd = *fd, max, left, &shutdown](std::size_t offset, std::size_t,
                                                             httplib::DataSink& sink) {
                    if (offset < half) return sink.write(body->data(), half);
                    *left = wait_for_peer_to_leave(fd, shutdown, max) == WaitEnd::peer_left;
                    return false;
                },
                [done, status = r.status, outcome = r.outcome, left](bool) {
                    done({status,
                          outcome + (*left ? "+stalled_body,client_left" : "+stalled_body"),
                          {}});
                });
            return;
        }
        case FaultKind::nested:
            r.body = std::string(static_cast<std::size_t>(fault->depth), '[') +
                     std::string(static_cast<std::size_t>(fault->depth), ']');
            r.content_type = "application/json";
            r.outcome += "+nested";
            break;
        case FaultKind::drip: {
            if (fault->endless) {
                // Headers at once, then a space every interval for ever: every byte resets a
                // stall timer, only a total deadline ends it.
                res.status = r.status;
                const auto interval = std::chrono::milliseconds(fault->interval_ms);
                res.set_chunked_content_provider(
                    r.content_type,
                    [interval, &shutdown](std::size_t, httplib::DataSink& sink) {
                        if (!shutdown.sleep_for(interval)) return false;
                        return sink.write(" ", 1);
                    },
                    [done, status = r.status, outcome = r.outcome](bool) {
                        done({status, outcome + "+drip_endless", {}});
                    });
                return;
            }
            res.status = r.status;
            for (const auto& [k, v] : r.headers)
                res.set_header(k, v);
            auto body = std::make_shared<std::string>(std::move(r.body));
            const auto interval = std::chrono::milliseconds(fault->interval_ms);
            const auto chunk = static_cast<std::size_t>(fault->chunk);
            auto complete = std::make_shared<bool>(false);
            res.set_content_provider(
                body->size(), r.content_type,
                [body, interval, chunk, complete, &shutdown](std::size_t offset, std::size_t,
                                                             httplib::DataSink& sink) {
                    if (!shutdown.sleep_for(interval)) return false;
                    const std::size_t n = std::min(chunk, body->size() - offset);
                    if (!sink.write(body->data() + offset, n)) return false;
                    if (offset + n == body->size()) *complete = true;
                    return true;
                },
                [done, status = r.status, outcome = r.outcome, complete](bool) {
                    done({status, outcome + (*complete ? "+dripped" : "+drip_aborted"), {}});
                });
            return;
        }
        default:
            break;
    }
    set_plain(r, res);
    done({r.status, r.outcome, retry_after_of(r)});
}

}  // namespace quay::portal_sim
