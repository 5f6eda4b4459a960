#pragma once
// A SQLite VFS for tests that keeps every file in memory and models what a power cut
// leaves of it, in the spirit of SQLite's own crash tests (test6.c):
//  - each file has a durable image (what its last xSync wrote) and the live bytes; at the
//    cut every 4 KiB sector written since the last xSync keeps, at random (seeded), either
//    its new or its old content, and the size is the old or the new one;
//  - the directory (which names exist) has a durable copy too, updated only by a directory
//    sync: xDelete with dirSync=1, or the first xSync of a journal this open created (what
//    the unix VFS does). A create or an unlink not followed by one is undone at the cut.
// cut_after(n): after n more mutating calls (open-create, write, truncate, sync, delete) the
// power goes: the durable state becomes what the disk holds, and every later call on a file
// opened before fails with SQLITE_IOERR, so SQLite gives up. power_on() lets new opens see
// the durable state. Registered (not as default) for the object's lifetime.

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace quay::test {

class PowerLossVfs {
  public:
    PowerLossVfs(std::string name, std::uint64_t seed);
    ~PowerLossVfs();
    PowerLossVfs(const PowerLossVfs&) = delete;
    PowerLossVfs& operator=(const PowerLossVfs&) = delete;

    const std::string& name() const { return name_; }
    void cut_after(std::int64_t calls) { cut_at_ = calls_ + calls; }
    void cut_now();   // the power goes now (if it has not already)
    void power_on();  // a new boot: later opens see the durable state
    bool cut() const { return cut_; }
    void wipe();  // an empty disk
    std::int64_t calls() const { return calls_; }
    std::int64_t file_syncs() const { return file_syncs_; }
    std::int64_t dir_syncs() const { return dir_syncs_; }

    // The bytes of a live file (empty if none), for tests that look at raw content.
    std::string contents(const std::string& path) const;

    struct Node {
        std::vector<unsigned char> live;
        std::vector<unsigned char> durable;
        std::set<std::int64_t> dirty;  // sectors written since the last sync
    };
    struct Access;

  private:
    bool mutate();  // counts a mutating call; false once the power is gone
    void apply_cut();

    std::string name_;
    sqlite3_vfs vfs_{};
    sqlite3_vfs* real_ = nullptr;
    std::mt19937_64 rng_;
    std::map<std::string, std::shared_ptr<Node>> live_dir_;
    std::map<std::string, std::shared_ptr<Node>> durable_dir_;
    std::int64_t calls_ = 0;
    std::int64_t cut_at_ = -1;
    std::int64_t epoch_ = 0;  // files opened before a cut stay dead
    bool cut_ = false;
    std::int64_t file_syncs_ = 0;
    std::int64_t dir_syncs_ = 0;
};

}  // namespace quay::test
