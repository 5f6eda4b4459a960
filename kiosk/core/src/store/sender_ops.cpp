// The store's side of delivery: claiming due items and recording each outcome.
#include "impl.hpp"

namespace quay::store {

using detail::Stmt;
using detail::Txn;

namespace {

// Due again now, no failure counted; the caller holds the store's mutex.
void back_to_pending(detail::Db& db, std::string_view dossier_id) {
    Stmt s(db,
           "UPDATE dossiers SET state = 'pending', due_mono_ms = 0, next_attempt_at = NULL "
           "WHERE dossier_id = ? AND state = 'in_flight'");
    s.bind(1, dossier_id).run();
}

// The dossier that caused a 401/403 pause stops going last once it is delivered or dead.
void forget_refusal(detail::Db& db, std::string_view dossier_id) {
    Stmt s(db, "DELETE FROM settings WHERE key = 'auth_refused_id' AND value = ?");
    s.bind(1, dossier_id).run();
}

}  // namespace

std::int64_t Store::recover_in_flight() {
    std::lock_guard lock(impl_->mutex);
    impl_->db.exec(
        "UPDATE dossiers SET state = 'pending', due_mono_ms = 0, next_attempt_at = NULL "
        "WHERE state = 'in_flight'");
    return sqlite3_changes(impl_->db.get());
}

std::optional<Claimed> Store::claim_due() {
    std::lock_guard lock(impl_->mutex);
    Txn txn(impl_->db, true);
    if (impl_->setting("pause_reason")) return std::nullopt;
    // A delay set on another boot's monotonic clock means nothing now: due at once. The
    // dossier whose 401/403 paused the queue goes after every other due one, so it cannot
    // pause the queue again before they are delivered (docs/delivery.md).
    Stmt s(impl_->db,
           "SELECT dossier_id, receipt_code, body, attempts, failures FROM dossiers "
           "WHERE state = 'pending' AND (due_mono_ms <= ? OR due_boot <> ?) "
           "ORDER BY dossier_id = ?, due_mono_ms, seq LIMIT 1");
    s.bind(1, impl_->mono_ms())
        .bind(2, impl_->boot_id)
        .bind(3, impl_->setting("auth_refused_id").value_or(""));
    if (!s.step()) return std::nullopt;
    Claimed c{s.text(0), s.text(1), s.text(2), s.integer(3) + 1, s.integer(4)};
    Stmt up(impl_->db,
            "UPDATE dossiers SET state = 'in_flight', attempts = attempts + 1 "
            "WHERE dossier_id = ?");
    up.bind(1, c.dossier_id).run();
    txn.commit();
    return c;
}

std::optional<std::chrono::milliseconds> Store::next_due_in() const {
    std::lock_guard lock(impl_->mutex);
    Stmt s(impl_->db,
           "SELECT min(CASE WHEN due_boot <> ? THEN 0 ELSE due_mono_ms END) FROM dossiers "
           "WHERE state = 'pending'");
    s.bind(1, impl_->boot_id);
    if (!s.step()) return std::nullopt;
    const auto due = s.opt_integer(0);
    if (!due) return std::nullopt;
    return std::chrono::milliseconds(std::max<std::int64_t>(0, *due - impl_->mono_ms()));
}

void Store::mark_delivered(std::string_view dossier_id, std::string_view portal_ref) {
    std::lock_guard lock(impl_->mutex);
    Stmt s(impl_->db,
           "UPDATE dossiers SET state = 'delivered', portal_ref = ?, failures = 0, "
           "last_error = NULL, next_attempt_at = NULL, delivered_at = ?, delivered_ms = ? "
           "WHERE dossier_id = ?");
    s.bind(1, portal_ref).bind(2, impl_->now_text()).bind(3, impl_->wall_ms()).bind(4, dossier_id);
    s.run();
    forget_refusal(impl_->db, dossier_id);
}

void Store::mark_retry(std::string_view dossier_id, std::chrono::milliseconds delay,
                       std::string_view error) {
    std::lock_guard lock(impl_->mutex);
    const auto at = impl_->clock->now() + delay;
    Stmt s(impl_->db,
           "UPDATE dossiers SET state = 'pending', failures = failures + 1, last_error = ?, "
           "due_mono_ms = ?, due_boot = ?, next_attempt_at = ? WHERE dossier_id = ?");
    s.bind(1, error)
        .bind(2, impl_->mono_ms() + delay.count())
        .bind(3, impl_->boot_id)
        .bind(4,
              format_rfc3339(std::chrono::time_point_cast<std::chrono::system_clock::duration>(at),
                             impl_->clock->utc_offset_minutes()))
        .bind(5, dossier_id)
        .run();
}

void Store::mark_dead(std::string_view dossier_id, std::string_view error,
                      const nlohmann::json& details) {
    std::lock_guard lock(impl_->mutex);
    Stmt s(impl_->db,
           "UPDATE dossiers SET state = 'dead', last_error = ?, error_details = ?, "
           "next_attempt_at = NULL WHERE dossier_id = ?");
    s.bind(1, error);
    if (details.is_null())
        s.bind_null(2);
    else
        s.bind(2, details.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    s.bind(3, dossier_id).run();
    forget_refusal(impl_->db, dossier_id);
}

void Store::release(std::string_view dossier_id) {
    std::lock_guard lock(impl_->mutex);
    back_to_pending(impl_->db, dossier_id);
}

void Store::pause_unauthorized(std::string_view refused_dossier_id,
                               std::string_view config_fingerprint, std::string_view message) {
    std::lock_guard lock(impl_->mutex);
    Txn txn(impl_->db, true);
    back_to_pending(impl_->db, refused_dossier_id);
    impl_->set_setting("pause_reason", "unauthorized");
    impl_->set_setting("pause_message", message);
    impl_->set_setting("pause_since", impl_->now_text());
    impl_->set_setting("auth_fingerprint", config_fingerprint);
    // Kept across resume (which clears only the pause): claim_due sends it last.
    impl_->set_setting("auth_refused_id", refused_dossier_id);
    txn.commit();
}

bool Store::lift_auth_pause_if_changed(std::string_view config_fingerprint) {
    std::lock_guard lock(impl_->mutex);
    Txn txn(impl_->db, true);
    if (impl_->setting("pause_reason") != "unauthorized") return false;
    if (impl_->setting("auth_fingerprint") == config_fingerprint) return false;
    impl_->db.exec(
        "DELETE FROM settings WHERE key IN ('pause_reason','pause_message','pause_since',"
        "'auth_fingerprint')");
    txn.commit();
    return true;
}

}  // namespace quay::store
