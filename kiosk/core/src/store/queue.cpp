// Reading the queue and the staff actions on it (pause, resume, resend, retention).
#include "impl.hpp"
#include "quay/json_limits.hpp"

namespace quay::store {

using detail::Stmt;
using detail::Txn;

std::string_view to_string(State s) {
    switch (s) {
        case State::pending:
            return "pending";
        case State::in_flight:
            return "in_flight";
        case State::delivered:
            return "delivered";
        case State::dead:
            return "dead";
    }
    return "pending";
}

std::optional<State> parse_state(std::string_view s) {
    for (State st : {State::pending, State::in_flight, State::delivered, State::dead}) {
        if (to_string(st) == s) return st;
    }
    return std::nullopt;
}

namespace detail {

const char* const item_columns =
    "dossier_id, receipt_code, procedure_code, catalog_version, state, attempts, portal_ref, "
    "last_error, error_details, created_at, next_attempt_at, delivered_at, applicant_name, body, "
    // json_valid first: a damaged body must not fail the whole listing.
    "CASE WHEN json_valid(body) THEN json_extract(body, '$.fee_due') END, fee_paid_at, "
    "fee_paid_in_body, queue_number, queue_field";

Item read_item(const Stmt& s, bool with_body) {
    Item it;
    it.dossier_id = s.text(0);
    it.receipt_code = s.text(1);
    it.procedure_code = s.text(2);
    it.catalog_version = s.text(3);
    it.state = parse_state(s.text(4)).value_or(State::pending);
    it.attempts = s.integer(5);
    it.portal_ref = s.opt_text(6);
    it.last_error = s.opt_text(7);
    if (const auto d = s.opt_text(8)) it.error_details = json_limits::parse(*d);
    it.created_at = s.text(9);
    if (it.state == State::pending) it.next_attempt_at = s.opt_text(10);
    it.delivered_at = s.opt_text(11);
    it.applicant_name = s.opt_text(12);
    if (with_body) it.body = s.opt_text(13);
    it.fee_due = s.opt_integer(14);
    it.fee_paid_at = s.opt_text(15);
    it.fee_paid_in_body = s.opt_integer(16).value_or(0) != 0;
    it.queue_number = s.opt_integer(17);
    it.queue_field = s.opt_text(18).value_or("");
    return it;
}

}  // namespace detail

namespace {

std::optional<Item> one(const Store::Impl& impl, const char* column, std::string_view key) {
    std::lock_guard lock(impl.mutex);
    Stmt s(impl.db, std::string("SELECT ") + detail::item_columns + " FROM dossiers WHERE " +
                        column + " = ?");
    s.bind(1, key);
    if (!s.step()) return std::nullopt;
    return detail::read_item(s, true);
}

}  // namespace

std::optional<Item> Store::get(std::string_view dossier_id) const {
    return one(*impl_, "dossier_id", dossier_id);
}

std::optional<Item> Store::find_by_receipt(std::string_view receipt_code) const {
    return one(*impl_, "receipt_code", receipt_code);
}

namespace {

// A dossier's age on the store's clock: oldest_pending_age_s and the pending list's ages.
std::int64_t age_s(const Store::Impl& impl, std::int64_t created_ms) {
    return std::max<std::int64_t>(0, (impl.wall_ms() - created_ms) / 1000);
}

}  // namespace

void Store::for_each(const std::function<void(const Item&)>& visit) const {
    std::lock_guard lock(impl_->mutex);
    Txn txn(impl_->db, false);  // one consistent snapshot
    Stmt s(impl_->db,
           std::string("SELECT ") + detail::item_columns + " FROM dossiers ORDER BY seq");
    while (s.step())
        visit(detail::read_item(s, false));
}

std::vector<Item> Store::items() const {
    std::vector<Item> out;
    for_each([&](const Item& i) { out.push_back(i); });
    return out;
}

Summary Store::summary() const {
    std::lock_guard lock(impl_->mutex);
    Summary out;
    Stmt s(impl_->db,
           "SELECT state, count(*), min(created_ms), max(delivered_ms) FROM dossiers "
           "GROUP BY state");
    std::optional<std::int64_t> oldest;
    while (s.step()) {
        const auto st = parse_state(s.text(0));
        const std::int64_t n = s.integer(1);
        if (!st) continue;
        switch (*st) {
            case State::pending:
                out.pending = n;
                break;
            case State::in_flight:
                out.in_flight = n;
                break;
            case State::delivered:
                out.delivered = n;
                out.last_delivered_ms = s.opt_integer(3);
                break;
            case State::dead:
                out.dead = n;
                break;
        }
        if (*st == State::pending || *st == State::in_flight) {
            const std::int64_t c = s.integer(2);
            oldest = oldest ? std::min(*oldest, c) : c;
        }
    }
    if (oldest) out.oldest_pending_age_s = age_s(*impl_, *oldest);
    return out;
}

std::vector<Waiting> Store::undelivered(std::size_t limit) const {
    std::lock_guard lock(impl_->mutex);
    Stmt s(impl_->db, std::string("SELECT ") + detail::item_columns +
                          ", created_ms FROM dossiers WHERE state IN ('pending', 'in_flight') "
                          "ORDER BY created_ms, seq LIMIT ?");
    s.bind(1, static_cast<std::int64_t>(std::min<std::size_t>(limit, 1u << 20)));
    std::vector<Waiting> out;
    while (s.step())
        out.push_back({detail::read_item(s, false), age_s(*impl_, s.integer(19))});
    return out;
}

std::int64_t Store::submitted_since(std::chrono::system_clock::time_point since) const {
    std::lock_guard lock(impl_->mutex);
    Stmt s(impl_->db, "SELECT count(*) FROM dossiers WHERE created_ms >= ?");
    s.bind(1,
           std::chrono::duration_cast<std::chrono::milliseconds>(since.time_since_epoch()).count());
    return s.step() ? s.integer(0) : 0;
}

bool Store::paused() const {
    return pause_state().has_value();
}

std::optional<Pause> Store::pause_state() const {
    std::lock_guard lock(impl_->mutex);
    Txn txn(impl_->db, false);
    auto reason = impl_->setting("pause_reason");
    if (!reason) return std::nullopt;
    return Pause{*reason, impl_->setting("pause_message").value_or(""),
                 impl_->setting("pause_since").value_or("")};
}

void Store::pause(std::string_view reason, std::string_view message) {
    std::lock_guard lock(impl_->mutex);
    Txn txn(impl_->db, true);
    impl_->set_setting("pause_reason", reason.empty() ? "staff" : reason);
    impl_->set_setting("pause_message", message);
    impl_->set_setting("pause_since", impl_->now_text());
    txn.commit();
}

void Store::resume() {
    std::lock_guard lock(impl_->mutex);
    impl_->db.exec(
        "DELETE FROM settings WHERE key IN ('pause_reason','pause_message','pause_since',"
        "'auth_fingerprint')");
}

bool Store::resend(std::string_view dossier_id) {
    std::lock_guard lock(impl_->mutex);
    Stmt s(impl_->db,
           "UPDATE dossiers SET state = 'pending', failures = 0, due_mono_ms = 0, "
           "next_attempt_at = NULL, error_details = NULL, dead_seen_ms = NULL "
           "WHERE dossier_id = ? AND state = 'dead' AND body IS NOT NULL");
    s.bind(1, dossier_id).run();
    return sqlite3_changes(impl_->db.get()) > 0;
}

std::int64_t Store::purge_expired() {
    std::int64_t purged = 0;
    {
        std::lock_guard lock(impl_->mutex);
        // Ages are wall time: a clock that jumped forward (a board booting in 2038, a wrong
        // NTP) would purge early, so nothing is purged or stamped until it is trusted.
        if (!impl_->clock_status().trusted()) return 0;
        constexpr std::int64_t day_ms = 24LL * 3600LL * 1000LL;
        const std::int64_t now = impl_->wall_ms();
        Txn txn(impl_->db, true);
        // The sender's mark_dead does not stamp the time: the first purge after it does.
        Stmt seen(
            impl_->db,
            "UPDATE dossiers SET dead_seen_ms = ? WHERE state = 'dead' AND dead_seen_ms IS NULL");
        seen.bind(1, now).run();
        Stmt s(impl_->db,
               "UPDATE dossiers SET body = NULL, applicant_name = NULL, error_details = NULL "
               "WHERE body IS NOT NULL AND ((state = 'delivered' AND delivered_ms < ?) "
               "OR (state = 'dead' AND dead_seen_ms < ?))");
        s.bind(1, now - impl_->options.retention_days * day_ms)
            .bind(2, now - impl_->options.dead_retention_days * day_ms)
            .run();
        purged = sqlite3_changes(impl_->db.get());
        txn.commit();
    }
    if (purged > 0) audit(audit_event::purge, {{"by", "retention"}, {"count", purged}});
    if (const auto copies = purge_damaged(*impl_); copies > 0)
        audit(audit_event::purge, {{"by", "damaged_retention"}, {"count", copies}});
    return purged;
}

}  // namespace quay::store
