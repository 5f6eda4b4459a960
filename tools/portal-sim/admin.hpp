#pragma once
// The test and operator side door under /_sim/ (docs/portal-simulator.md): faults at run
// time, what was stored, the request log, status changes, the served catalogue. Protected
// by its own bearer token, never a kiosk's.

#include <httplib.h>

#include <string>

#include "faults.hpp"
#include "gateway.hpp"
#include "request_log.hpp"
#include "store.hpp"
#include "tokens.hpp"

namespace quay::portal_sim {

class Admin {
  public:
    Admin(std::string token, Store& store, Tokens& tokens, FaultSet& faults, RequestLog& log,
          Gateway& gateway);
    void install(httplib::Server& server);

  private:
    using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
    // Wraps h with the admin token check and JSON errors.
    Handler guarded(Handler h) const;

    void add_faults(const httplib::Request& req, httplib::Response& res);
    void list_dossiers(const httplib::Request& req, httplib::Response& res);
    void show_dossier(const httplib::Request& req, httplib::Response& res);
    void advance(const httplib::Request& req, httplib::Response& res);
    // By dossier id or receipt code (the path's first group); 404 written when unknown.
    std::optional<StoredDossier> find_dossier(const httplib::Request& req,
                                              httplib::Response& res) const;

    std::string token_;
    Store& store_;
    Tokens& tokens_;
    FaultSet& faults_;
    RequestLog& log_;
    Gateway& gateway_;
};

}  // namespace quay::portal_sim
