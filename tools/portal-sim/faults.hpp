#pragma once
// Fault injection: rules that change how the simulator answers. Set at start (--fault) and
// at run time (POST /_sim/faults). The first active rule that matches a request and fires
// (its seeded rate) is applied and one unit of its count is spent; a spent rule is removed.
// Text form: "KIND[,KEY=VALUE]..." (repeat id=... for several dossier ids); JSON form: an
// object with the same keys. docs/portal-simulator.md lists every kind and key.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace quay::portal_sim {

enum class Endpoint { dossiers, status, catalog, heartbeat, any };

enum class FaultKind {
    status,        // answer with `code` (+ Retry-After), nothing processed
    captive_html,  // 200 text/html login page, nothing processed
    reject,        // 422 validation_failed for the chosen ids
    hold,          // keep the key in progress for `ms` before committing
    lost_ack,      // process, then drop the connection without a reply
    wrong_id,      // process, reply 201 with another dossier_id
    empty_ref,     // process, reply 201 with an empty portal_ref
    wrong_type,    // process, reply with the right JSON as text/plain
    truncate,      // process, reply with half of the body
    stall,         // never answer (phase=headers) or stop mid-body (phase=body)
    drip,          // process, send the reply `chunk` bytes every `interval_ms`
    nested,        // process, reply with the real status and `depth` nested arrays as JSON
};

// When a fault acts: before the request is processed, while its idempotency key is held,
// or on the reply of a processed request.
enum class Stage { before, during, after };

struct Fault {
    std::string id;  // "f1", "f2", ... (assigned when added)
    FaultKind kind = FaultKind::status;
    Endpoint endpoint = Endpoint::dossiers;
    std::optional<std::int64_t> count;  // requests left; nullopt: until removed
    double rate = 1.0;                  // chance per matching request
    std::uint64_t seed = 1;
    std::vector<std::string> ids;             // only requests for these dossier ids (empty: all)
    int code = 500;                           // status
    std::optional<std::int64_t> retry_after;  // status: Retry-After in seconds
    std::optional<std::int64_t> retry_after_date;  // status: Retry-After as an HTTP date, now + N s
    bool after_commit = false;                     // status, stall: process first
    std::string body;                              // status: replaces the default body
    std::string location;                          // status: a Location header (redirects)
    std::string field = "applicant.full_name";     // reject
    std::string message = "rejected by the portal";
    std::int64_t ms = 2000;          // hold: how long the key stays in progress
    std::int64_t interval_ms = 200;  // drip
    std::int64_t chunk = 1;          // drip: bytes per interval
    bool endless = false;            // drip: one space per interval for ever, never the reply
    std::int64_t depth = 400'000;    // nested: how many `[` (then as many `]`)
    std::int64_t max_ms = 0;         // stall: give up after this long (0: when the client leaves)
    std::string phase = "headers";   // stall: headers | body
    std::string mode = "cut";        // truncate: cut (connection closed short of
                                     // Content-Length) | short (complete reply, cut JSON)
    std::int64_t hits = 0;           // times applied so far

    Stage stage() const;
};

// Throws std::invalid_argument naming the problem.
Fault parse_fault_text(std::string_view spec);
Fault parse_fault_json(const nlohmann::json& spec);
nlohmann::json to_json(const Fault& f);
std::string_view to_string(Endpoint e);
std::string_view to_string(FaultKind k);

class FaultSet {
  public:
    // Returns the stored rule (with its id).
    Fault add(Fault f);
    bool remove(std::string_view id);
    void clear();
    nlohmann::json list() const;
    // The first matching rule of this stage that fires, after spending one unit of it.
    std::optional<Fault> pick(Endpoint endpoint, std::string_view dossier_id, Stage stage);

  private:
    struct Active {
        Fault fault;
        std::mt19937_64 rng;
    };
    mutable std::mutex mutex_;  // guards active_ and next_id_
    std::vector<Active> active_;
    int next_id_ = 1;
};

}  // namespace quay::portal_sim
