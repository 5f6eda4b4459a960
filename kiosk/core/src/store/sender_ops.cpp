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

namespace {

// The oldest due pending items, up to `limit`, become in_flight with attempts + 1. A delay
// set on another boot's monotonic clock means nothing now: due at once. The dossier whose
// 401/403 paused the queue goes after every other due one, so it cannot pause the queue
// again before they are delivered (docs/delivery.md). The caller holds the store's mutex
// and a write transaction.
std::vector<Claimed> claim(Store::Impl& impl, int limit) {
    std::vector<Claimed> out;
    if (limit <= 0 || impl.setting("pause_reason")) return out;
    Stmt s(impl.db,
           "SELECT dossier_id, receipt_code, body, attempts, failures FROM dossiers "
           "WHERE state = 'pending' AND (due_mono_ms <= ? OR due_boot <> ?) "
           "ORDER BY dossier_id = ?, due_mono_ms, seq LIMIT ?");
    s.bind(1, impl.mono_ms())
        .bind(2, impl.boot_id)
        .bind(3, impl.setting("auth_refused_id").value_or(""))
        .bind(4, std::int64_t{limit});
    while (s.step())
        out.push_back({s.text(0), s.text(1), s.text(2), s.integer(3) + 1, s.integer(4)});
    for (const auto& c : out) {
        Stmt up(impl.db,
                "UPDATE dossiers SET state = 'in_flight', attempts = attempts + 1 "
                "WHERE dossier_id = ?");
        up.bind(1, c.dossier_id).run();
    }
    return out;
}

void record_delivered(Store::Impl& impl, const Settled& r) {
    Stmt s(impl.db,
           "UPDATE dossiers SET state = 'delivered', portal_ref = ?, failures = 0, "
           "last_error = NULL, next_attempt_at = NULL, delivered_at = ?, delivered_ms = ? "
           "WHERE dossier_id = ?");
    s.bind(1, r.text).bind(2, impl.now_text()).bind(3, impl.wall_ms()).bind(4, r.dossier_id);
    s.run();
    forget_refusal(impl.db, r.dossier_id);
}

void record_retry(Store::Impl& impl, const Settled& r) {
    const auto at = impl.clock->now() + r.delay;
    Stmt s(impl.db,
           "UPDATE dossiers SET state = 'pending', failures = failures + 1, last_error = ?, "
           "due_mono_ms = ?, due_boot = ?, next_attempt_at = ? WHERE dossier_id = ?");
    s.bind(1, r.text)
        .bind(2, impl.mono_ms() + r.delay.count())
        .bind(3, impl.boot_id)
        .bind(4,
              format_rfc3339(std::chrono::time_point_cast<std::chrono::system_clock::duration>(at),
                             impl.clock->utc_offset_minutes()))
        .bind(5, r.dossier_id)
        .run();
}

void record_dead(Store::Impl& impl, const Settled& r) {
    Stmt s(impl.db,
           "UPDATE dossiers SET state = 'dead', last_error = ?, error_details = ?, "
           "next_attempt_at = NULL WHERE dossier_id = ?");
    s.bind(1, r.text);
    if (r.details.is_null())
        s.bind_null(2);
    else
        s.bind(2, r.details.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    s.bind(3, r.dossier_id).run();
    forget_refusal(impl.db, r.dossier_id);
}

// The refused item goes back to pending in the same transaction that writes the pause: a
// release first let a parallel transfer claim and re-send it before the pause was in.
void record_unauthorized(Store::Impl& impl, const Settled& r) {
    back_to_pending(impl.db, r.dossier_id);
    impl.set_setting("pause_reason", "unauthorized");
    impl.set_setting("pause_message", r.text);
    impl.set_setting("pause_since", impl.now_text());
    impl.set_setting("auth_fingerprint", r.fingerprint);
    // Kept across resume (which clears only the pause): claims send it last.
    impl.set_setting("auth_refused_id", r.dossier_id);
}

// Never sent: its attempt is taken back and its due time and error stay as they were, so
// an item the circuit breaker held back is not rewritten (docs/delivery.md).
void record_unclaimed(Store::Impl& impl, const Settled& r) {
    Stmt s(impl.db,
           "UPDATE dossiers SET state = 'pending', attempts = max(attempts - 1, 0) "
           "WHERE dossier_id = ? AND state = 'in_flight'");
    s.bind(1, r.dossier_id).run();
}

void record(Store::Impl& impl, const Settled& r) {
    switch (r.kind) {
        case Settled::Kind::delivered:
            return record_delivered(impl, r);
        case Settled::Kind::retry:
            return record_retry(impl, r);
        case Settled::Kind::dead:
            return record_dead(impl, r);
        case Settled::Kind::unauthorized:
            return record_unauthorized(impl, r);
        case Settled::Kind::released:
            return back_to_pending(impl.db, r.dossier_id);
        case Settled::Kind::unclaimed:
            return record_unclaimed(impl, r);
    }
}

}  // namespace

std::vector<Claimed> Store::settle(const std::vector<Settled>& results, int claim_up_to) {
    std::lock_guard lock(impl_->mutex);
    if (results.empty() && claim_up_to <= 0) return {};
    Txn txn(impl_->db, true);
    for (const auto& r : results)
        record(*impl_, r);
    auto claimed = claim(*impl_, claim_up_to);
    if (results.empty() && claimed.empty()) return {};  // nothing written: no commit to sync
    txn.commit();
    return claimed;
}

std::optional<Claimed> Store::claim_due() {
    auto claimed = settle({}, 1);
    if (claimed.empty()) return std::nullopt;
    return std::move(claimed.front());
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
    settle({{.kind = Settled::Kind::delivered,
             .dossier_id = std::string(dossier_id),
             .text = std::string(portal_ref)}},
           0);
}

void Store::mark_retry(std::string_view dossier_id, std::chrono::milliseconds delay,
                       std::string_view error) {
    settle({{.kind = Settled::Kind::retry,
             .dossier_id = std::string(dossier_id),
             .text = std::string(error),
             .delay = delay}},
           0);
}

void Store::mark_dead(std::string_view dossier_id, std::string_view error,
                      const nlohmann::json& details) {
    settle({{.kind = Settled::Kind::dead,
             .dossier_id = std::string(dossier_id),
             .text = std::string(error),
             .details = details}},
           0);
}

void Store::release(std::string_view dossier_id) {
    settle({{.kind = Settled::Kind::released, .dossier_id = std::string(dossier_id)}}, 0);
}

void Store::pause_unauthorized(std::string_view refused_dossier_id,
                               std::string_view config_fingerprint, std::string_view message) {
    settle({{.kind = Settled::Kind::unauthorized,
             .dossier_id = std::string(refused_dossier_id),
             .text = std::string(message),
             .fingerprint = std::string(config_fingerprint)}},
           0);
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
