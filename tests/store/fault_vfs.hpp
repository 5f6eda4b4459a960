#pragma once
// A SQLite VFS for tests that wraps the default one and fails writes, syncs and truncates
// on command: once armed, `countdown` more of them succeed, then every later one fails (a
// disk that fills up or starts returning I/O errors stays that way) until disarm().
// Registered (not as the default) for the object's lifetime; pass name() as
// store::Options::vfs.

#include <sqlite3.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <string>

namespace quay::test {

class FaultVfs {
  public:
    enum class Kind {
        disk_full,  // writes fail with SQLITE_FULL; syncs and truncates still work
        io_error,   // writes, syncs and truncates fail with SQLITE_IOERR_*
    };
    explicit FaultVfs(std::string name);
    ~FaultVfs();
    FaultVfs(const FaultVfs&) = delete;
    FaultVfs& operator=(const FaultVfs&) = delete;

    const std::string& name() const { return name_; }
    void arm(Kind kind, int countdown);
    void disarm();
    int operations() const { return ops_.load(); }  // writes + syncs + truncates seen
    int failures() const { return failures_.load(); }

    // Runs `hook` once, just before the read after `skip` more reads through this VFS:
    // "meanwhile another process does ..." at a known point of an open.
    void on_read(int skip, std::function<void()> hook);

    // Called by the file methods: SQLITE_OK or the error to return.
    int next(int write_error);
    void before_read();

  private:
    std::string name_;
    sqlite3_vfs vfs_{};
    sqlite3_vfs* real_ = nullptr;
    std::atomic<bool> armed_{false};
    std::atomic<int> countdown_{0};
    std::atomic<Kind> kind_{Kind::disk_full};
    std::atomic<int> ops_{0};
    std::atomic<int> failures_{0};
    std::mutex hook_mutex_;
    std::function<void()> read_hook_;
    int reads_to_skip_ = 0;

    friend struct FaultVfsAccess;
};

}  // namespace quay::test
