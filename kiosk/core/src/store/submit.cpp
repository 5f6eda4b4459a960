// submit(): validate, normalise, assign ids, build the portal body once, commit — one
// transaction, so a dossier is either wholly stored or not at all.
#include <sodium.h>

#include <cstdio>

#include "draft.hpp"
#include "impl.hpp"
#include "quay/text/utf8.hpp"

namespace quay::store {

namespace {

std::string uuid_v4() {
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);  // version 4
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
    char out[37];
    std::snprintf(out, sizeof out,
                  "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
                  b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
                  b[14], b[15]);
    return out;
}

// Next number of the local day, in the caller's transaction (unique across crashes: the
// counter commits with the dossier or not at all).
std::string next_receipt_code(detail::Db& db, std::string_view kiosk_id, const LocalTime& t) {
    char day[8];
    std::snprintf(day, sizeof day, "%02d%02d%02d", t.year % 100, t.month, t.day);
    detail::Stmt up(db,
                    "INSERT INTO receipt_counters (day, last) VALUES (?, 1) "
                    "ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last");
    up.bind(1, std::string_view(day));
    if (!up.step()) throw StorageError("storage_failure", "receipt counter did not advance");
    const std::int64_t n = up.integer(0);
    up.run();
    char seq[24];
    std::snprintf(seq, sizeof seq, "%04lld", static_cast<long long>(n));
    return std::string(kiosk_id) + "-" + day + "-" + seq;
}

}  // namespace

InvalidDraft::InvalidDraft(std::vector<DraftProblem> details)
    : Error("validation_failed", details.empty()
                                     ? std::string("invalid draft")
                                     : details.front().field + ": " + details.front().message),
      details_(std::move(details)) {}

Submitted Store::submit(const nlohmann::json& draft, const catalog::Catalog& catalog,
                        std::string_view kiosk_id) {
    const Clock& clock = *impl_->clock;
    const auto now = clock.now();
    const int offset = clock.utc_offset_minutes();
    // A wrong clock still takes the dossier: its date rules widen and the body says so.
    const ClockStatus clock_state = clock_status();
    // Everything that can reject the draft happens before the transaction starts.
    detail::PreparedDraft prepared =
        detail::prepare_draft(draft, catalog, today_range(clock, clock_state));

    std::lock_guard lock(impl_->mutex);
    detail::Txn txn(impl_->db, true);
    Submitted out;
    out.dossier_id = uuid_v4();
    out.receipt_code = next_receipt_code(impl_->db, kiosk_id, local_time(now, offset));
    out.created_at = format_rfc3339(now, offset);
    const std::string body =
        detail::portal_body(prepared, out, kiosk_id, catalog.catalog_version, clock_state);
    detail::Stmt ins(impl_->db,
                     "INSERT INTO dossiers (dossier_id, receipt_code, procedure_code, "
                     "catalog_version, state, created_at, created_ms, applicant_name, body) "
                     "VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?)");
    ins.bind(1, out.dossier_id)
        .bind(2, out.receipt_code)
        .bind(3, prepared.procedure_code)
        .bind(4, catalog.catalog_version)
        .bind(5, out.created_at)
        .bind(6, impl_->wall_ms())
        .bind(7, prepared.applicant_name)
        .bind(8, body)
        .run();
    txn.commit();  // synchronous=EXTRA: on return the dossier (and the unlink) is on disk
    return out;
}

}  // namespace quay::store
