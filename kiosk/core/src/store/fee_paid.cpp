// Staff mark a dossier's fee paid: the one owner of the rule, for quayctl fee-paid and the
// kiosk's staff screen alike (docs/delivery.md "Fee paid").
#include "draft.hpp"
#include "impl.hpp"

namespace quay::store {

using detail::Stmt;
using detail::Txn;

std::string_view to_string(FeePaid::Result r) {
    switch (r) {
        case FeePaid::Result::marked:
            return "marked";
        case FeePaid::Result::not_found:
            return "not_found";
        case FeePaid::Result::no_fee_due:
            return "no_fee_due";
        case FeePaid::Result::purged:
            return "purged";
        case FeePaid::Result::already_paid:
            return "already_paid";
    }
    return "not_found";
}

FeePaid Store::mark_fee_paid(std::string_view id_or_receipt_code, std::string_view by) {
    std::lock_guard lock(impl_->mutex);
    // IMMEDIATE: the sender's claim (also a write transaction) cannot slip in between the
    // look at state/attempts and the body's update.
    Txn txn(impl_->db, true);
    Stmt s(impl_->db,
           "SELECT dossier_id, receipt_code, state, attempts, body, fee_paid_at, "
           "fee_paid_in_body FROM dossiers WHERE dossier_id = ?1 OR receipt_code = ?1");
    s.bind(1, id_or_receipt_code);
    FeePaid out;
    if (!s.step()) return out;
    out.dossier_id = s.text(0);
    out.receipt_code = s.text(1);
    const bool never_sent = s.text(2) == "pending" && s.integer(3) == 0;
    const auto body = s.opt_text(4);
    if (const auto at = s.opt_text(5)) {
        out.result = FeePaid::Result::already_paid;
        out.paid_at = *at;
        out.in_body = s.opt_integer(6).value_or(0) != 0;
        return out;
    }
    if (!body) {
        out.result = FeePaid::Result::purged;
        return out;
    }
    const auto fee = detail::fee_in_body(*body);
    out.fee_due = fee.due;
    if (fee.paid) {  // a body salvaged from a damaged copy keeps the mark, not its time
        out.result = FeePaid::Result::already_paid;
        out.in_body = true;
        return out;
    }
    if (fee.due <= 0) {
        out.result = FeePaid::Result::no_fee_due;
        return out;
    }
    out.result = FeePaid::Result::marked;
    out.paid_at = impl_->now_text();
    // Once a POST was started the portal may hold the old bytes under this Idempotency-Key:
    // a changed body would be refused (422 idempotency_mismatch) and the dossier go dead.
    out.in_body = never_sent;
    Stmt up(impl_->db,
            "UPDATE dossiers SET fee_paid_at = ?, fee_paid_in_body = ?, "
            "body = CASE WHEN ? THEN ? ELSE body END WHERE dossier_id = ?");
    up.bind(1, out.paid_at)
        .bind(2, std::int64_t{out.in_body})
        .bind(3, std::int64_t{out.in_body})
        .bind(4, out.in_body ? detail::body_with_fee_paid(*body) : *body)
        .bind(5, out.dossier_id)
        .run();
    detail::append_audit(*impl_, audit_event::fee_paid,
                         {{"by", std::string(by)},
                          {"dossier_id", out.dossier_id},
                          {"receipt_code", out.receipt_code},
                          {"result", out.in_body ? "in_body" : "recorded_only"}});
    txn.commit();
    return out;
}

}  // namespace quay::store
