// Opening the store: directory, pragmas, migrations, integrity check, damaged files.
#include <sodium.h>
#include <sys/stat.h>

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

// Moves quay.db (and its journal) aside so nobody writes into a damaged file again.
fs::path move_aside(const fs::path& file, const Clock& clock) {
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
    std::error_code ec;
    fs::rename(file, target, ec);
    if (ec) throw StorageError("io_error", "cannot move damaged " + file.string() + " aside");
    for (const char* suffix : {"-journal", "-wal", "-shm"}) {
        fs::path side = file;
        side += suffix;
        fs::path side_target = target;
        side_target += suffix;
        if (fs::exists(side, ec)) fs::rename(side, side_target, ec);
    }
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

std::vector<fs::path> list_damaged(const fs::path& dir) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        const std::string name = e.path().filename().string();
        if (name.rfind("quay.db.damaged-", 0) == 0 && name.find("-journal") == std::string::npos)
            out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

// Once per new damaged copy: receipt numbers continue above what the copies issued.
void floor_after_damage(Store::Impl& impl) {
    const auto copies = list_damaged(impl.data_dir);
    if (copies.empty()) return;
    std::string key;
    for (const auto& c : copies)
        key += c.filename().string() + ";";
    if (impl.setting("counter_floor_copies") == key) return;
    const LocalTime t = local_time(impl.clock->now(), impl.clock->utc_offset_minutes());
    char day[8];
    std::snprintf(day, sizeof day, "%02d%02d%02d", t.year % 100, t.month, t.day);
    detail::Txn txn(impl.db, true);
    detail::floor_counters(impl.db, copies, day);
    impl.set_setting("counter_floor_copies", key);
    txn.commit();
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

Store Store::open(const config::Config& config, const Clock& clock) {
    Options o;
    o.retention_days = config.store.retention_days;
    o.kiosk_id = config.kiosk.id;
    return open(config.kiosk.data_dir, clock, o);
}

Store Store::open(const fs::path& data_dir, const Clock& clock, Options options) {
    if (sodium_init() < 0) throw StorageError("storage_failure", "libsodium failed to start");
    make_data_dir(data_dir);
    auto impl = std::make_unique<Impl>();
    impl->data_dir = data_dir;
    impl->file = data_dir / "quay.db";
    impl->clock = &clock;
    impl->options = options;
    impl->boot_id = read_boot_id();
    try {
        impl->db = detail::Db(impl->file.string(), options.vfs);
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
        floor_after_damage(*impl);
    } catch (const StorageError& e) {
        if (!is_damage(e)) throw;
        impl->db.close();
        const fs::path moved = move_aside(impl->file, clock);
        throw DamagedError(moved, "the database was damaged (" + std::string(e.what()) +
                                      "); it was moved to " + moved.string());
    }
    return Store(std::move(impl));
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

std::vector<fs::path> Store::damaged_copies() const {
    return list_damaged(impl_->data_dir);
}

}  // namespace quay::store
