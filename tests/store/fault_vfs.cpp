#include "fault_vfs.hpp"

#include <cstring>
#include <stdexcept>

namespace quay::test {

struct FaultFile {
    sqlite3_file base;
    FaultVfs* owner;
    sqlite3_file* real;
};

struct FaultVfsAccess {
    static sqlite3_vfs* real(sqlite3_vfs* v) { return static_cast<FaultVfs*>(v->pAppData)->real_; }
};

namespace {

FaultFile* ff(sqlite3_file* f) {
    return reinterpret_cast<FaultFile*>(f);
}

int x_close(sqlite3_file* f) {
    return ff(f)->real->pMethods->xClose(ff(f)->real);
}
int x_read(sqlite3_file* f, void* buf, int n, sqlite3_int64 off) {
    ff(f)->owner->before_read();
    return ff(f)->real->pMethods->xRead(ff(f)->real, buf, n, off);
}
int x_write(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
    if (const int rc = ff(f)->owner->next(SQLITE_IOERR_WRITE); rc != SQLITE_OK) return rc;
    return ff(f)->real->pMethods->xWrite(ff(f)->real, buf, n, off);
}
int x_truncate(sqlite3_file* f, sqlite3_int64 size) {
    if (const int rc = ff(f)->owner->next(SQLITE_IOERR_TRUNCATE); rc != SQLITE_OK) return rc;
    return ff(f)->real->pMethods->xTruncate(ff(f)->real, size);
}
int x_sync(sqlite3_file* f, int flags) {
    if (const int rc = ff(f)->owner->next(SQLITE_IOERR_FSYNC); rc != SQLITE_OK) return rc;
    return ff(f)->real->pMethods->xSync(ff(f)->real, flags);
}
int x_file_size(sqlite3_file* f, sqlite3_int64* size) {
    return ff(f)->real->pMethods->xFileSize(ff(f)->real, size);
}
int x_lock(sqlite3_file* f, int l) {
    return ff(f)->real->pMethods->xLock(ff(f)->real, l);
}
int x_unlock(sqlite3_file* f, int l) {
    return ff(f)->real->pMethods->xUnlock(ff(f)->real, l);
}
int x_check_reserved(sqlite3_file* f, int* out) {
    return ff(f)->real->pMethods->xCheckReservedLock(ff(f)->real, out);
}
int x_file_control(sqlite3_file* f, int op, void* arg) {
    return ff(f)->real->pMethods->xFileControl(ff(f)->real, op, arg);
}
int x_sector_size(sqlite3_file* f) {
    return ff(f)->real->pMethods->xSectorSize(ff(f)->real);
}
int x_device_characteristics(sqlite3_file* f) {
    return ff(f)->real->pMethods->xDeviceCharacteristics(ff(f)->real);
}

// Version 1: no shared memory or mmap, which a rollback-journal database never needs.
sqlite3_io_methods make_methods() {
    sqlite3_io_methods m{};
    m.iVersion = 1;
    m.xClose = x_close;
    m.xRead = x_read;
    m.xWrite = x_write;
    m.xTruncate = x_truncate;
    m.xSync = x_sync;
    m.xFileSize = x_file_size;
    m.xLock = x_lock;
    m.xUnlock = x_unlock;
    m.xCheckReservedLock = x_check_reserved;
    m.xFileControl = x_file_control;
    m.xSectorSize = x_sector_size;
    m.xDeviceCharacteristics = x_device_characteristics;
    return m;
}
const sqlite3_io_methods fault_methods = make_methods();

int x_open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* out_flags) {
    auto* f = ff(file);
    f->base.pMethods = nullptr;
    f->owner = static_cast<FaultVfs*>(vfs->pAppData);
    f->real = reinterpret_cast<sqlite3_file*>(f + 1);
    sqlite3_vfs* real = FaultVfsAccess::real(vfs);
    const int rc = real->xOpen(real, name, f->real, flags, out_flags);
    if (f->real->pMethods) f->base.pMethods = &fault_methods;
    return rc;
}
int x_delete(sqlite3_vfs* vfs, const char* name, int sync_dir) {
    sqlite3_vfs* real = FaultVfsAccess::real(vfs);
    return real->xDelete(real, name, sync_dir);
}
int x_access(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
    sqlite3_vfs* real = FaultVfsAccess::real(vfs);
    return real->xAccess(real, name, flags, out);
}
int x_full_pathname(sqlite3_vfs* vfs, const char* name, int n, char* out) {
    sqlite3_vfs* real = FaultVfsAccess::real(vfs);
    return real->xFullPathname(real, name, n, out);
}
int x_randomness(sqlite3_vfs* vfs, int n, char* out) {
    sqlite3_vfs* real = FaultVfsAccess::real(vfs);
    return real->xRandomness(real, n, out);
}
int x_sleep(sqlite3_vfs* vfs, int us) {
    sqlite3_vfs* real = FaultVfsAccess::real(vfs);
    return real->xSleep(real, us);
}
int x_current_time(sqlite3_vfs* vfs, double* out) {
    sqlite3_vfs* real = FaultVfsAccess::real(vfs);
    return real->xCurrentTime(real, out);
}
int x_last_error(sqlite3_vfs* vfs, int n, char* out) {
    sqlite3_vfs* real = FaultVfsAccess::real(vfs);
    return real->xGetLastError ? real->xGetLastError(real, n, out) : 0;
}

}  // namespace

FaultVfs::FaultVfs(std::string name) : name_(std::move(name)) {
    real_ = sqlite3_vfs_find(nullptr);
    if (!real_) throw std::runtime_error("no default SQLite VFS");
    vfs_.iVersion = 1;
    vfs_.szOsFile = static_cast<int>(sizeof(FaultFile)) + real_->szOsFile;
    vfs_.mxPathname = real_->mxPathname;
    vfs_.zName = name_.c_str();
    vfs_.pAppData = this;
    vfs_.xOpen = x_open;
    vfs_.xDelete = x_delete;
    vfs_.xAccess = x_access;
    vfs_.xFullPathname = x_full_pathname;
    vfs_.xRandomness = x_randomness;
    vfs_.xSleep = x_sleep;
    vfs_.xCurrentTime = x_current_time;
    vfs_.xGetLastError = x_last_error;
    if (sqlite3_vfs_register(&vfs_, 0) != SQLITE_OK) throw std::runtime_error("vfs register");
}

FaultVfs::~FaultVfs() {
    sqlite3_vfs_unregister(&vfs_);
}

void FaultVfs::arm(Kind kind, int countdown) {
    kind_ = kind;
    countdown_ = countdown;
    failures_ = 0;
    armed_ = true;
}

void FaultVfs::disarm() {
    armed_ = false;
}

void FaultVfs::on_read(int skip, std::function<void()> hook) {
    std::lock_guard lock(hook_mutex_);
    reads_to_skip_ = skip;
    read_hook_ = std::move(hook);
}

void FaultVfs::before_read() {
    std::function<void()> hook;
    {
        std::lock_guard lock(hook_mutex_);
        if (reads_to_skip_-- > 0) return;
        hook.swap(read_hook_);
    }
    if (hook) hook();
}

int FaultVfs::next(int write_error) {
    ++ops_;
    if (!armed_) return SQLITE_OK;
    // A full disk fails writes only; syncing or shrinking a file still works.
    if (kind_ == Kind::disk_full && write_error != SQLITE_IOERR_WRITE) return SQLITE_OK;
    if (countdown_.fetch_sub(1) > 0) return SQLITE_OK;
    ++failures_;
    return kind_ == Kind::disk_full ? SQLITE_FULL : write_error;
}

}  // namespace quay::test
