#pragma once
// The simulator's persistent state in one SQLite file: accepted dossiers with their stored
// replies (idempotency), status history, heartbeats and the catalogue it serves.
// One connection behind a mutex: the simulator is a test tool, not a throughput target.

#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quay::portal_sim {

struct StoredDossier {
    std::int64_t seq = 0;
    std::string dossier_id, receipt_code, kiosk_id, id_last4;
    std::string body, body_sha256;
    std::string portal_ref, status, received_at, updated_at;
    std::string reply;  // the 201 body, replayed with 200
};

struct NewDossier {
    std::string dossier_id, receipt_code, kiosk_id, id_last4, body;
};

struct CatalogDoc {
    std::string body, etag;
};

class Store {
  public:
    // Throws std::runtime_error when the file cannot be opened or created.
    explicit Store(const std::filesystem::path& file);
    // Every timestamp written from now on (received_at, history, the date in portal_ref,
    // heartbeats) is this instant instead of the system clock (--fixed-time).
    void fix_time(std::chrono::system_clock::time_point t) { fixed_now_ = t; }

    std::optional<StoredDossier> find(std::string_view dossier_id) const;
    std::optional<StoredDossier> find_by_receipt(std::string_view receipt_code) const;
    // Commits the dossier and its first history entry ("received") in one transaction.
    StoredDossier insert(const NewDossier& d);
    nlohmann::json history(std::string_view dossier_id) const;
    // Appends a status to the history; false when the dossier is unknown.
    bool advance(std::string_view dossier_id, std::string_view status, std::string_view note);
    std::int64_t count() const;
    std::vector<StoredDossier> all() const;

    void add_heartbeat(std::string_view kiosk_id, std::string_view body);
    nlohmann::json heartbeats() const;

    std::optional<CatalogDoc> catalog() const;
    void set_catalog(const CatalogDoc& doc);

  private:
    struct Closer {
        void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
    };
    void exec(const char* sql) const;
    std::chrono::system_clock::time_point now() const;

    std::optional<std::chrono::system_clock::time_point> fixed_now_;

    mutable std::mutex mutex_;  // one statement at a time on db_
    std::unique_ptr<sqlite3, Closer> db_;
};

}  // namespace quay::portal_sim
