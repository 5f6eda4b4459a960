// The audit log: appending a hash-chained row, reading, verifying, counting.
#include <sodium.h>

#include <algorithm>
#include <memory>

#include "impl.hpp"

namespace quay::store {

using detail::Stmt;
using detail::Txn;

namespace {

constexpr const char* kHeadKey = "audit_head";  // "<seq> <hash>" of the newest row
const std::string kGenesis(64, '0');            // the "previous hash" of row 1
constexpr const char* kPinFailuresSql =
    "SELECT COUNT(*) FROM audit WHERE event = 'pin_failure' AND seq > "
    "COALESCE((SELECT MAX(seq) FROM audit WHERE event = 'pin_success'), 0)";

// BLAKE2b-256 over the previous hash and the row's fields, each length-prefixed so no
// two different rows hash the same bytes.
std::string row_hash(std::string_view prev, std::int64_t seq, std::string_view at,
                     std::string_view kiosk_id, std::string_view event, std::string_view detail) {
    crypto_generichash_state st;
    ::crypto_generichash_init(&st, nullptr, 0, crypto_generichash_BYTES);
    auto add = [&](std::string_view s) {
        const std::string len = std::to_string(s.size()) + ":";
        ::crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(len.data()),
                                    len.size());
        ::crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(s.data()),
                                    s.size());
    };
    add(prev);
    add(std::to_string(seq));
    add(at);
    add(kiosk_id);
    add(event);
    add(detail);
    unsigned char out[crypto_generichash_BYTES];
    ::crypto_generichash_final(&st, out, sizeof out);
    char hex[sizeof out * 2 + 1];
    ::sodium_bin2hex(hex, sizeof hex, out, sizeof out);
    return hex;
}

bool is_event_name(std::string_view e) {
    return !e.empty() && e.size() <= 32 && std::all_of(e.begin(), e.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || c == '_';
    });
}

AuditEntry read_entry(const Stmt& s) {
    AuditEntry e;
    e.seq = s.integer(0);
    e.at = s.text(1);
    e.kiosk_id = s.text(2);
    e.event = s.text(3);
    e.detail = nlohmann::json::parse(s.text(4), nullptr, false);
    if (e.detail.is_discarded()) e.detail = s.text(4);  // shown as it is; verify names it
    e.hash = s.text(5);
    return e;
}

}  // namespace

void check_audit_detail(const nlohmann::json& detail) {
    if (!detail.is_object()) throw Error("bad_audit_detail", "an audit detail is a JSON object");
    for (const auto& [k, v] : detail.items()) {
        if (std::find(kAuditDetailKeys.begin(), kAuditDetailKeys.end(), k) ==
            kAuditDetailKeys.end()) {
            throw Error("bad_audit_detail", "audit detail key '" + k + "' is not allowed");
        }
        if (v.is_string()) {
            const auto& text = v.get_ref<const std::string&>();
            const bool plain =
                text.size() <= 120 &&
                std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
            if (!plain)
                throw Error("bad_audit_detail", "audit detail '" + k + "' is not short ASCII");
        } else if (!v.is_number() && !v.is_boolean() && !v.is_null()) {
            throw Error("bad_audit_detail", "audit detail '" + k + "' must be a plain value");
        }
    }
}

namespace detail {

AuditEntry append_audit(Store::Impl& impl, std::string_view event, const nlohmann::json& given) {
    if (!is_event_name(event)) throw Error("bad_audit_detail", "bad audit event name");
    // `{}` at a call site is JSON null: the same as no detail.
    const nlohmann::json detail = given.is_null() ? nlohmann::json::object() : given;
    check_audit_detail(detail);
    std::string prev = kGenesis;
    {
        Stmt last(impl.db, "SELECT hash FROM audit ORDER BY seq DESC LIMIT 1");
        if (last.step()) prev = last.text(0);
    }
    AuditEntry e;
    {
        // AUTOINCREMENT: the next seq is never one used before, even after a deletion.
        Stmt next(impl.db,
                  "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'audit'), 0) + 1");
        next.step();
        e.seq = next.integer(0);
    }
    e.at = impl.now_text();
    e.kiosk_id = impl.options.kiosk_id;
    e.event = std::string(event);
    e.detail = detail;
    const std::string detail_text = detail.dump();
    e.hash = row_hash(prev, e.seq, e.at, e.kiosk_id, e.event, detail_text);
    Stmt ins(impl.db,
             "INSERT INTO audit (seq, at, at_ms, kiosk_id, event, detail, hash) "
             "VALUES (?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, e.seq)
        .bind(2, e.at)
        .bind(3, impl.wall_ms())
        .bind(4, e.kiosk_id)
        .bind(5, e.event)
        .bind(6, detail_text)
        .bind(7, e.hash)
        .run();
    impl.set_setting(kHeadKey, std::to_string(e.seq) + " " + e.hash);
    return e;
}

}  // namespace detail

AuditEntry Store::audit(std::string_view event, const nlohmann::json& given) {
    std::lock_guard lock(impl_->mutex);
    Txn txn(impl_->db, true);
    AuditEntry e = detail::append_audit(*impl_, event, given);
    txn.commit();
    return e;
}

std::vector<AuditEntry> Store::audit_entries(std::optional<std::int64_t> latest) const {
    std::lock_guard lock(impl_->mutex);
    Txn txn(impl_->db, false);
    std::vector<AuditEntry> out;
    Stmt s(impl_->db,
           "SELECT seq, at, kiosk_id, event, detail, hash FROM "
           "(SELECT * FROM audit ORDER BY seq DESC LIMIT ?) ORDER BY seq");
    s.bind(1, latest.value_or(-1));
    while (s.step())
        out.push_back(read_entry(s));
    return out;
}

std::vector<AuditEntry> Store::open_help_calls() const {
    std::lock_guard lock(impl_->mutex);
    Txn txn(impl_->db, false);
    std::vector<AuditEntry> out;
    Stmt s(impl_->db,
           "SELECT seq, at, kiosk_id, event, detail, hash FROM audit WHERE event = ? AND seq > "
           "COALESCE((SELECT MAX(seq) FROM audit WHERE event = ?), 0) ORDER BY seq DESC LIMIT 100");
    s.bind(1, std::string(audit_event::help_call)).bind(2, std::string(audit_event::help_ack));
    while (s.step())
        out.push_back(read_entry(s));
    return out;
}

AuditVerdict Store::verify_audit() const {
    std::lock_guard lock(impl_->mutex);
    Txn txn(impl_->db, false);
    AuditVerdict v;
    auto broken = [&](std::int64_t row, std::string problem) {
        v.broken_row = row;
        v.problem = std::move(problem);
        return v;
    };
    std::string prev = kGenesis;
    std::int64_t expected = 1;
    Stmt s(impl_->db, "SELECT seq, at, kiosk_id, event, detail, hash FROM audit ORDER BY seq");
    while (s.step()) {
        const std::int64_t seq = s.integer(0);
        if (seq != expected)
            return broken(expected, "row " + std::to_string(expected) + " is missing");
        const std::string hash = s.text(5);
        if (row_hash(prev, seq, s.text(1), s.text(2), s.text(3), s.text(4)) != hash)
            return broken(seq, "row " + std::to_string(seq) + " was changed after it was written");
        prev = hash;
        ++expected;
        ++v.rows;
    }
    // The newest row is recorded apart, so cutting rows off the end is found too.
    if (const auto head = impl_->setting(kHeadKey)) {
        const auto sp = head->find(' ');
        const std::int64_t head_seq = std::stoll(head->substr(0, sp));
        if (head_seq >= expected)
            return broken(expected, "row " + std::to_string(expected) + " is missing");
        if (head_seq < expected - 1)
            return broken(head_seq + 1, "row " + std::to_string(head_seq + 1) +
                                            " was added outside the kiosk's code");
        if (head_seq == expected - 1 && sp != std::string::npos && head->substr(sp + 1) != prev)
            return broken(head_seq, "row " + std::to_string(head_seq) +
                                        " does not match the recorded newest row");
    } else if (v.rows > 0) {
        return broken(v.rows, "the record of the newest row is missing");
    }
    return v;
}

std::map<std::string, std::int64_t> Store::audit_counts(std::chrono::seconds window) const {
    std::lock_guard lock(impl_->mutex);
    std::map<std::string, std::int64_t> out;
    Stmt s(impl_->db, "SELECT event, COUNT(*) FROM audit WHERE at_ms >= ? GROUP BY event");
    s.bind(1, impl_->wall_ms() -
                  std::chrono::duration_cast<std::chrono::milliseconds>(window).count());
    while (s.step())
        out[s.text(0)] = s.integer(1);
    return out;
}

std::int64_t Store::consecutive_pin_failures() const {
    std::lock_guard lock(impl_->mutex);
    Stmt s(impl_->db, kPinFailuresSql);
    s.step();
    return s.integer(0);
}

std::int64_t Store::consecutive_pin_failures(const std::filesystem::path& data_dir) {
    const auto n = detail::read_only_text(data_dir, kPinFailuresSql);
    return n ? std::stoll(*n) : 0;
}

std::optional<std::string> detail::read_only_text(const std::filesystem::path& data_dir,
                                                  const char* sql) {
    const auto file = data_dir / "quay.db";
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return std::nullopt;
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
    const std::unique_ptr<sqlite3, int (*)(sqlite3*)> db(raw, sqlite3_close);
    if (rc != SQLITE_OK) return std::nullopt;
    sqlite3_busy_timeout(db.get(), 2000);
    sqlite3_stmt* raw_stmt = nullptr;
    if (sqlite3_prepare_v2(db.get(), sql, -1, &raw_stmt, nullptr) != SQLITE_OK)
        return std::nullopt;  // a store from before that table
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw_stmt, sqlite3_finalize);
    if (sqlite3_step(stmt.get()) != SQLITE_ROW) return std::nullopt;
    const auto* text = sqlite3_column_text(stmt.get(), 0);
    return text ? std::optional<std::string>(reinterpret_cast<const char*>(text)) : std::nullopt;
}

}  // namespace quay::store
