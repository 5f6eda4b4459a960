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

// Next queue number of the field for the local day, in the caller's transaction: like the
// receipt counter it commits with the dossier or not at all, so a power cut can never hand
// a number out twice.
std::int64_t next_queue_number(detail::Db& db, const std::string& field, const LocalTime& t) {
    char day[32];
    std::snprintf(day, sizeof day, "%04d-%02d-%02d", t.year, t.month, t.day);
    detail::Stmt up(db,
                    "INSERT INTO queue_counters (day, field, last) VALUES (?, ?, 1) "
                    "ON CONFLICT (day, field) DO UPDATE SET last = last + 1 RETURNING last");
    up.bind(1, std::string_view(day)).bind(2, field);
    if (!up.step()) throw StorageError("storage_failure", "queue counter did not advance");
    const std::int64_t n = up.integer(0);
    up.run();
    return n;
}

}  // namespace

InvalidDraft::InvalidDraft(std::vector<DraftProblem> details)
    : Error("validation_failed", details.empty()
                                     ? std::string("invalid draft")
                                     : details.front().field + ": " + details.front().message),
      details_(std::move(details)) {}

namespace {

// The one write path of submit() and submit_bundle(): ids, receipt numbers, bodies and
// rows of every prepared draft in one IMMEDIATE transaction, committed (and on disk:
// synchronous=EXTRA) before it returns.
std::vector<Submitted> commit_all(Store::Impl& impl, const std::vector<detail::PreparedDraft>& all,
                                  std::string_view kiosk_id, const std::string& catalog_version,
                                  const ClockStatus& clock_state, const std::string* bundle_id) {
    const Clock& clock = *impl.clock;
    const auto now = clock.now();
    const int offset = clock.utc_offset_minutes();
    std::lock_guard lock(impl.mutex);
    detail::Txn txn(impl.db, true);
    std::vector<Submitted> out;
    for (const auto& prepared : all) {
        Submitted s;
        s.dossier_id = uuid_v4();
        s.receipt_code = next_receipt_code(impl.db, kiosk_id, local_time(now, offset));
        s.created_at = format_rfc3339(now, offset);
        s.procedure_code = prepared.procedure_code;
        if (impl.options.queue_numbers) {
            s.queue_field = prepared.field_code;
            s.queue_number =
                next_queue_number(impl.db, prepared.field_code, local_time(now, offset));
        }
        const std::string body =
            detail::portal_body(prepared, s, kiosk_id, catalog_version, clock_state, bundle_id);
        detail::Stmt ins(impl.db,
                         "INSERT INTO dossiers (dossier_id, receipt_code, procedure_code, "
                         "catalog_version, state, created_at, created_ms, applicant_name, body, "
                         "queue_number, queue_field) "
                         "VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?)");
        ins.bind(1, s.dossier_id)
            .bind(2, s.receipt_code)
            .bind(3, prepared.procedure_code)
            .bind(4, catalog_version)
            .bind(5, s.created_at)
            .bind(6, impl.wall_ms())
            .bind(7, prepared.applicant_name)
            .bind(8, body);
        if (s.queue_number) {
            ins.bind(9, *s.queue_number).bind(10, s.queue_field);
        } else {
            ins.bind_null(9).bind_null(10);
        }
        ins.run();
        out.push_back(std::move(s));
    }
    txn.commit();  // synchronous=EXTRA: on return every dossier (and the unlink) is on disk
    return out;
}

}  // namespace

Submitted Store::submit(const nlohmann::json& draft, const catalog::Catalog& catalog,
                        std::string_view kiosk_id) {
    // A wrong clock still takes the dossier: its date rules widen and the body says so.
    const ClockStatus clock_state = clock_status();
    // Everything that can reject the draft happens before the transaction starts.
    std::vector<detail::PreparedDraft> prepared;
    prepared.push_back(
        detail::prepare_draft(draft, catalog, today_range(*impl_->clock, clock_state)));
    return commit_all(*impl_, prepared, kiosk_id, catalog.catalog_version, clock_state, nullptr)
        .front();
}

SubmittedBundle Store::submit_bundle(const nlohmann::json& bundle, const catalog::Catalog& catalog,
                                     std::string_view kiosk_id) {
    const ClockStatus clock_state = clock_status();
    const auto prepared =
        detail::prepare_bundle(bundle, catalog, today_range(*impl_->clock, clock_state));
    SubmittedBundle out;
    out.bundle_id = uuid_v4();
    out.dossiers = commit_all(*impl_, prepared, kiosk_id, catalog.catalog_version, clock_state,
                              &out.bundle_id);
    return out;
}

}  // namespace quay::store
