#include "power_loss_vfs.hpp"

#include <algorithm>
#include <cstring>
#include <new>
#include <stdexcept>

namespace quay::test {

namespace {

constexpr std::int64_t sector = 4096;

struct MemFile {
    sqlite3_file base;
    PowerLossVfs* owner;
    std::shared_ptr<PowerLossVfs::Node> node;
    std::int64_t epoch;
    std::string path;
    bool new_journal;  // created by this open: its first sync also syncs the directory
    bool delete_on_close;
};

MemFile* mf(sqlite3_file* f) {
    return reinterpret_cast<MemFile*>(f);
}

PowerLossVfs* owner_of(sqlite3_vfs* v) {
    return static_cast<PowerLossVfs*>(v->pAppData);
}

void mark_dirty(PowerLossVfs::Node& n, std::int64_t from, std::int64_t to) {
    for (std::int64_t s = from / sector; s <= std::max(from, to - 1) / sector; ++s)
        n.dirty.insert(s);
}

}  // namespace

struct PowerLossVfs::Access {
    static bool alive(const MemFile* f) { return !f->owner->cut_ && f->epoch == f->owner->epoch_; }
    static bool mutate(MemFile* f) { return alive(f) && f->owner->mutate(); }

    static int close(sqlite3_file* file) {
        MemFile* f = mf(file);
        if (f->delete_on_close && alive(f)) {
            auto it = f->owner->live_dir_.find(f->path);
            if (it != f->owner->live_dir_.end() && it->second == f->node)
                f->owner->live_dir_.erase(it);
        }
        f->~MemFile();
        return SQLITE_OK;
    }
    static int read(sqlite3_file* file, void* buf, int n, sqlite3_int64 off) {
        MemFile* f = mf(file);
        if (!alive(f)) return SQLITE_IOERR_READ;
        const auto& bytes = f->node->live;
        const std::int64_t size = static_cast<std::int64_t>(bytes.size());
        const std::int64_t have = std::clamp<std::int64_t>(size - off, 0, n);
        if (have > 0) std::memcpy(buf, bytes.data() + off, static_cast<std::size_t>(have));
        if (have == n) return SQLITE_OK;
        std::memset(static_cast<char*>(buf) + have, 0, static_cast<std::size_t>(n - have));
        return SQLITE_IOERR_SHORT_READ;
    }
    static int write(sqlite3_file* file, const void* buf, int n, sqlite3_int64 off) {
        MemFile* f = mf(file);
        if (!mutate(f)) return SQLITE_IOERR_WRITE;
        auto& bytes = f->node->live;
        if (static_cast<std::int64_t>(bytes.size()) < off + n)
            bytes.resize(static_cast<std::size_t>(off + n));
        std::memcpy(bytes.data() + off, buf, static_cast<std::size_t>(n));
        mark_dirty(*f->node, off, off + n);
        return SQLITE_OK;
    }
    static int truncate(sqlite3_file* file, sqlite3_int64 size) {
        MemFile* f = mf(file);
        if (!mutate(f)) return SQLITE_IOERR_TRUNCATE;
        f->node->live.resize(static_cast<std::size_t>(size));
        mark_dirty(*f->node, size, size + 1);
        return SQLITE_OK;
    }
    static int sync(sqlite3_file* file, int) {
        MemFile* f = mf(file);
        if (!mutate(f)) return SQLITE_IOERR_FSYNC;
        Node& n = *f->node;
        const std::int64_t size = static_cast<std::int64_t>(n.live.size());
        n.durable.resize(n.live.size());
        for (const std::int64_t s : n.dirty) {
            const std::int64_t from = s * sector;
            if (from >= size) continue;
            const std::int64_t to = std::min(size, from + sector);
            std::memcpy(n.durable.data() + from, n.live.data() + from,
                        static_cast<std::size_t>(to - from));
        }
        n.dirty.clear();
        ++f->owner->file_syncs_;
        if (f->new_journal) {
            f->new_journal = false;
            f->owner->durable_dir_ = f->owner->live_dir_;
            ++f->owner->dir_syncs_;
        }
        return SQLITE_OK;
    }
    static int file_size(sqlite3_file* file, sqlite3_int64* size) {
        MemFile* f = mf(file);
        if (!alive(f)) return SQLITE_IOERR_FSTAT;
        *size = static_cast<sqlite3_int64>(f->node->live.size());
        return SQLITE_OK;
    }
    static int lock(sqlite3_file* file, int) {
        return alive(mf(file)) ? SQLITE_OK : SQLITE_IOERR_LOCK;
    }
    static int unlock(sqlite3_file*, int) { return SQLITE_OK; }
    static int check_reserved(sqlite3_file*, int* out) {
        *out = 0;  // one connection at a time in the power-loss tests
        return SQLITE_OK;
    }
    static int file_control(sqlite3_file*, int, void*) { return SQLITE_NOTFOUND; }
    static int sector_size(sqlite3_file*) { return static_cast<int>(sector); }
    static int device_characteristics(sqlite3_file*) {
        return SQLITE_IOCAP_POWERSAFE_OVERWRITE;  // as the unix VFS says
    }

    static const sqlite3_io_methods* methods() {
        static const sqlite3_io_methods m = [] {
            sqlite3_io_methods x{};
            x.iVersion = 1;
            x.xClose = close;
            x.xRead = read;
            x.xWrite = write;
            x.xTruncate = truncate;
            x.xSync = sync;
            x.xFileSize = file_size;
            x.xLock = lock;
            x.xUnlock = unlock;
            x.xCheckReservedLock = check_reserved;
            x.xFileControl = file_control;
            x.xSectorSize = sector_size;
            x.xDeviceCharacteristics = device_characteristics;
            return x;
        }();
        return &m;
    }

    static int open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags,
                    int* out_flags) {
        PowerLossVfs* o = owner_of(vfs);
        file->pMethods = nullptr;
        if (o->cut_) return SQLITE_CANTOPEN;
        std::shared_ptr<Node> node;
        bool created = false;
        std::string path = name ? name : std::string();
        if (path.empty()) {
            node = std::make_shared<Node>();  // a nameless temp file: in no directory
        } else if (auto it = o->live_dir_.find(path); it != o->live_dir_.end()) {
            node = it->second;
        } else {
            if (!(flags & SQLITE_OPEN_CREATE) || !o->mutate()) return SQLITE_CANTOPEN;
            node = std::make_shared<Node>();
            o->live_dir_[path] = node;
            created = true;
        }
        const bool journal =
            (flags & (SQLITE_OPEN_MAIN_JOURNAL | SQLITE_OPEN_SUPER_JOURNAL | SQLITE_OPEN_WAL)) != 0;
        // SQLite hands over szOsFile raw bytes; the C++ object lives there until xClose.
        new (file) MemFile{{methods()},
                           o,
                           std::move(node),
                           o->epoch_,
                           path,
                           created && journal,
                           (flags & SQLITE_OPEN_DELETEONCLOSE) != 0};
        if (out_flags) *out_flags = flags;
        return SQLITE_OK;
    }
    static int remove(sqlite3_vfs* vfs, const char* name, int dir_sync) {
        PowerLossVfs* o = owner_of(vfs);
        if (o->cut_ || !o->mutate()) return SQLITE_IOERR_DELETE;
        if (o->live_dir_.erase(name) == 0) return SQLITE_IOERR_DELETE_NOENT;
        if (dir_sync) {
            o->durable_dir_ = o->live_dir_;
            ++o->dir_syncs_;
        }
        return SQLITE_OK;
    }
    static int access(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
        PowerLossVfs* o = owner_of(vfs);
        if (o->cut_) return SQLITE_IOERR_ACCESS;
        auto it = o->live_dir_.find(name);
        *out = it != o->live_dir_.end() &&
               (flags != SQLITE_ACCESS_EXISTS || !it->second->live.empty());
        return SQLITE_OK;
    }
    static int full_pathname(sqlite3_vfs*, const char* name, int n, char* out) {
        if (static_cast<int>(std::strlen(name)) >= n) return SQLITE_CANTOPEN;
        std::strcpy(out, name);
        return SQLITE_OK;
    }
    static sqlite3_vfs* real(sqlite3_vfs* v) { return owner_of(v)->real_; }
    static int randomness(sqlite3_vfs* v, int n, char* out) {
        return real(v)->xRandomness(real(v), n, out);
    }
    static int sleep(sqlite3_vfs* v, int us) { return real(v)->xSleep(real(v), us); }
    static int current_time(sqlite3_vfs* v, double* t) { return real(v)->xCurrentTime(real(v), t); }
    static int last_error(sqlite3_vfs* v, int n, char* out) {
        return real(v)->xGetLastError(real(v), n, out);
    }
    static int current_time_int64(sqlite3_vfs* v, sqlite3_int64* t) {
        return real(v)->xCurrentTimeInt64(real(v), t);
    }
};

PowerLossVfs::PowerLossVfs(std::string name, std::uint64_t seed)
    : name_(std::move(name)), real_(sqlite3_vfs_find(nullptr)), rng_(seed) {
    if (!real_) throw std::runtime_error("no default SQLite VFS");
    vfs_.iVersion = 2;
    vfs_.szOsFile = sizeof(MemFile);
    vfs_.mxPathname = 1024;
    vfs_.zName = name_.c_str();
    vfs_.pAppData = this;
    vfs_.xOpen = Access::open;
    vfs_.xDelete = Access::remove;
    vfs_.xAccess = Access::access;
    vfs_.xFullPathname = Access::full_pathname;
    vfs_.xRandomness = Access::randomness;
    vfs_.xSleep = Access::sleep;
    vfs_.xCurrentTime = Access::current_time;
    vfs_.xGetLastError = Access::last_error;
    vfs_.xCurrentTimeInt64 = Access::current_time_int64;
    if (sqlite3_vfs_register(&vfs_, 0) != SQLITE_OK)
        throw std::runtime_error("cannot register VFS " + name_);
}

PowerLossVfs::~PowerLossVfs() {
    sqlite3_vfs_unregister(&vfs_);
}

bool PowerLossVfs::mutate() {
    ++calls_;
    if (cut_) return false;
    if (cut_at_ >= 0 && calls_ > cut_at_) {
        apply_cut();
        return false;
    }
    return true;
}

void PowerLossVfs::cut_now() {
    if (!cut_) apply_cut();
}

void PowerLossVfs::power_on() {
    cut_ = false;
}

void PowerLossVfs::wipe() {
    live_dir_.clear();
    durable_dir_.clear();
    ++epoch_;
    cut_ = false;
    cut_at_ = -1;
}

// What the disk holds after the cut: the durable directory; in each file, every sector
// written since its last sync old or new at random, the size old or new at random.
void PowerLossVfs::apply_cut() {
    cut_ = true;
    cut_at_ = -1;
    ++epoch_;
    std::map<std::string, std::shared_ptr<Node>> after;
    for (const auto& [path, node] : durable_dir_) {
        auto n = std::make_shared<Node>();
        const bool new_size = (rng_() & 1) != 0;
        const std::int64_t size =
            static_cast<std::int64_t>(new_size ? node->live.size() : node->durable.size());
        n->durable = node->durable;
        n->durable.resize(static_cast<std::size_t>(size));
        for (const std::int64_t s : node->dirty) {
            const std::int64_t from = s * sector;
            const std::int64_t to =
                std::min({size, from + sector, static_cast<std::int64_t>(node->live.size())});
            if (from >= to || (rng_() & 1) == 0) continue;
            std::memcpy(n->durable.data() + from, node->live.data() + from,
                        static_cast<std::size_t>(to - from));
        }
        n->live = n->durable;
        after[path] = std::move(n);
    }
    durable_dir_ = after;
    live_dir_ = std::move(after);
}

std::string PowerLossVfs::contents(const std::string& path) const {
    auto it = live_dir_.find(path);
    if (it == live_dir_.end()) return {};
    return std::string(it->second->live.begin(), it->second->live.end());
}

}  // namespace quay::test
