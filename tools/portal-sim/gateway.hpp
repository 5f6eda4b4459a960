#pragma once
// The kiosk gateway, version 1 (portal-api.md): dossiers with idempotency, status lookup,
// catalogue with ETag, heartbeats. Every request passes through the fault stages.

#include <httplib.h>

#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "connection.hpp"
#include "faults.hpp"
#include "reply.hpp"
#include "request_log.hpp"
#include "store.hpp"
#include "tokens.hpp"

namespace quay::portal_sim {

// The catalogue being served and the procedure codes it lists.
struct ServedCatalog {
    CatalogDoc doc;
    std::set<std::string> procedures;  // empty when the document does not parse
};

ServedCatalog make_served_catalog(std::string body);

class Gateway {
  public:
    Gateway(Store& store, Tokens& tokens, FaultSet& faults, RequestLog& log,
            const Shutdown& shutdown, ServedCatalog catalog);
    void install(httplib::Server& server);

    // Serves body from now on (persisted); returns its ETag.
    std::string set_catalog(std::string body);

  private:
    using Process = std::function<Reply()>;
    void serve(Endpoint endpoint, const httplib::Request& req, httplib::Response& res,
               const std::string& dossier_id, const Process& process);
    std::optional<Reply> authenticate(const httplib::Request& req) const;

    Reply post_dossier(const httplib::Request& req);
    Reply store_new(const httplib::Request& req, const nlohmann::json& body, const std::string& id);
    Reply get_status(const httplib::Request& req);
    Reply get_catalog(const httplib::Request& req);
    Reply post_heartbeat(const httplib::Request& req);
    std::shared_ptr<const ServedCatalog> catalog() const;

    Store& store_;
    Tokens& tokens_;
    FaultSet& faults_;
    RequestLog& log_;
    const Shutdown& shutdown_;

    mutable std::mutex mutex_;  // guards in_progress_ and catalog_
    std::set<std::string> in_progress_;
    std::shared_ptr<const ServedCatalog> catalog_;
};

}  // namespace quay::portal_sim
