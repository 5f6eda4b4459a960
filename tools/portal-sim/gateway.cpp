#include "gateway.hpp"

#include "util.hpp"
#include "validate.hpp"

namespace quay::portal_sim {

namespace {

bool is_json_content_type(const httplib::Request& req) {
    const std::string ct = req.get_header_value("Content-Type");
    const std::string media = ct.substr(0, ct.find(';'));
    return media == "application/json";
}

// If-None-Match: "*" or a list of (possibly weak) entity tags.
bool etag_matches(const std::string& header, const std::string& etag) {
    std::size_t start = 0;
    while (start < header.size()) {
        std::size_t end = header.find(',', start);
        if (end == std::string::npos) end = header.size();
        std::string tag = header.substr(start, end - start);
        start = end + 1;
        const auto first = tag.find_first_not_of(" \t");
        if (first == std::string::npos) continue;
        tag = tag.substr(first, tag.find_last_not_of(" \t") - first + 1);
        if (tag == "*") return true;
        if (tag.rfind("W/", 0) == 0) tag = tag.substr(2);
        if (tag == etag) return true;
    }
    return false;
}

// Releases an idempotency key when its request is done, whatever happened.
class KeyGuard {
  public:
    KeyGuard(std::mutex& m, std::set<std::string>& keys, std::string key)
        : mutex_(m), keys_(keys), key_(std::move(key)) {}
    KeyGuard(const KeyGuard&) = delete;
    KeyGuard& operator=(const KeyGuard&) = delete;
    ~KeyGuard() {
        std::lock_guard lock(mutex_);
        keys_.erase(key_);
    }

  private:
    std::mutex& mutex_;
    std::set<std::string>& keys_;
    std::string key_;
};

nlohmann::json validate_heartbeat(const nlohmann::json& b) {
    nlohmann::json details = nlohmann::json::array();
    auto problem = [&](const std::string& f, const std::string& m) {
        details.push_back({{"field", f}, {"message", m}});
    };
    auto count = [](const nlohmann::json& v) {
        return v.is_number_integer() && v.get<long long>() >= 0;
    };
    for (const char* key : {"app_version", "catalog_version", "printer"}) {
        if (!b.contains(key) || !b[key].is_string()) problem(key, "must be a string");
    }
    if (!b.contains("uptime_s") || !count(b["uptime_s"])) {
        problem("uptime_s", "must be a whole number >= 0");
    }
    if (!b.contains("queue") || !b["queue"].is_object()) {
        problem("queue", "must be an object");
    } else {
        const auto& q = b["queue"];
        for (const char* key : {"pending", "dead"}) {
            if (!q.contains(key) || !count(q[key])) {
                problem(std::string("queue.") + key, "must be a whole number >= 0");
            }
        }
        if (!q.contains("oldest_pending_age_s") ||
            !(q["oldest_pending_age_s"].is_null() || count(q["oldest_pending_age_s"]))) {
            problem("queue.oldest_pending_age_s", "must be a whole number >= 0 or null");
        }
    }
    return details;
}

std::string dossier_id_hint(const httplib::Request& req) {
    std::string key = req.get_header_value("Idempotency-Key");
    if (!key.empty()) return key;
    const auto body = nlohmann::json::parse(req.body, nullptr, false);
    if (body.is_object() && body.contains("dossier_id") && body["dossier_id"].is_string()) {
        return body["dossier_id"].get<std::string>();
    }
    return {};
}

}  // namespace

ServedCatalog make_served_catalog(std::string body) {
    ServedCatalog c;
    c.doc.etag = "\"" + sha256_hex(body).substr(0, 32) + "\"";
    const auto doc = nlohmann::json::parse(body, nullptr, false);
    if (doc.is_object() && doc.contains("procedures") && doc["procedures"].is_array()) {
        for (const auto& p : doc["procedures"]) {
            if (p.is_object() && p.contains("code") && p["code"].is_string()) {
                c.procedures.insert(p["code"].get<std::string>());
            }
        }
    }
    c.doc.body = std::move(body);
    return c;
}

Gateway::Gateway(Store& store, Tokens& tokens, FaultSet& faults, RequestLog& log,
                 const Shutdown& shutdown, ServedCatalog catalog)
    : store_(store),
      tokens_(tokens),
      faults_(faults),
      log_(log),
      shutdown_(shutdown),
      catalog_(std::make_shared<const ServedCatalog>(std::move(catalog))) {}

std::string Gateway::set_catalog(std::string body) {
    auto served = std::make_shared<const ServedCatalog>(make_served_catalog(std::move(body)));
    store_.set_catalog(served->doc);
    std::lock_guard lock(mutex_);
    catalog_ = served;
    return served->doc.etag;
}

std::shared_ptr<const ServedCatalog> Gateway::catalog() const {
    std::lock_guard lock(mutex_);
    return catalog_;
}

void Gateway::install(httplib::Server& server) {
    server.Post("/v1/dossiers", [this](const httplib::Request& req, httplib::Response& res) {
        serve(Endpoint::dossiers, req, res, dossier_id_hint(req),
              [&] { return post_dossier(req); });
    });
    server.Get(R"(/v1/dossiers/([^/]+)/status)",
               [this](const httplib::Request& req, httplib::Response& res) {
                   serve(Endpoint::status, req, res, {}, [&] { return get_status(req); });
               });
    server.Get("/v1/catalog", [this](const httplib::Request& req, httplib::Response& res) {
        serve(Endpoint::catalog, req, res, {}, [&] { return get_catalog(req); });
    });
    server.Post(R"(/v1/kiosks/([^/]+)/heartbeat)",
                [this](const httplib::Request& req, httplib::Response& res) {
                    serve(Endpoint::heartbeat, req, res, {}, [&] { return post_heartbeat(req); });
                });
}

void Gateway::serve(Endpoint endpoint, const httplib::Request& req, httplib::Response& res,
                    const std::string& dossier_id, const Process& process) {
    LogEntry entry;
    entry.method = req.method;
    entry.path = req.path;
    entry.kiosk_id = req.get_header_value("X-Kiosk-Id");
    entry.idempotency_key = req.get_header_value("Idempotency-Key");
    entry.dossier_id = dossier_id;
    const std::int64_t seq = log_.begin(std::move(entry));
    auto done_with = [this, seq](std::string tag) {
        return
            [this, seq, tag](Sent s) { log_.finish(seq, s.status, tag, s.outcome, s.retry_after); };
    };
    auto tag_of = [](const Fault& f) { return f.id + ":" + std::string(to_string(f.kind)); };

    if (auto f = faults_.pick(endpoint, dossier_id, Stage::before)) {
        if (f->kind == FaultKind::stall) {
            // Accepted and never answered; the request is not processed.
            const auto fd = find_socket(req);
            const WaitEnd end =
                fd ? wait_for_peer_to_leave(*fd, shutdown_, std::chrono::milliseconds(f->max_ms))
                   : WaitEnd::timed_out;
            if (fd) drop_connection(*fd);
            mark_dropped(res);
            done_with(tag_of(*f))(
                {0, end == WaitEnd::peer_left ? "stalled,client_left" : "stalled", {}});
            return;
        }
        write_reply(fault_reply(*f), nullptr, req, res, shutdown_, done_with(tag_of(*f)));
        return;
    }
    Reply reply = process();
    const auto after = faults_.pick(endpoint, dossier_id, Stage::after);
    write_reply(std::move(reply), after ? &*after : nullptr, req, res, shutdown_,
                done_with(after ? tag_of(*after) : std::string()));
}

std::optional<Reply> Gateway::authenticate(const httplib::Request& req) const {
    switch (
        tokens_.check(req.get_header_value("Authorization"), req.get_header_value("X-Kiosk-Id"))) {
        case Auth::ok:
            return std::nullopt;
        case Auth::missing:
            return error_reply(401, "unauthorized", "Authorization and X-Kiosk-Id are required");
        case Auth::bad:
            break;
    }
    return error_reply(401, "unauthorized", "the token is not valid for this kiosk");
}

Reply Gateway::post_dossier(const httplib::Request& req) {
    if (auto denied = authenticate(req)) return *denied;
    const std::string key = req.get_header_value("Idempotency-Key");
    if (key.empty()) return error_reply(400, "bad_request", "Idempotency-Key is required");
    if (!is_json_content_type(req)) {
        return error_reply(400, "bad_request", "Content-Type must be application/json");
    }
    const auto body = nlohmann::json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
        return error_reply(400, "bad_request", "the body is not a JSON object in UTF-8");
    }
    if (!body.contains("dossier_id") || !body["dossier_id"].is_string()) {
        return error_reply(400, "bad_request", "dossier_id is missing");
    }
    if (body["dossier_id"].get<std::string>() != key) {
        return error_reply(400, "bad_request", "Idempotency-Key differs from dossier_id");
    }
    {
        std::lock_guard lock(mutex_);
        if (in_progress_.contains(key)) return error_reply(409, "in_progress");
        if (const auto existing = store_.find(key)) {
            if (existing->body == req.body &&
                existing->kiosk_id == req.get_header_value("X-Kiosk-Id")) {
                return {200, existing->reply, "application/json", {}, "replay"};
            }
            Reply r = error_reply(422, "idempotency_mismatch");
            r.outcome = "mismatch";
            return r;
        }
        in_progress_.insert(key);
    }
    KeyGuard guard(mutex_, in_progress_, key);
    return store_new(req, body, key);
}

Reply Gateway::store_new(const httplib::Request& req, const nlohmann::json& body,
                         const std::string& id) {
    const std::string kiosk = req.get_header_value("X-Kiosk-Id");
    const auto details = validate_dossier(body, kiosk, catalog()->procedures);
    if (!details.empty()) {
        const nlohmann::json out = {{"error", "validation_failed"}, {"details", details}};
        return {422, out.dump(), "application/json", {}, "invalid"};
    }
    std::string outcome = "stored";
    if (const auto hold = faults_.pick(Endpoint::dossiers, id, Stage::during)) {
        // The key stays in progress meanwhile: a retry now gets 409.
        shutdown_.sleep_for(std::chrono::milliseconds(hold->ms));
        outcome = "stored+held";
    }
    const std::string& id_number = body["applicant"]["id_number"].get_ref<const std::string&>();
    const StoredDossier d = store_.insert({id, body["receipt_code"].get<std::string>(), kiosk,
                                           id_number.substr(id_number.size() - 4), req.body});
    return {201, d.reply, "application/json", {}, outcome};
}

Reply Gateway::get_status(const httplib::Request& req) {
    if (auto denied = authenticate(req)) return *denied;
    const std::string code = req.matches[1];
    const std::string last4 = req.get_param_value("id_last4");
    const auto d = store_.find_by_receipt(code);
    // A wrong id_last4 looks exactly like an unknown code: codes cannot be enumerated.
    if (!d || last4.size() != 4 || !same_secret(last4, d->id_last4)) {
        Reply r = error_reply(404, "not_found");
        return r;
    }
    const nlohmann::json out = {{"receipt_code", d->receipt_code},
                                {"portal_ref", d->portal_ref},
                                {"status", d->status},
                                {"updated_at", d->updated_at},
                                {"history", store_.history(d->dossier_id)}};
    return {200, out.dump(), "application/json", {}, "found"};
}

Reply Gateway::get_catalog(const httplib::Request& req) {
    if (auto denied = authenticate(req)) return *denied;
    const auto served = catalog();
    if (etag_matches(req.get_header_value("If-None-Match"), served->doc.etag)) {
        return {304, {}, "application/json", {{"ETag", served->doc.etag}}, "not_modified"};
    }
    return {200, served->doc.body, "application/json", {{"ETag", served->doc.etag}}, "catalog"};
}

Reply Gateway::post_heartbeat(const httplib::Request& req) {
    if (auto denied = authenticate(req)) return *denied;
    const std::string kiosk = req.matches[1];
    if (kiosk != req.get_header_value("X-Kiosk-Id")) {
        return error_reply(403, "unauthorized", "the path names another kiosk");
    }
    if (!is_json_content_type(req)) {
        return error_reply(400, "bad_request", "Content-Type must be application/json");
    }
    const auto body = nlohmann::json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
        return error_reply(400, "bad_request", "the body is not a JSON object in UTF-8");
    }
    if (const auto details = validate_heartbeat(body); !details.empty()) {
        const nlohmann::json out = {{"error", "validation_failed"}, {"details", details}};
        return {422, out.dump(), "application/json", {}, "invalid"};
    }
    store_.add_heartbeat(kiosk, req.body);
    return {204, {}, "application/json", {}, "stored"};
}

}  // namespace quay::portal_sim
