#pragma once
// Store::Impl, shared by the store's source files.

#include <mutex>
#include <string>
#include <vector>

#include "quay/store/store.hpp"
#include "sqlite.hpp"

namespace quay::store {

struct Store::Impl {
    std::filesystem::path data_dir;
    std::filesystem::path file;
    const Clock* clock = nullptr;
    Options options;
    std::string boot_id;       // pending delays measured on another boot's monotonic clock are void
    mutable std::mutex mutex;  // one connection, calls serialised
    detail::Db db;

    std::int64_t mono_ms() const;
    std::int64_t wall_ms() const;
    std::string now_text() const;
    std::optional<std::string> setting(const char* key) const;
    void set_setting(const char* key, std::string_view value);
    ClockStatus clock_status() const;  // caller holds mutex (store/clock.cpp)
};

namespace detail {
// Runs the numbered migrations up to the current schema (in one IMMEDIATE transaction).
void migrate(Db& db);
// The columns read into an Item, for SELECT <item_columns> FROM dossiers.
extern const char* const item_columns;
Item read_item(const Stmt& s, bool with_body);
// Today's receipt counter starts here when a damaged copy cannot be read at all.
constexpr std::int64_t unreadable_floor = 5000;
// Raises receipt_counters above every number the damaged copies issued (counter_floor.cpp),
// in the caller's transaction. today: YYMMDD.
void floor_counters(Db& db, const std::vector<std::filesystem::path>& copies,
                    const std::string& today);
}  // namespace detail

}  // namespace quay::store
