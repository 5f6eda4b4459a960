// Numbered migrations: user_version n means migrations[0..n) ran. Never edit a shipped one;
// append a new one, additive only (quay/store/schema.hpp: an older app must still work on
// the file after an update rolls back; a store with a higher user_version is used as is).
#include <array>
#include <string>

#include "impl.hpp"
#include "quay/store/schema.hpp"

namespace quay::store::detail {

namespace {

constexpr std::array<std::string_view, 6> migrations = {
    // 1: dossiers, the per-day receipt counter, key/value settings (pause, checks).
    R"(CREATE TABLE dossiers (
         seq INTEGER PRIMARY KEY AUTOINCREMENT,
         dossier_id TEXT NOT NULL UNIQUE,
         receipt_code TEXT NOT NULL UNIQUE,
         procedure_code TEXT NOT NULL,
         catalog_version TEXT NOT NULL,
         state TEXT NOT NULL CHECK (state IN ('pending','in_flight','delivered','dead')),
         attempts INTEGER NOT NULL DEFAULT 0,
         failures INTEGER NOT NULL DEFAULT 0,
         portal_ref TEXT,
         last_error TEXT,
         error_details TEXT,
         created_at TEXT NOT NULL,
         created_ms INTEGER NOT NULL,
         due_mono_ms INTEGER NOT NULL DEFAULT 0,
         due_boot TEXT NOT NULL DEFAULT '',
         next_attempt_at TEXT,
         delivered_at TEXT,
         delivered_ms INTEGER,
         applicant_name TEXT,
         body TEXT
       );
       CREATE INDEX dossiers_due ON dossiers (state, due_mono_ms);
       CREATE TABLE receipt_counters (day TEXT PRIMARY KEY, last INTEGER NOT NULL);
       CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);)",
    // 2: the append-only, hash-chained audit log (store/audit.cpp). The triggers stop
    // mistakes in code; the hash chain finds deliberate edits.
    R"(CREATE TABLE audit (
         seq INTEGER PRIMARY KEY AUTOINCREMENT,
         at TEXT NOT NULL,
         at_ms INTEGER NOT NULL,
         kiosk_id TEXT NOT NULL,
         event TEXT NOT NULL,
         detail TEXT NOT NULL,
         hash TEXT NOT NULL
       );
       CREATE INDEX audit_event ON audit (event, seq);
       CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
         BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
       CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
         BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;)",
    // 3: when purge_expired() first saw an item dead (wall ms), for its retention period.
    R"(ALTER TABLE dossiers ADD COLUMN dead_seen_ms INTEGER;)",
    // 4: staff marked the fee paid (store/fee_paid.cpp): when, and whether the body the
    // portal gets says so (1) or the portal already had the body (0: recorded here only).
    R"(ALTER TABLE dossiers ADD COLUMN fee_paid_at TEXT;
       ALTER TABLE dossiers ADD COLUMN fee_paid_in_body INTEGER;)",
    // 5: counter queue numbers, one sequence per local day and field of procedure, taken in
    // the dossier's own transaction (store/submit.cpp).
    R"(ALTER TABLE dossiers ADD COLUMN queue_number INTEGER;
       ALTER TABLE dossiers ADD COLUMN queue_field TEXT;
       CREATE TABLE queue_counters (
         day TEXT NOT NULL, field TEXT NOT NULL, last INTEGER NOT NULL,
         PRIMARY KEY (day, field));)",
    // 6: one-tap ratings (store/rating.cpp): a count per local day and value. WITHOUT ROWID:
    // no hidden insertion order that could be matched with the order of dossiers.
    R"(CREATE TABLE rating_counts (
         day TEXT NOT NULL,
         value INTEGER NOT NULL CHECK (value BETWEEN 1 AND 4),
         count INTEGER NOT NULL,
         PRIMARY KEY (day, value)) WITHOUT ROWID;)",
};

int user_version(Db& db) {
    Stmt s(db, "PRAGMA user_version");
    return s.step() ? static_cast<int>(s.integer(0)) : 0;
}

}  // namespace

void migrate(Db& db) {
    // Cheap look first so that ordinary opens never take the write lock.
    if (user_version(db) >= static_cast<int>(migrations.size())) return;
    Txn txn(db, true);  // IMMEDIATE: concurrent first opens queue here instead of failing
    const int have = user_version(db);
    for (int v = have; v < static_cast<int>(migrations.size()); ++v) {
        db.exec(std::string(migrations[static_cast<std::size_t>(v)]).c_str());
    }
    if (have < static_cast<int>(migrations.size())) {
        db.exec(("PRAGMA user_version = " + std::to_string(migrations.size())).c_str());
    }
    txn.commit();
}

}  // namespace quay::store::detail

namespace quay::store {

std::span<const std::string_view> schema_migrations() {
    return detail::migrations;
}

}  // namespace quay::store
