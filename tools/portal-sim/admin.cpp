#include "admin.hpp"

#include <array>
#include <stdexcept>

#include "util.hpp"

namespace quay::portal_sim {

namespace {

constexpr std::array<std::string_view, 6> statuses = {
    "received", "processing", "needs_supplement", "ready_for_pickup", "returned", "rejected"};

void json_reply(httplib::Response& res, int status, const nlohmann::json& body) {
    res.status = status;
    res.set_content(body.dump(), "application/json");
}

void admin_error(httplib::Response& res, int status, const std::string& message) {
    json_reply(res, status,
               {{"error", status == 404 ? "not_found" : "bad_request"}, {"message", message}});
}

// bundle_id: the body's (docs/bundles.md), null when it has none.
nlohmann::json summary(const StoredDossier& d) {
    const auto body = nlohmann::json::parse(d.body, nullptr, false);
    nlohmann::json bundle_id = nullptr;
    if (body.is_object() && body.contains("bundle_id") && body["bundle_id"].is_string())
        bundle_id = body["bundle_id"];
    return {{"dossier_id", d.dossier_id}, {"receipt_code", d.receipt_code},
            {"kiosk_id", d.kiosk_id},     {"portal_ref", d.portal_ref},
            {"status", d.status},         {"received_at", d.received_at},
            {"updated_at", d.updated_at}, {"body_sha256", d.body_sha256},
            {"bundle_id", bundle_id}};
}

std::int64_t int_param(const httplib::Request& req, const char* name, std::int64_t fallback) {
    if (!req.has_param(name)) return fallback;
    try {
        return std::stoll(req.get_param_value(name));
    } catch (const std::exception&) {
        throw std::invalid_argument(std::string(name) + " must be a whole number");
    }
}

}  // namespace

Admin::Admin(std::string token, Store& store, Tokens& tokens, FaultSet& faults, RequestLog& log,
             Gateway& gateway)
    : token_(std::move(token)),
      store_(store),
      tokens_(tokens),
      faults_(faults),
      log_(log),
      gateway_(gateway) {}

Admin::Handler Admin::guarded(Handler h) const {
    return [this, h = std::move(h)](const httplib::Request& req, httplib::Response& res) {
        const std::string auth = req.get_header_value("Authorization");
        if (auth.rfind("Bearer ", 0) != 0 || !same_secret(auth.substr(7), token_)) {
            json_reply(res, 401, {{"error", "unauthorized"}, {"message", "admin token required"}});
            return;
        }
        try {
            h(req, res);
        } catch (const std::invalid_argument& e) {
            admin_error(res, 400, e.what());
        } catch (const nlohmann::json::exception& e) {
            admin_error(res, 400, e.what());
        }
    };
}

void Admin::install(httplib::Server& server) {
    server.Get("/_sim/health", [](const httplib::Request&, httplib::Response& res) {
        json_reply(res, 200, {{"ok", true}});
    });
    server.Get("/_sim/faults", guarded([this](const httplib::Request&, httplib::Response& res) {
                   json_reply(res, 200, {{"faults", faults_.list()}});
               }));
    server.Post("/_sim/faults", guarded([this](const httplib::Request& req,
                                               httplib::Response& res) { add_faults(req, res); }));
    server.Delete("/_sim/faults", guarded([this](const httplib::Request&, httplib::Response& res) {
                      faults_.clear();
                      json_reply(res, 200, {{"faults", faults_.list()}});
                  }));
    server.Delete(R"(/_sim/faults/([^/]+))",
                  guarded([this](const httplib::Request& req, httplib::Response& res) {
                      if (!faults_.remove(req.matches[1].str())) {
                          admin_error(res, 404, "no fault " + req.matches[1].str());
                          return;
                      }
                      json_reply(res, 200, {{"faults", faults_.list()}});
                  }));
    server.Get("/_sim/dossiers",
               guarded([this](const httplib::Request& req, httplib::Response& res) {
                   list_dossiers(req, res);
               }));
    server.Get(R"(/_sim/dossiers/([^/]+))",
               guarded([this](const httplib::Request& req, httplib::Response& res) {
                   show_dossier(req, res);
               }));
    server.Post(R"(/_sim/dossiers/([^/]+)/advance)",
                guarded([this](const httplib::Request& req, httplib::Response& res) {
                    advance(req, res);
                }));
    server.Get("/_sim/requests",
               guarded([this](const httplib::Request& req, httplib::Response& res) {
                   const auto since = int_param(req, "since", 0);
                   const auto limit = int_param(req, "limit", 100'000);
                   if (limit < 1) throw std::invalid_argument("limit must be >= 1");
                   json_reply(res, 200,
                              {{"requests", log_.since(since, static_cast<std::size_t>(limit))},
                               {"now_ms", epoch_ms(std::chrono::system_clock::now())},
                               {"now_mono_ms", log_.now_mono_ms()}});
               }));
    server.Delete("/_sim/requests",
                  guarded([this](const httplib::Request&, httplib::Response& res) {
                      log_.clear();
                      json_reply(res, 200, {{"cleared", true}});
                  }));
    server.Get("/_sim/heartbeats", guarded([this](const httplib::Request&, httplib::Response& res) {
                   const auto all = store_.heartbeats();
                   json_reply(res, 200, {{"count", all.size()}, {"heartbeats", all}});
               }));
    server.Put("/_sim/catalog",
               guarded([this](const httplib::Request& req, httplib::Response& res) {
                   json_reply(res, 200, {{"etag", gateway_.set_catalog(req.body)}});
               }));
    server.Post("/_sim/tokens/reload",
                guarded([this](const httplib::Request&, httplib::Response& res) {
                    try {
                        tokens_.reload();
                    } catch (const std::runtime_error& e) {
                        admin_error(res, 400, e.what());
                        return;
                    }
                    json_reply(res, 200, {{"reloaded", true}});
                }));
}

void Admin::add_faults(const httplib::Request& req, httplib::Response& res) {
    std::vector<Fault> parsed;
    const auto body = nlohmann::json::parse(req.body, nullptr, false);
    if (body.is_discarded()) {
        // Not JSON: one text spec per line.
        std::size_t start = 0;
        while (start < req.body.size()) {
            std::size_t end = req.body.find('\n', start);
            if (end == std::string::npos) end = req.body.size();
            const std::string line = req.body.substr(start, end - start);
            start = end + 1;
            if (line.find_first_not_of(" \t\r") != std::string::npos) {
                parsed.push_back(
                    parse_fault_text(line.substr(0, line.find_last_not_of(" \t\r") + 1)));
            }
        }
    } else if (body.is_array()) {
        for (const auto& f : body)
            parsed.push_back(parse_fault_json(f));
    } else {
        parsed.push_back(parse_fault_json(body));
    }
    if (parsed.empty()) throw std::invalid_argument("no fault given");
    // All parsed before any is added: a bad list changes nothing.
    nlohmann::json added = nlohmann::json::array();
    for (auto& f : parsed)
        added.push_back(to_json(faults_.add(std::move(f))));
    json_reply(res, 200, {{"added", added}, {"faults", faults_.list()}});
}

void Admin::list_dossiers(const httplib::Request& req, httplib::Response& res) {
    if (req.has_param("summary")) {
        json_reply(res, 200, {{"count", store_.count()}});
        return;
    }
    nlohmann::json items = nlohmann::json::array();
    for (const auto& d : store_.all())
        items.push_back(summary(d));
    json_reply(res, 200, {{"count", items.size()}, {"dossiers", items}});
}

std::optional<StoredDossier> Admin::find_dossier(const httplib::Request& req,
                                                 httplib::Response& res) const {
    const std::string key = req.matches[1];
    auto d = store_.find(key);
    if (!d) d = store_.find_by_receipt(key);
    if (!d) admin_error(res, 404, "no dossier " + key);
    return d;
}

void Admin::show_dossier(const httplib::Request& req, httplib::Response& res) {
    const auto d = find_dossier(req, res);
    if (!d) return;
    nlohmann::json out = summary(*d);
    out["body"] = d->body;
    out["reply"] = d->reply;
    out["history"] = store_.history(d->dossier_id);
    json_reply(res, 200, out);
}

void Admin::advance(const httplib::Request& req, httplib::Response& res) {
    const auto d = find_dossier(req, res);
    if (!d) return;
    const auto body = req.body.empty() ? nlohmann::json::object() : nlohmann::json::parse(req.body);
    if (!body.is_object()) throw std::invalid_argument("expected {\"status\", \"note\"}");
    std::string status;
    if (body.contains("status")) {
        status = body.at("status").get<std::string>();
        if (std::find(statuses.begin(), statuses.end(), status) == statuses.end()) {
            throw std::invalid_argument("unknown status " + status);
        }
    } else if (d->status == "received") {
        status = "processing";
    } else if (d->status == "processing") {
        status = "ready_for_pickup";
    } else {
        throw std::invalid_argument("no next status after " + d->status + ": give one");
    }
    const std::string note = body.contains("note") ? body.at("note").get<std::string>() : "";
    store_.advance(d->dossier_id, status, note);
    auto updated = store_.find(d->dossier_id);
    nlohmann::json out = summary(*updated);
    out["history"] = store_.history(d->dossier_id);
    json_reply(res, 200, out);
}

}  // namespace quay::portal_sim
