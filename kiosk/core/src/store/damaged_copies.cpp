// Damaged copies in data_dir: salvaged once each (marker in settings), listed with their
// counts, deleted after the retention period (docs/storage.md "Integrity check and
// damaged files").
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <vector>

#include "impl.hpp"
#include "quay/json_limits.hpp"

namespace quay::store {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view copy_prefix = "quay.db.damaged-";

// The copies themselves, not their journals, oldest first (the names carry the time).
std::vector<fs::path> damaged_files(const fs::path& dir) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        const std::string name = e.path().filename().string();
        const auto ends = [&](std::string_view s) {
            return name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
        };
        if (name.rfind(copy_prefix, 0) == 0 && !ends("-journal") && !ends("-wal") && !ends("-shm"))
            out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string marker_key(const fs::path& copy) {
    return "salvage:" + copy.filename().string();
}

std::vector<fs::path> not_salvaged(const Store::Impl& impl, const std::vector<fs::path>& files) {
    std::vector<fs::path> out;
    for (const auto& f : files)
        if (!impl.setting(marker_key(f).c_str())) out.push_back(f);
    return out;
}

std::string copies_key(const std::vector<fs::path>& files) {
    std::string key;
    for (const auto& c : files)
        key += c.filename().string() + ";";
    return key;
}

// Zeros over the file's bytes, synced, then the unlink: the blocks ext4 frees no longer
// hold names (flash may keep old blocks internally; docs/storage.md).
bool shred(const fs::path& file) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return errno == ENOENT;
    std::error_code ec;
    auto left = fs::file_size(file, ec);
    const std::vector<char> zeros(64 * 1024, 0);
    bool ok = !ec;
    while (ok && left > 0) {
        const auto n = std::min<std::uintmax_t>(left, zeros.size());
        ok = ::write(fd, zeros.data(), n) == static_cast<ssize_t>(n);
        left -= n;
    }
    ok = ok && ::fdatasync(fd) == 0;
    ::close(fd);
    return ok && fs::remove(file, ec);
}

}  // namespace

void salvage_damaged(Store::Impl& impl) {
    const auto files = damaged_files(impl.data_dir);
    if (files.empty()) return;
    const std::string key = copies_key(files);
    if (impl.setting("counter_floor_copies") == key && not_salvaged(impl, files).empty()) return;
    const LocalTime t = local_time(impl.clock->now(), impl.clock->utc_offset_minutes());
    char day[8];
    std::snprintf(day, sizeof day, "%02d%02d%02d", t.year % 100, t.month, t.day);
    // One transaction with the markers: a restart in the middle salvages nothing twice.
    detail::Txn txn(impl.db, true);
    if (impl.setting("counter_floor_copies") != key) {  // looked at again under the lock
        detail::floor_counters(impl.db, files, day);
        impl.set_setting("counter_floor_copies", key);
    }
    for (const auto& f : not_salvaged(impl, files)) {
        const detail::SalvageCount n = detail::salvage_copy(impl.db, f);
        const nlohmann::json marker = {{"undelivered", n.salvaged},
                                       {"unreadable", n.unreadable},
                                       {"readable", n.readable},
                                       {"at", impl.now_text()},
                                       {"at_ms", impl.wall_ms()}};
        impl.set_setting(marker_key(f).c_str(), marker.dump());
    }
    txn.commit();
}

std::vector<DamagedCopy> list_damaged_copies(const Store::Impl& impl) {
    std::vector<DamagedCopy> out;
    for (const auto& f : damaged_files(impl.data_dir)) {
        DamagedCopy c;
        c.file = f;
        if (const auto m = impl.setting(marker_key(f).c_str())) {
            const auto j = json_limits::parse(*m);
            c.salvaged = j.is_object();
            if (c.salvaged) {
                c.undelivered = j.value("undelivered", std::int64_t{0});
                c.unreadable = j.value("unreadable", std::int64_t{0});
                c.readable = j.value("readable", false);
                c.at = j.value("at", "");
            }
        }
        out.push_back(std::move(c));
    }
    return out;
}

std::int64_t purge_damaged(Store::Impl& impl) {
    constexpr std::int64_t day_ms = 24LL * 3600LL * 1000LL;
    std::lock_guard lock(impl.mutex);
    const std::int64_t cutoff = impl.wall_ms() - impl.options.damaged_retention_days * day_ms;
    std::int64_t purged = 0;
    for (const auto& f : damaged_files(impl.data_dir)) {
        const auto m = impl.setting(marker_key(f).c_str());
        if (!m) continue;  // never before its salvage has committed
        const auto j = json_limits::parse(*m);
        if (!j.is_object() || j.value("at_ms", cutoff) >= cutoff) continue;
        fs::path journal = f;
        journal += "-journal";
        if (shred(journal) && shred(f)) ++purged;
    }
    if (purged > 0) {
        // The unlinks reach the disk before the purge is reported.
        const int dir = ::open(impl.data_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dir >= 0) {
            ::fsync(dir);
            ::close(dir);
        }
    }
    return purged;
}

}  // namespace quay::store
