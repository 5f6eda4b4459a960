#pragma once
// Everything the screens need from the rest of the kiosk, as blocking calls. The UI runs
// them on its job thread, never on the UI thread. quay-kiosk implements this with the
// store, the printer worker, the portal client and the staff PIN check.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "quay/clock_status.hpp"
#include "quay/flow/kiosk.hpp"
#include "quay/language.hpp"

namespace quay::ui {

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
};

class Backend {
  public:
    virtual ~Backend() = default;
    // Saves durably; returns event::Submitted only after the commit, else SubmitFailed.
    virtual flow::Event submit(const nlohmann::json& draft) = 0;
    // The receipt of a stored dossier, in the citizen's language. A printer fault is a
    // state, never an exception, and never changes the dossier.
    virtual flow::PrintState print(const std::string& dossier_id, Language language) = 0;
    // portal_ref once the portal has the dossier.
    virtual std::optional<std::string> delivered_ref(const std::string& dossier_id) = 0;
    virtual flow::StatusAnswer lookup_status(const std::string& receipt_code,
                                             const std::string& id_last4) = 0;
    virtual bool verify_pin(const std::string& pin) = 0;
    virtual StaffView staff_view() = 0;
    // Staff actions: each returns the locale key of the message to show.
    virtual std::string resend(const std::string& dossier_id) = 0;
    virtual std::string pause() = 0;
    virtual std::string resume() = 0;
    virtual std::string reprint(const std::string& receipt_code) = 0;
};

}  // namespace quay::ui
