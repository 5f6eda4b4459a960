#pragma once
// The kiosk's state as Prometheus metrics (docs/monitoring.md has the list): what the app
// writes to the textfile node-exporter serves, and what `quayctl metrics` prints. Both
// call gather() and render() here, so the two cannot drift apart. The figures come from
// the heartbeat's gatherer (delivery::read_store) plus what only a metric needs.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "quay/clock.hpp"
#include "quay/config/config.hpp"
#include "quay/delivery/heartbeat.hpp"
#include "quay/metrics/device_states.hpp"
#include "quay/store/store.hpp"

namespace quay::metrics {

// Below this much free space on the data directory's file system the disk is "low" (the
// staff screen's threshold).
inline constexpr std::uint64_t disk_low_bytes = 200ull << 20;

struct Snapshot {
    std::string kiosk_id;
    delivery::HeartbeatInfo info;  // queue, audit counts, clock, damaged copies, versions
    bool store_readable = false;   // false: the store figures below and in info are absent
    std::string store_error_code;  // why not: store::StorageError's code, or "storage_failure"
    std::string store_error;       // and its message
    bool paused = false;
    std::int64_t submitted_today = 0;              // dossiers created since local midnight
    std::int64_t help_calls_open = 0;              // "Gọi cán bộ" not yet marked helped
    std::string catalog_source;                    // "bundled" | "synced" | "config_file" | "error"
    std::int64_t catalog_updated_s = 0;            // when the catalogue in use was written (unix s)
    std::optional<std::uint64_t> disk_free_bytes;  // nullopt: statvfs failed
    DeviceStates devices;  // printer "absent"/scanner "absent" when none is configured
};

// Reads the store (its own connection), the active catalogue and the disk. Never throws
// for a store, catalogue or disk failure: each is a metric of its own.
Snapshot gather(const config::Config& config, const Clock& clock, const DeviceStates& devices);

// The text exposition (format 0.0.4), every family with HELP and TYPE.
std::string render(const Snapshot& snapshot);

// Atomically replaces `file` (temp file in the same directory, fsync, rename) with mode
// 0644 so node-exporter, another user, can read it. Throws store::StorageError.
void write_textfile(const std::filesystem::path& file, const std::string& text);

// The catalogue a (re)start would use: its version, where it comes from ("bundled" |
// "synced" | "config_file" | "error") and when it was written (unix s; 0: unknown). The
// metrics' quay_catalog_* and the staff screen's catalogue line.
struct CatalogState {
    std::string version;
    std::string source;
    std::int64_t updated_s = 0;
};
CatalogState catalog_state(const config::Config& config);

// The day's counts since local midnight on `clock`, one rule each: the metrics' dossiers
// today and the staff screen's "Hôm nay" (docs/staff-guide.md).
struct Today {
    std::int64_t dossiers = 0;    // filed (Store::submitted_since)
    std::int64_t help_calls = 0;  // citizens' "Gọi cán bộ" (audit rows help_call)
    // One-tap ratings of the last completed day (Store::rating_days(1)), if it had any:
    // today's are never read out (docs/receipts.md "Rating").
    std::optional<store::RatingDay> last_day_ratings;
};
Today today_counts(const store::Store& store, const Clock& clock);

// The local date of `now`, YYYY-MM-DD (DeviceStates::printed_day).
std::string local_day(std::chrono::system_clock::time_point now, int utc_offset_minutes);

// The local civil day's start (the clock's UTC offset) of `now`.
std::chrono::system_clock::time_point local_midnight(std::chrono::system_clock::time_point now,
                                                     int utc_offset_minutes);

}  // namespace quay::metrics
