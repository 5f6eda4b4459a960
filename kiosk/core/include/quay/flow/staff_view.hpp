#pragma once
// What the staff screen shows: the queue, the devices, the disk and the audit log, read
// off the UI thread by the app and handed to the flow as event::StaffViewLoaded.

#include <cstdint>
#include <string>
#include <vector>

#include "quay/clock_status.hpp"

namespace quay::flow {

struct QueueItemView {
    std::string dossier_id, receipt_code, procedure_code, state, last_error, created_at;
    int attempts = 0;
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

struct StaffView {
    bool paused = false;
    std::string pause_reason;
    int pending = 0, in_flight = 0, delivered = 0, dead = 0;
    std::vector<QueueItemView> dead_letters;
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
};

}  // namespace quay::flow
