#pragma once
// Store::Impl, shared by the store's source files.

#include <sys/types.h>

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "quay/store/store.hpp"
#include "sqlite.hpp"

namespace quay::store {

// Device and inode: which file a path names.
struct FileId {
    dev_t dev = 0;
    ino_t ino = 0;
    bool operator==(const FileId&) const = default;
};

struct Store::Impl {
    std::filesystem::path data_dir;
    std::filesystem::path file;
    std::optional<FileId> file_id;  // what `file` named when db opened it
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
// One read-only query on data_dir/quay.db without opening the store (no migration, no
// integrity check): the first row's first column as text; nullopt when there is no store,
// no such table or no row. For the kiosk's start, before its first frame.
std::optional<std::string> read_only_text(const std::filesystem::path& data_dir, const char* sql);
// Appends one audit row in the caller's transaction (the caller holds impl.mutex), so an
// action and its audit row commit together (audit.cpp).
AuditEntry append_audit(Store::Impl& impl, std::string_view event, const nlohmann::json& detail);
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
// Raises the counter of a code's day to at least its number (<kiosk id>-<YYMMDD>-<NNNN>);
// codes of another shape are ignored.
void floor_code(Db& db, std::string_view receipt_code);
// "file:<path>?mode=ro&immutable=1", the path escaped for a URI: a damaged copy is only
// ever read, and never locked or rolled back.
std::string immutable_uri(const std::filesystem::path& file);

// salvage.cpp: the undelivered dossiers a damaged copy still holds go into this store.
struct SalvageCount {
    std::int64_t salvaged = 0;    // undelivered dossiers inserted here
    std::int64_t unreadable = 0;  // rowids of the copy's dossiers that could not be read
    bool readable = false;        // false: not even its dossiers table could be found
};
// Reads the copy row by row (a damaged page loses only its rows) and inserts its pending,
// in-flight and dead dossiers with their ids, codes, created_at and bodies, in the
// caller's transaction. Raises the receipt counters above every code it reads.
SalvageCount salvage_copy(Db& into, const std::filesystem::path& copy);
}  // namespace detail

// Damaged copies not salvaged yet are salvaged into the store, each with its marker, in
// one transaction; receipt counters are floored above every copy (salvage.cpp).
void salvage_damaged(Store::Impl& impl);
// The copies in data_dir with their salvage markers.
std::vector<DamagedCopy> list_damaged_copies(const Store::Impl& impl);
// Deletes copies salvaged more than options.damaged_retention_days ago; how many. Takes
// impl.mutex.
std::int64_t purge_damaged(Store::Impl& impl);

}  // namespace quay::store
