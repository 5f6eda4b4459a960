#include "store.hpp"

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "util.hpp"

namespace quay::portal_sim {

namespace {

// One prepared statement; finalized on scope exit.
class Stmt {
  public:
    Stmt(sqlite3* db, const char* sql) : db_(db) {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK) fail("prepare");
        stmt_.reset(s);
    }
    Stmt& bind(int i, std::string_view text) {
        if (sqlite3_bind_text(stmt_.get(), i, text.data(), static_cast<int>(text.size()),
                              SQLITE_TRANSIENT) != SQLITE_OK) {
            fail("bind");
        }
        return *this;
    }
    Stmt& bind_blob(int i, std::string_view bytes) {
        if (sqlite3_bind_blob(stmt_.get(), i, bytes.data(), static_cast<int>(bytes.size()),
                              SQLITE_TRANSIENT) != SQLITE_OK) {
            fail("bind");
        }
        return *this;
    }
    Stmt& bind(int i, std::int64_t n) {
        if (sqlite3_bind_int64(stmt_.get(), i, n) != SQLITE_OK) fail("bind");
        return *this;
    }
    // True while there is a row.
    bool step() {
        const int rc = sqlite3_step(stmt_.get());
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        fail("step");
    }
    std::string text(int col) const {
        const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_.get(), col));
        return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), col)))
                 : std::string();
    }
    std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_.get(), col); }

  private:
    [[noreturn]] void fail(const char* what) const {
        throw std::runtime_error(std::string("sqlite ") + what + ": " + sqlite3_errmsg(db_));
    }
    struct Finalizer {
        void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
    };
    sqlite3* db_;
    std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
};

constexpr const char* dossier_columns =
    "seq, dossier_id, receipt_code, kiosk_id, id_last4, body, body_sha256, portal_ref, status, "
    "received_at, updated_at, reply";

StoredDossier read_dossier(const Stmt& s) {
    return {s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4),  s.text(5),
            s.text(6),    s.text(7), s.text(8), s.text(9), s.text(10), s.text(11)};
}

}  // namespace

Store::Store(const std::filesystem::path& file) {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(
        file.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
        nullptr);
    db_.reset(raw);
    if (rc != SQLITE_OK) {
        throw std::runtime_error("cannot open " + file.string() + ": " +
                                 (raw ? sqlite3_errmsg(raw) : "out of memory"));
    }
    sqlite3_busy_timeout(db_.get(), 5000);
    // WAL + NORMAL survives a crash of the simulator; power loss is not its concern.
    exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    exec(R"sql(
        CREATE TABLE IF NOT EXISTS dossiers(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            dossier_id TEXT NOT NULL UNIQUE,
            receipt_code TEXT NOT NULL,
            kiosk_id TEXT NOT NULL,
            id_last4 TEXT NOT NULL,
            body BLOB NOT NULL,
            body_sha256 TEXT NOT NULL,
            portal_ref TEXT NOT NULL UNIQUE,
            status TEXT NOT NULL,
            received_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            reply TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS dossiers_by_receipt ON dossiers(receipt_code);
        CREATE TABLE IF NOT EXISTS history(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            dossier_id TEXT NOT NULL REFERENCES dossiers(dossier_id),
            status TEXT NOT NULL,
            at TEXT NOT NULL,
            note TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS history_by_dossier ON history(dossier_id);
        CREATE TABLE IF NOT EXISTS heartbeats(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            kiosk_id TEXT NOT NULL,
            received_at TEXT NOT NULL,
            body TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS catalog(
            id INTEGER PRIMARY KEY CHECK (id = 1),
            body BLOB NOT NULL,
            etag TEXT NOT NULL);
    )sql");
}

void Store::exec(const char* sql) const {
    char* err = nullptr;
    if (sqlite3_exec(db_.get(), sql, nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        throw std::runtime_error("sqlite: " + msg);
    }
}

std::optional<StoredDossier> Store::find(std::string_view dossier_id) const {
    std::lock_guard lock(mutex_);
    Stmt s(
        db_.get(),
        (std::string("SELECT ") + dossier_columns + " FROM dossiers WHERE dossier_id = ?").c_str());
    s.bind(1, dossier_id);
    if (!s.step()) return std::nullopt;
    return read_dossier(s);
}

std::optional<StoredDossier> Store::find_by_receipt(std::string_view receipt_code) const {
    std::lock_guard lock(mutex_);
    Stmt s(db_.get(), (std::string("SELECT ") + dossier_columns +
                       " FROM dossiers WHERE receipt_code = ? ORDER BY seq LIMIT 1")
                          .c_str());
    s.bind(1, receipt_code);
    if (!s.step()) return std::nullopt;
    return read_dossier(s);
}

std::chrono::system_clock::time_point Store::now() const {
    return fixed_now_ ? *fixed_now_ : std::chrono::system_clock::now();
}

StoredDossier Store::insert(const NewDossier& d) {
    const std::string at = rfc3339_vn(now());
    std::lock_guard lock(mutex_);
    exec("BEGIN IMMEDIATE");
    try {
        Stmt next(db_.get(), "SELECT COALESCE(MAX(seq), 0) + 1 FROM dossiers");
        next.step();
        const std::int64_t seq = next.integer(0);
        // Looks like a one-stop-shop dossier number: office, date, sequence.
        std::string ref = "H22.99-" + at.substr(2, 2) + at.substr(5, 2) + at.substr(8, 2) + "-";
        std::string digits = std::to_string(seq);
        ref += std::string(digits.size() < 6 ? 6 - digits.size() : 0, '0') + digits;
        const nlohmann::json reply = {{"dossier_id", d.dossier_id},
                                      {"portal_ref", ref},
                                      {"status", "received"},
                                      {"received_at", at}};
        StoredDossier out{seq,
                          d.dossier_id,
                          d.receipt_code,
                          d.kiosk_id,
                          d.id_last4,
                          d.body,
                          sha256_hex(d.body),
                          ref,
                          "received",
                          at,
                          at,
                          reply.dump()};
        Stmt ins(db_.get(),
                 "INSERT INTO dossiers(seq, dossier_id, receipt_code, kiosk_id, id_last4, body, "
                 "body_sha256, portal_ref, status, received_at, updated_at, reply) "
                 "VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
        ins.bind(1, out.seq)
            .bind(2, out.dossier_id)
            .bind(3, out.receipt_code)
            .bind(4, out.kiosk_id)
            .bind(5, out.id_last4)
            .bind_blob(6, out.body)
            .bind(7, out.body_sha256)
            .bind(8, out.portal_ref)
            .bind(9, out.status)
            .bind(10, out.received_at)
            .bind(11, out.updated_at)
            .bind(12, out.reply);
        ins.step();
        Stmt hist(db_.get(), "INSERT INTO history(dossier_id, status, at, note) VALUES(?,?,?,?)");
        hist.bind(1, out.dossier_id).bind(2, "received").bind(3, at).bind(4, "");
        hist.step();
        exec("COMMIT");
        return out;
    } catch (...) {
        exec("ROLLBACK");
        throw;
    }
}

nlohmann::json Store::history(std::string_view dossier_id) const {
    std::lock_guard lock(mutex_);
    Stmt s(db_.get(), "SELECT status, at, note FROM history WHERE dossier_id = ? ORDER BY seq");
    s.bind(1, dossier_id);
    nlohmann::json out = nlohmann::json::array();
    while (s.step())
        out.push_back({{"status", s.text(0)}, {"at", s.text(1)}, {"note", s.text(2)}});
    return out;
}

bool Store::advance(std::string_view dossier_id, std::string_view status, std::string_view note) {
    const std::string at = rfc3339_vn(now());
    std::lock_guard lock(mutex_);
    exec("BEGIN IMMEDIATE");
    try {
        Stmt upd(db_.get(), "UPDATE dossiers SET status = ?, updated_at = ? WHERE dossier_id = ?");
        upd.bind(1, status).bind(2, at).bind(3, dossier_id);
        upd.step();
        if (sqlite3_changes(db_.get()) == 0) {
            exec("ROLLBACK");
            return false;
        }
        Stmt hist(db_.get(), "INSERT INTO history(dossier_id, status, at, note) VALUES(?,?,?,?)");
        hist.bind(1, dossier_id).bind(2, status).bind(3, at).bind(4, note);
        hist.step();
        exec("COMMIT");
        return true;
    } catch (...) {
        exec("ROLLBACK");
        throw;
    }
}

std::int64_t Store::count() const {
    std::lock_guard lock(mutex_);
    Stmt s(db_.get(), "SELECT COUNT(*) FROM dossiers");
    s.step();
    return s.integer(0);
}

std::vector<StoredDossier> Store::all() const {
    std::lock_guard lock(mutex_);
    Stmt s(db_.get(),
           (std::string("SELECT ") + dossier_columns + " FROM dossiers ORDER BY seq").c_str());
    std::vector<StoredDossier> out;
    while (s.step())
        out.push_back(read_dossier(s));
    return out;
}

void Store::add_heartbeat(std::string_view kiosk_id, std::string_view body) {
    const std::string at = rfc3339_vn(now());
    std::lock_guard lock(mutex_);
    Stmt s(db_.get(), "INSERT INTO heartbeats(kiosk_id, received_at, body) VALUES(?,?,?)");
    s.bind(1, kiosk_id).bind(2, at).bind(3, body);
    s.step();
}

nlohmann::json Store::heartbeats() const {
    std::lock_guard lock(mutex_);
    Stmt s(db_.get(), "SELECT kiosk_id, received_at, body FROM heartbeats ORDER BY seq");
    nlohmann::json out = nlohmann::json::array();
    while (s.step()) {
        out.push_back({{"kiosk_id", s.text(0)},
                       {"received_at", s.text(1)},
                       {"body", nlohmann::json::parse(s.text(2), nullptr, false)}});
    }
    return out;
}

std::optional<CatalogDoc> Store::catalog() const {
    std::lock_guard lock(mutex_);
    Stmt s(db_.get(), "SELECT body, etag FROM catalog WHERE id = 1");
    if (!s.step()) return std::nullopt;
    return CatalogDoc{s.text(0), s.text(1)};
}

void Store::set_catalog(const CatalogDoc& doc) {
    std::lock_guard lock(mutex_);
    Stmt s(db_.get(), "INSERT OR REPLACE INTO catalog(id, body, etag) VALUES(1, ?, ?)");
    s.bind_blob(1, doc.body).bind(2, doc.etag);
    s.step();
}

}  // namespace quay::portal_sim
