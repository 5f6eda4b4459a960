#pragma once
// The kiosk's durable dossier queue: one SQLite file in the data directory (docs/storage.md).
// A dossier is validated, given its ids and its portal body, and committed in one
// transaction; submit() returns only after that commit (synchronous=EXTRA), so a citizen
// told "saved" can trust it. The delivery sender (quay/delivery/sender.hpp) moves items
// through pending -> in_flight -> delivered | dead.
//
// Any number of Store objects, in any number of processes, may use one data directory at
// once. One Store may be shared between threads (calls are serialised inside).

#include <nlohmann/json.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quay/catalog/catalog.hpp"
#include "quay/clock.hpp"
#include "quay/clock_status.hpp"
#include "quay/config/config.hpp"
#include "quay/error.hpp"
#include "quay/store/audit.hpp"

namespace quay::store {

enum class State { pending, in_flight, delivered, dead };
std::string_view to_string(State s);
std::optional<State> parse_state(std::string_view s);

// The storage failed: disk full, I/O error, locked past the busy timeout, or a damaged
// file (quayctl exit 5). code(): "disk_full" | "io_error" | "database_locked" |
// "database_damaged" | "storage_failure". Nothing was stored by the failed call.
class StorageError : public Error {
  public:
    using Error::Error;
};

// The damaged file was moved aside to moved_to (with its journal) and reported.
class DamagedError : public StorageError {
  public:
    DamagedError(std::filesystem::path moved_to, const std::string& message)
        : StorageError("database_damaged", message), moved_to_(std::move(moved_to)) {}
    const std::filesystem::path& moved_to() const noexcept { return moved_to_; }

  private:
    std::filesystem::path moved_to_;
};

// One problem with a draft: the JSON path of the field ("applicant.phone",
// "fields.child_full_name", "procedure_code") and a plain message.
struct DraftProblem {
    std::string field;
    std::string message;
};

// The draft was rejected (quayctl exit 2, {"error": "validation_failed", "details": [...]}).
// Nothing was stored.
class InvalidDraft : public Error {
  public:
    explicit InvalidDraft(std::vector<DraftProblem> details);
    const std::vector<DraftProblem>& details() const noexcept { return details_; }

  private:
    std::vector<DraftProblem> details_;
};

// What submit() hands back once the dossier is committed.
struct Submitted {
    std::string dossier_id;    // UUID v4, never changes
    std::string receipt_code;  // <kiosk id>-<YYMMDD>-<NNNN>
    std::string created_at;    // RFC 3339 with the local offset
    std::string procedure_code;
    // With Options::queue_numbers: the counter queue number of the procedure's field
    // (lĩnh vực) for the local day, 1, 2, ... (docs/receipts.md "Queue numbers").
    std::optional<std::int64_t> queue_number;
    std::string queue_field;  // the catalogue's field_code it counts in
};

// What submit_bundle() hands back: one dossier per draft, in the drafts' order.
struct SubmittedBundle {
    std::string bundle_id;  // UUID v4, in every dossier's body
    std::vector<Submitted> dossiers;
};

// One queue item: the fields of `quayctl queue`, plus what the body says while it is kept.
struct Item {
    std::string dossier_id;
    std::string receipt_code;
    std::string procedure_code;
    std::string catalog_version;
    State state = State::pending;
    std::int64_t attempts = 0;                   // POSTs started for this dossier
    std::optional<std::string> portal_ref;       // set once delivered
    std::optional<std::string> last_error;       // last failure, one line, no personal data
    nlohmann::json error_details;                // dead: the portal's reply (message/details)
    std::string created_at;                      // RFC 3339 with offset
    std::optional<std::string> next_attempt_at;  // pending after a failure: estimate, RFC 3339
    std::optional<std::string> delivered_at;     // RFC 3339, when the portal's ack was recorded
    // From the body, while it is kept (null once purged by the retention period):
    std::optional<std::string> applicant_name;
    // The exact bytes that are (or were) sent. Filled by get() and find_by_receipt() only.
    std::optional<std::string> body;
    // The body's "fee_due" (đồng) while the body is kept; staff's mark_fee_paid().
    std::optional<std::int64_t> fee_due;
    std::optional<std::string> fee_paid_at;    // RFC 3339, when staff marked it paid
    bool fee_paid_in_body = false;             // the body sent carries "fee_paid": true
    std::optional<std::int64_t> queue_number;  // see Submitted
    std::string queue_field;
};

// What Store::mark_fee_paid did (docs/delivery.md "Fee paid").
struct FeePaid {
    enum class Result {
        marked,        // recorded now (and audited)
        not_found,     // no dossier with that id or receipt code
        no_fee_due,    // its body says no fee_due, or 0
        purged,        // its body is gone (retention): what was due is no longer known
        already_paid,  // marked before: nothing changed
    };
    Result result = Result::not_found;
    std::string dossier_id, receipt_code;
    std::int64_t fee_due = 0;
    std::string paid_at;   // marked / already_paid: RFC 3339
    bool in_body = false;  // the portal gets "fee_paid": true; false: recorded here only
};
std::string_view to_string(FeePaid::Result r);

struct Summary {
    std::int64_t pending = 0;
    std::int64_t in_flight = 0;
    std::int64_t dead = 0;
    std::int64_t delivered = 0;
    std::optional<std::int64_t> oldest_pending_age_s;  // pending or in_flight; null if none
    // When the newest delivered item's ack was recorded (wall ms); null if none.
    std::optional<std::int64_t> last_delivered_ms;
};

// A dossier not yet delivered (pending or in flight) and its age, counted as
// Summary::oldest_pending_age_s is (the store's clock).
struct Waiting {
    Item item;
    std::int64_t age_s = 0;
};

// One completed local day of one-tap ratings (Store::rate): counts only.
struct RatingDay {
    std::string day;                       // YYYY-MM-DD, local
    std::array<std::int64_t, 4> counts{};  // of the values 1, 2, 3, 4
};

// Why delivery is paused.
struct Pause {
    std::string reason;   // "staff" | "unauthorized"
    std::string message;  // for staff, no personal data
    std::string since;    // RFC 3339
};

// SQLite's synchronous level. Only `extra` is durable in rollback-journal mode (it fsyncs
// the directory after the journal's unlink, the commit point: docs/storage.md). `full`
// exists so the power-loss tests can show the difference; the kiosk never sets it.
enum class Synchronous { full = 2, extra = 3 };

struct Options {
    std::int64_t retention_days = 30;  // config store.retention_days
    // A dead item keeps its body this long after purge_expired() first saw it dead (staff
    // may resend it meanwhile), then its personal data is purged.
    std::int64_t dead_retention_days = 90;
    // A damaged copy (quay.db.damaged-*) is deleted this long after its salvage
    // (docs/storage.md "Integrity check and damaged files").
    std::int64_t damaged_retention_days = 90;
    std::chrono::milliseconds busy_timeout{15000};
    // Full integrity_check at open: once per boot (recorded in the file), or always.
    bool check_every_open = false;
    std::string vfs;       // SQLite VFS name; empty: the default (tests inject faults with it)
    std::string kiosk_id;  // recorded in audit rows (open(config) sets it)
    Synchronous synchronous = Synchronous::extra;  // tests only (see Synchronous)
    bool queue_numbers = false;                    // config queue.numbers
};

// A damaged file moved aside (quay.db.damaged-<stamp>) and what its salvage found.
struct DamagedCopy {
    std::filesystem::path file;
    bool salvaged = false;          // salvage ran and committed: the counts are final
    std::int64_t undelivered = 0;   // undelivered dossiers salvaged into this store
    std::int64_t unreadable = 0;    // dossier rows of the copy that could not be read
    bool readable = false;          // false: not even its dossiers table could be found
    std::optional<std::string> at;  // RFC 3339, when it was salvaged
};

// What the sender needs to post an item (quay/delivery).
struct Claimed {
    std::string dossier_id;
    std::string receipt_code;
    std::string body;
    std::int64_t attempts = 0;  // including this one
    std::int64_t failures = 0;  // consecutive retryable failures before this one (backoff)
};

// One transfer's result, recorded by Store::settle.
struct Settled {
    enum class Kind {
        delivered,     // text: the portal_ref
        retry,         // text: the error; delay: until it is due again (failures + 1)
        dead,          // text: the error; details: the portal's reply (or null)
        unauthorized,  // 401/403: back to pending, the queue pauses; text: the message,
                       // fingerprint: the portal config that was refused
        released,      // stopped mid-request: due now, no failure counted
        unclaimed,     // claimed but never sent: pending exactly as before the claim
    };
    Kind kind = Kind::retry;
    std::string dossier_id = {};
    std::string text = {};
    nlohmann::json details = nullptr;
    std::chrono::milliseconds delay{0};
    std::string fingerprint = {};
};

class Store {
  public:
    // Creates data_dir (0700) if missing, opens or creates quay.db, runs the migrations,
    // checks integrity. Throws StorageError / DamagedError. The clock must outlive the store.
    static Store open(const config::Config& config, const Clock& clock);
    static Store open(const std::filesystem::path& data_dir, const Clock& clock,
                      Options options = {});

    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;
    ~Store();

    const std::filesystem::path& data_dir() const noexcept;
    const std::filesystem::path& file() const noexcept;  // data_dir/quay.db

    // Validates the draft against the catalogue, normalises its text to NFC, assigns the
    // ids, builds the portal body once and commits it, all in one transaction.
    // Throws InvalidDraft (nothing stored) or StorageError (nothing stored).
    Submitted submit(const nlohmann::json& draft, const catalog::Catalog& catalog,
                     std::string_view kiosk_id);
    // A liên thông bundle {"bundle": CODE, "drafts": [DRAFT, ...]} (docs/bundles.md): every
    // draft validated as by submit(), and the bundle's rules (its procedures each once; the
    // applicant and the shared fields the same in every draft), problems named
    // "drafts[i].<field>"; then every dossier, each body carrying the same bundle_id, in
    // the ONE transaction of submit(): all of them or none, also under power loss.
    SubmittedBundle submit_bundle(const nlohmann::json& bundle, const catalog::Catalog& catalog,
                                  std::string_view kiosk_id);

    std::optional<Item> get(std::string_view dossier_id) const;
    std::optional<Item> find_by_receipt(std::string_view receipt_code) const;
    // Oldest first. for_each streams (bounded memory); items() collects.
    void for_each(const std::function<void(const Item&)>& visit) const;
    std::vector<Item> items() const;
    Summary summary() const;
    // Pending and in-flight dossiers, oldest first, at most `limit`: the staff screen's
    // pending list (docs/staff-guide.md).
    std::vector<Waiting> undelivered(std::size_t limit) const;
    // Dossiers created at or after `since` (wall clock), whatever their state: the day's
    // count for the metrics (quay/metrics).
    std::int64_t submitted_since(std::chrono::system_clock::time_point since) const;

    bool paused() const;
    std::optional<Pause> pause_state() const;
    void pause(std::string_view reason, std::string_view message = {});
    void resume();

    // Staff marked the fee of a dossier (by dossier id or receipt code) paid; `by` is
    // "quayctl" | "staff" for the audit row, written in the same transaction. The body is
    // changed (adding "fee_paid": true) only while no POST of it was ever started (pending,
    // 0 attempts): the sender's claim and this are both write transactions, so the portal
    // sees either the old body or the new one, never both under one Idempotency-Key.
    // Otherwise the portal may hold the old bytes and the mark is recorded here only.
    FeePaid mark_fee_paid(std::string_view id_or_receipt_code, std::string_view by);

    // A dead item goes back to pending, same id and same body. False if not dead or if
    // its body was purged.
    bool resend(std::string_view dossier_id);

    // Clears body and applicant data of dossiers delivered more than retention_days ago,
    // and of dead items first seen dead (by an earlier purge) more than
    // dead_retention_days ago. Pending and in_flight items are never purged. Meant to run
    // daily. Returns how many were purged. Does nothing while clock_status() is not
    // trusted: a wall clock that jumped forward must not delete early (docs/storage.md).
    // Also deletes damaged copies salvaged more than damaged_retention_days ago (not
    // counted in the result; audited).
    std::int64_t purge_expired();

    // ---- the wall clock's trust (quay/clock_status.hpp) ----
    // The portal's time from a reply's Date header, kept anchored on this boot's monotonic
    // clock so every process of the kiosk sees it. Written only when it moved by more than
    // two seconds (one write per boot, not one per reply).
    void note_portal_time(std::chrono::system_clock::time_point portal);
    // The clock's status with this boot's portal time, if any.
    ClockStatus clock_status() const;

    // ---- the one-tap rating after the slip (docs/receipts.md "Rating") ----
    // Adds one to today's count of `value` (1..4; anything else throws Error("bad_rating")).
    // Kept as a count per local day and value, nothing else: no row per tap, no time finer
    // than the day, no link to a dossier or a person.
    void rate(int value);
    // The completed local days (before today) among the last `days`, oldest first, those
    // with any rating. Today's counts are never read out: watched tap by tap they could
    // be matched with the time a dossier was filed.
    std::vector<RatingDay> rating_days(int days) const;

    // ---- the audit log (quay/store/audit.hpp) ----
    // Appends one row (its own transaction). Throws Error("bad_audit_detail") or
    // StorageError. Nothing else ever changes or removes a row.
    AuditEntry audit(std::string_view event,
                     const nlohmann::json& detail = nlohmann::json::object());
    // Oldest first; with latest: only the newest that many (still oldest first).
    std::vector<AuditEntry> audit_entries(std::optional<std::int64_t> latest = std::nullopt) const;
    // Walks the whole chain.
    AuditVerdict verify_audit() const;
    // Rows per event in the last `window` of wall-clock time.
    std::map<std::string, std::int64_t> audit_counts(std::chrono::seconds window) const;
    // Citizens' calls for help ("Gọi cán bộ") since staff last marked them helped (the
    // newest help_ack), newest first, at most 100: the staff screen and the metrics.
    std::vector<AuditEntry> open_help_calls() const;
    // Wrong staff PINs since the last right one (the slowdown's state across restarts).
    std::int64_t consecutive_pin_failures() const;
    // The same, read-only and without opening the store (no migration, no integrity
    // check): for the kiosk's start, before its first frame. 0 when there is no store yet.
    static std::int64_t consecutive_pin_failures(const std::filesystem::path& data_dir);

    // ---- out of service (staff switch, kept across restarts; docs/staff-guide.md) ----
    // Since when (RFC 3339) the kiosk takes no new dossiers; nullopt: in service. Delivery
    // of stored dossiers is not affected.
    std::optional<std::string> out_of_service_since() const;
    void set_out_of_service(bool out);
    // The same read, read-only, for the kiosk's start (false when there is no store yet).
    static bool out_of_service(const std::filesystem::path& data_dir);

    // Damaged files moved aside in this data directory, oldest first, with what their
    // salvage found (staff screen, heartbeat, quayctl queue).
    std::vector<DamagedCopy> damaged_copies() const;

    // ---- for the delivery sender only (it holds the data directory's sender lock) ----
    // Items left in_flight by a sender that died go back to pending, due now.
    std::int64_t recover_in_flight();
    // In ONE write transaction (so one commit, one set of fsyncs): records `results` in
    // order, then, unless delivery is paused, claims up to `claim` of the oldest due
    // pending items (in_flight, attempts + 1). Everything is durable when it returns; on
    // an error nothing of it is (the items stay in_flight until recover_in_flight()).
    std::vector<Claimed> settle(const std::vector<Settled>& results, int claim);
    // The oldest due pending item, marked in_flight with attempts+1, or nullopt.
    std::optional<Claimed> claim_due();
    // Time until the earliest pending item is due (zero if one is due), nullopt if none.
    std::optional<std::chrono::milliseconds> next_due_in() const;
    void mark_delivered(std::string_view dossier_id, std::string_view portal_ref);
    void mark_retry(std::string_view dossier_id, std::chrono::milliseconds delay,
                    std::string_view error);
    void mark_dead(std::string_view dossier_id, std::string_view error,
                   const nlohmann::json& details);
    // An in_flight item goes back to pending, due now, without counting a failure
    // (the sender was stopped mid-request).
    void release(std::string_view dossier_id);
    // 401/403: the refused in_flight item goes back to pending and the queue pauses with
    // reason "unauthorized", remembering which portal config failed, in one transaction so
    // no other sender (thread or process) can claim the item between the two.
    // lift_auth_pause lifts that pause once the config (url + token) differs.
    void pause_unauthorized(std::string_view refused_dossier_id,
                            std::string_view config_fingerprint, std::string_view message);
    bool lift_auth_pause_if_changed(std::string_view config_fingerprint);

    struct Impl;  // opaque; named here so the store's own source files can use it

  private:
    explicit Store(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace quay::store
