#include "sqlite.hpp"

#include "quay/store/store.hpp"

namespace quay::store::detail {

std::string_view code_for(int rc) {
    switch (rc & 0xff) {
        case SQLITE_FULL:
            return "disk_full";
        case SQLITE_IOERR:
        case SQLITE_CANTOPEN:
            return "io_error";
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return "database_locked";
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return "database_damaged";
        default:
            return "storage_failure";
    }
}

void fail(sqlite3* db, int rc, std::string_view what) {
    std::string msg(what);
    msg += ": ";
    msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    throw StorageError(std::string(code_for(rc)), msg);
}

Db::Db(const std::string& file, const std::string& vfs) {
    const int rc = sqlite3_open_v2(file.c_str(), &db_,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                   vfs.empty() ? nullptr : vfs.c_str());
    if (rc != SQLITE_OK) {
        const std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        close();
        throw StorageError(std::string(code_for(rc)), "cannot open " + file + ": " + msg);
    }
    sqlite3_extended_result_codes(db_, 1);
}

Db& Db::operator=(Db&& o) noexcept {
    if (this != &o) {
        close();
        db_ = o.db_;
        o.db_ = nullptr;
    }
    return *this;
}

Db::~Db() {
    close();
}

void Db::close() noexcept {
    if (db_) sqlite3_close_v2(db_);
    db_ = nullptr;
}

void Db::exec(const char* sql) {
    char* err = nullptr;
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
    sqlite3_free(err);
    if (rc != SQLITE_OK) fail(db_, rc, sql);
}

Stmt::Stmt(const Db& db, std::string_view sql) : db_(db.get()) {
    const int rc =
        sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
    if (rc != SQLITE_OK) fail(db_, rc, "prepare");
}

Stmt::~Stmt() {
    sqlite3_finalize(stmt_);
}

Stmt& Stmt::bind(int i, std::string_view v) {
    const int rc = sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    if (rc != SQLITE_OK) fail(db_, rc, "bind");
    return *this;
}

Stmt& Stmt::bind(int i, std::int64_t v) {
    const int rc = sqlite3_bind_int64(stmt_, i, v);
    if (rc != SQLITE_OK) fail(db_, rc, "bind");
    return *this;
}

Stmt& Stmt::bind_null(int i) {
    const int rc = sqlite3_bind_null(stmt_, i);
    if (rc != SQLITE_OK) fail(db_, rc, "bind");
    return *this;
}

Stmt& Stmt::bind_opt(int i, const std::optional<std::string>& v) {
    return v ? bind(i, std::string_view(*v)) : bind_null(i);
}

bool Stmt::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(db_, rc, "step");
}

void Stmt::run() {
    while (step()) {
    }
}

std::int64_t Stmt::integer(int i) const {
    return sqlite3_column_int64(stmt_, i);
}

std::string Stmt::text(int i) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i)))
             : std::string();
}

std::optional<std::string> Stmt::opt_text(int i) const {
    if (sqlite3_column_type(stmt_, i) == SQLITE_NULL) return std::nullopt;
    return text(i);
}

std::optional<std::int64_t> Stmt::opt_integer(int i) const {
    if (sqlite3_column_type(stmt_, i) == SQLITE_NULL) return std::nullopt;
    return integer(i);
}

Txn::Txn(Db& db, bool immediate) : db_(db) {
    db_.exec(immediate ? "BEGIN IMMEDIATE" : "BEGIN");
    // A damaged file moved aside by another store must not take writes any more: they
    // would land in the copy, after its salvage (docs/storage.md).
    int moved = 0;
    if (immediate &&
        sqlite3_file_control(db_.get(), "main", SQLITE_FCNTL_HAS_MOVED, &moved) == SQLITE_OK &&
        moved != 0) {
        sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
        done_ = true;
        throw StorageError("database_damaged",
                           "quay.db was moved aside (damaged) after this store opened it");
    }
}

Txn::~Txn() {
    if (!done_) sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Txn::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

}  // namespace quay::store::detail
