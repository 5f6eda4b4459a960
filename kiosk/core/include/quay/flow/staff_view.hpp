#pragma once
// What the staff screen shows: the queue, the devices, the disk and the audit log, read
// off the UI thread by the app and handed to the flow as event::StaffViewLoaded.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "quay/clock_status.hpp"

namespace quay::flow {

struct QueueItemView {
    std::string dossier_id, receipt_code, procedure_code, state, last_error, created_at;
    int attempts = 0;
    std::int64_t age_s = 0;  // the pending list: how long it has waited (the store's clock)
    std::string error_kind;  // delivery::error_kind(last_error): said as staff2.error.<kind>
};

enum class Check { ok, warning, failed, absent };

// One row of the audit log (no personal data), newest first on the staff screen.
struct AuditLine {
    std::string time;    // RFC 3339
    std::string event;   // store::audit_event name; shown via ui.staff.audit.<event>
    std::string detail;  // "key=value · ..." of the row's detail
};

// A damaged database copy moved aside and what its salvage found (docs/storage.md).
struct DamagedCopyLine {
    std::string file;  // quay.db.damaged-<time>
    bool salvaged = false, readable = false;
    std::int64_t undelivered = 0, unreadable = 0;
};

// A citizen's "Gọi cán bộ" not yet seen to (no personal data: when, and on which screen).
struct HelpCallLine {
    std::string time;    // RFC 3339
    std::string screen;  // flow::to_string(Screen)
};

// "Hôm nay": the day's counts (metrics::today_counts, metrics::printed_on).
struct TodayView {
    bool known = false;  // false: the store could not be read
    std::int64_t dossiers = 0, slips = 0, help_calls = 0;
    std::string ratings_day;                   // the last completed day with ratings, or ""
    std::array<std::int64_t, 4> ratings = {};  // its counts of the faces 1..4
};

// The catalogue's version and age, and the last sync tried (staff::catalog_view).
struct CatalogView {
    std::string version, source;           // metrics::catalog_state
    std::optional<std::int64_t> age_days;  // since it was written; nullopt: unknown
    bool stale = false;                    // older than staff::catalog_stale_days
    bool timed_sync = false;               // the kiosk syncs it by itself
    std::string sync_at;                   // RFC 3339: the last sync tried; "": never
    std::string sync_outcome;              // delivery::SyncAttempt::outcome
};

struct StaffView {
    bool paused = false;
    std::string pause_reason;
    int pending = 0, in_flight = 0, delivered = 0, dead = 0;
    std::vector<QueueItemView> dead_letters;
    std::vector<QueueItemView> undelivered;  // pending and in flight, oldest first (bounded)
    std::vector<DamagedCopyLine> damaged;
    Check printer = Check::absent, scanner = Check::absent, network = Check::absent,
          disk = Check::ok;
    std::string printer_detail, scanner_detail, network_detail, disk_detail;
    std::string version, catalog_version, kiosk_id;
    std::vector<AuditLine> audit;  // the latest 20, newest first
    ClockStatus clock;             // said on screen only when not trusted
    bool out_of_service = false;   // no new dossiers (staff switch, persisted)
    std::string out_of_service_since;
    std::vector<HelpCallLine> help_calls;  // open calls, newest first
    TodayView today;
    CatalogView catalog;
};

}  // namespace quay::flow
