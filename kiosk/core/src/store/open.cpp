// Opening the store: directory, pragmas, migrations, integrity check, damaged files.
#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <system_error>

#include "impl.hpp"

namespace quay::store {

namespace fs = std::filesystem;

namespace {

std::string read_boot_id() {
    std::ifstream in("/proc/sys/kernel/random/boot_id");
    std::string id;
    std::getline(in, id);
    return id;
}

void make_data_dir(const fs::path& dir) {
    std::error_code ec;
    if (!fs::exists(dir, ec)) {
        fs::create_directories(dir, ec);
        if (ec)
            throw StorageError("io_error", "cannot create " + dir.string() + ": " + ec.message());
        if (::chmod(dir.c_str(), 0700) != 0)
            throw StorageError("io_error", "cannot set mode 0700 on " + dir.string());
    } else if (!fs::is_directory(dir, ec)) {
        throw StorageError("io_error", dir.string() + " is not a directory");
    }
}

// The path names the file this connection opened: SQLite compares the inode it fstat'ed
// at open with a stat of the path now (SQLITE_FCNTL_HAS_MOVED). A VFS that cannot tell
// (the tests' in-memory one) counts as yes.
bool at_path(const detail::Db& db) {
    int moved = 0;
    const int rc = sqlite3_file_control(db.get(), "main", SQLITE_FCNTL_HAS_MOVED, &moved);
    return rc != SQLITE_OK || moved == 0;
}

std::optional<FileId> file_id(const fs::path& file) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) return std::nullopt;
    return FileId{st.st_dev, st.st_ino};
}

// flock(2) on <data_dir>/store.lock: stores that move a damaged file aside take turns, so
// "the path still names the file I checked" and the rename are one step.
class MoveLock {
  public:
    explicit MoveLock(const fs::path& dir) {
        const fs::path path = dir / "store.lock";
        fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (fd_ < 0 || ::flock(fd_, LOCK_EX) != 0) {
            if (fd_ >= 0) ::close(fd_);
            throw StorageError("io_error", "cannot lock " + path.string());
        }
    }
    ~MoveLock() { ::close(fd_); }  // also releases the lock
    MoveLock(const MoveLock&) = delete;
    MoveLock& operator=(const MoveLock&) = delete;

  private:
    int fd_ = -1;
};

fs::path damaged_name(const fs::path& file, const Clock& clock) {
    const LocalTime t = local_time(clock.now(), clock.utc_offset_minutes());
    char stamp[32];
    std::snprintf(stamp, sizeof stamp, "%04d%02d%02dT%02d%02d%02d", t.year, t.month, t.day, t.hour,
                  t.minute, t.second);
    fs::path target = file;
    target += ".damaged-";
    target += stamp;
    for (int n = 1; fs::exists(target); ++n) {
        target = file;
        target += std::string(".damaged-") + stamp + "-" + std::to_string(n);
    }
    return target;
}

// Moves the damaged quay.db (and its journal) aside so nobody writes into it again, but
// only if the path still names the inode this connection checked: another store may have
// moved it and started a fresh file already (nullopt then). Under SQLite's EXCLUSIVE lock
// where the file still allows it, so no connection is inside a write transaction on it;
// every later write transaction of those connections sees the move (detail::Txn) and fails.
std::optional<fs::path> move_aside(Store::Impl& impl) {
    MoveLock lock(impl.data_dir);
    const int rc = sqlite3_exec(impl.db.get(), "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr);
    if ((rc & 0xff) == SQLITE_BUSY)
        throw StorageError("database_locked", "damaged file busy: not moved");
    if (!at_path(impl.db) || file_id(impl.file) != impl.file_id) return std::nullopt;
    const fs::path target = damaged_name(impl.file, *impl.clock);
    std::error_code ec;
    // The journal first: once quay.db is gone another store may start a fresh one (and
    // its journal). Salvage reads the copy immutable, without its journal.
    fs::path journal = impl.file;
    journal += "-journal";
    if (fs::exists(journal, ec)) {
        fs::path journal_target = target;
        journal_target += "-journal";
        fs::rename(journal, journal_target, ec);
    }
    fs::rename(impl.file, target, ec);
    if (ec) throw StorageError("io_error", "cannot move damaged " + impl.file.string() + " aside");
    return target;
}

std::int64_t pragma_value(detail::Db& db, const char* name) {
    detail::Stmt s(db, std::string("PRAGMA ") + name);
    return s.step() ? s.integer(0) : -1;
}

// Durability and purge rest on these: read them back and refuse to run without them.
void set_pragmas(detail::Db& db, Synchronous sync) {
    // Rollback journal: WAL on Debian's 3.40.1 has the WAL-reset race.
    db.exec("PRAGMA journal_mode = DELETE");
    // EXTRA: the journal's unlink (the commit point) is followed by a directory fsync.
    db.exec(sync == Synchronous::extra ? "PRAGMA synchronous = EXTRA"
                                       : "PRAGMA synchronous = FULL");
    db.exec("PRAGMA foreign_keys = ON");
    // Purged personal data is overwritten with zeros, not left in free pages.
    db.exec("PRAGMA secure_delete = ON");
    if (pragma_value(db, "synchronous") != static_cast<std::int64_t>(sync))
        throw StorageError("storage_failure", "SQLite did not accept the synchronous level");
    if (pragma_value(db, "secure_delete") != 1)
        throw StorageError("storage_failure", "SQLite did not accept secure_delete");
}

bool is_damage(const StorageError& e) {
    return e.code() == "database_damaged";
}

}  // namespace

std::int64_t Store::Impl::mono_ms() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               clock->monotonic().time_since_epoch())
        .count();
}

std::int64_t Store::Impl::wall_ms() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(clock->now().time_since_epoch())
        .count();
}

std::string Store::Impl::now_text() const {
    return format_rfc3339(clock->now(), clock->utc_offset_minutes());
}

std::optional<std::string> Store::Impl::setting(const char* key) const {
    detail::Stmt s(db, "SELECT value FROM settings WHERE key = ?");
    s.bind(1, std::string_view(key));
    if (!s.step()) return std::nullopt;
    return s.text(0);
}

void Store::Impl::set_setting(const char* key, std::string_view value) {
    detail::Stmt s(db, "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)");
    s.bind(1, std::string_view(key)).bind(2, value).run();
}

namespace {

// The opened store, or null when quay.db was replaced under us (open again).
std::unique_ptr<Store::Impl> open_once(const fs::path& data_dir, const Clock& clock,
                                       const Options& options) {
    auto impl = std::make_unique<Store::Impl>();
    impl->data_dir = data_dir;
    impl->file = data_dir / "quay.db";
    impl->clock = &clock;
    impl->options = options;
    impl->boot_id = read_boot_id();
    try {
        impl->db = detail::Db(impl->file.string(), options.vfs);
        impl->file_id = file_id(impl->file);
        if (!at_path(impl->db)) return nullptr;
        sqlite3_busy_timeout(impl->db.get(), static_cast<int>(options.busy_timeout.count()));
        set_pragmas(impl->db, options.synchronous);
        detail::migrate(impl->db);
        const std::string boot_key = impl->boot_id.empty() ? "unknown" : impl->boot_id;
        if (options.check_every_open || impl->setting("checked_boot") != boot_key) {
            detail::Stmt check(impl->db, "PRAGMA integrity_check");
            std::string result;
            while (check.step()) {
                if (!result.empty()) result += "; ";
                result += check.text(0);
            }
            if (result != "ok")
                throw StorageError("database_damaged", "integrity_check: " + result);
            detail::Txn txn(impl->db, true);
            impl->set_setting("checked_boot", boot_key);
            txn.commit();
        }
        salvage_damaged(*impl);
    } catch (const StorageError& e) {
        if (!is_damage(e)) throw;
        const auto moved = move_aside(*impl);
        impl->db.close();
        if (!moved) return nullptr;
        throw DamagedError(*moved, "the database was damaged (" + std::string(e.what()) +
                                       "); it was moved to " + moved->string());
    }
    return impl;
}

}  // namespace

Store Store::open(const config::Config& config, const Clock& clock) {
    Options o;
    o.retention_days = config.store.retention_days;
    o.kiosk_id = config.kiosk.id;
    o.queue_numbers = config.queue.numbers;
    return open(config.kiosk.data_dir, clock, o);
}

Store Store::open(const fs::path& data_dir, const Clock& clock, Options options) {
    if (sodium_init() < 0) throw StorageError("storage_failure", "libsodium failed to start");
    make_data_dir(data_dir);
    // Another store moving the file aside between our open and our check: open again.
    for (int attempt = 1;; ++attempt) {
        if (auto impl = open_once(data_dir, clock, options); impl || attempt == 3) {
            if (!impl) throw StorageError("storage_failure", "quay.db kept being replaced");
            return Store(std::move(impl));
        }
    }
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

const fs::path& Store::data_dir() const noexcept {
    return impl_->data_dir;
}
const fs::path& Store::file() const noexcept {
    return impl_->file;
}

std::vector<DamagedCopy> Store::damaged_copies() const {
    std::lock_guard lock(impl_->mutex);
    return list_damaged_copies(*impl_);
}

}  // namespace quay::store
