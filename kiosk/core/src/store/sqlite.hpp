#pragma once
// Thin RAII wrappers over sqlite3* and sqlite3_stmt*, private to the store. Every SQLite
// failure becomes a StorageError with a stable code (disk_full, io_error, ...).

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace quay::store::detail {

// Throws StorageError (or plain storage code) for rc; what: the step that failed.
[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what);
std::string_view code_for(int rc);

class Db {
  public:
    Db() = default;
    Db(const std::string& file, const std::string& vfs);
    Db(Db&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
    Db& operator=(Db&& o) noexcept;
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;
    ~Db();
    sqlite3* get() const noexcept { return db_; }
    void exec(const char* sql);
    void close() noexcept;

  private:
    sqlite3* db_ = nullptr;
};

class Stmt {
  public:
    Stmt(const Db& db, std::string_view sql);
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    ~Stmt();
    Stmt& bind(int i, std::string_view v);
    Stmt& bind(int i, std::int64_t v);
    Stmt& bind_null(int i);
    Stmt& bind_opt(int i, const std::optional<std::string>& v);
    bool step();  // true: a row is ready
    void run();   // steps to the end
    std::int64_t integer(int i) const;
    std::string text(int i) const;
    std::optional<std::string> opt_text(int i) const;
    std::optional<std::int64_t> opt_integer(int i) const;

  private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE (writer) or DEFERRED; rolls back unless commit() ran.
class Txn {
  public:
    Txn(Db& db, bool immediate);
    Txn(const Txn&) = delete;
    Txn& operator=(const Txn&) = delete;
    ~Txn();
    void commit();

  private:
    Db& db_;
    bool done_ = false;
};

}  // namespace quay::store::detail
