#pragma once
// The kiosk's audit log: who did what in staff mode and to the kiosk, kept in the store
// (table `audit`, docs/storage.md "Audit log"). Append-only and hash-chained: each row's
// hash is BLAKE2b-256 of the previous row's hash and the row's own content, so a row
// edited or deleted afterwards (even with the sqlite3 tool) is found by a verify.
//
// It never holds personal data: no names, ID numbers, addresses, phone numbers, PINs.
// A detail is a flat JSON object whose keys come from a fixed list (kAuditDetailKeys) and
// whose values are numbers, booleans or short ASCII strings (ids, codes, reasons).

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace quay::store {

// The events (stable names: the heartbeat counts them, technicians grep for them).
namespace audit_event {
inline constexpr std::string_view pin_success = "pin_success";
inline constexpr std::string_view pin_failure = "pin_failure";
inline constexpr std::string_view pause = "pause";
inline constexpr std::string_view resume = "resume";
inline constexpr std::string_view resend = "resend";
inline constexpr std::string_view reprint = "reprint";
inline constexpr std::string_view purge = "purge";
inline constexpr std::string_view provision_applied = "provision_applied";
inline constexpr std::string_view provision_refused = "provision_refused";
// A citizen pressed "Gọi cán bộ" (detail: code = the screen), and staff marked calls helped.
inline constexpr std::string_view help_call = "help_call";
inline constexpr std::string_view help_ack = "help_ack";
// The staff's out-of-service switch (docs/staff-guide.md).
inline constexpr std::string_view out_of_service = "out_of_service";
inline constexpr std::string_view in_service = "in_service";
inline constexpr std::string_view fee_paid = "fee_paid";
// OS updates (docs/updates.md): installed on the other slot, refused, rolled back from.
inline constexpr std::string_view update_installed = "update_installed";
inline constexpr std::string_view update_refused = "update_refused";
inline constexpr std::string_view update_rolled_back = "update_rolled_back";
// The staff screen's test print (detail: result = printed | paper_out | offline | error |
// no_printer).
inline constexpr std::string_view test_print = "test_print";
}  // namespace audit_event

inline constexpr std::array<std::string_view, 14> kAuditDetailKeys = {
    "by",    "reason", "dossier_id", "receipt_code", "serial",           "key_id",  "changed",
    "count", "result", "file",       "code",         "installed_serial", "version", "slot"};

struct AuditEntry {
    std::int64_t seq = 0;  // the row, 1, 2, ... (what --verify names)
    std::string at;        // RFC 3339 with the local offset
    std::string kiosk_id;
    std::string event;
    nlohmann::json detail = nlohmann::json::object();
    std::string hash;  // hex
};

struct AuditVerdict {
    std::int64_t rows = 0;
    std::optional<std::int64_t> broken_row;  // the first row that fails; nullopt: whole
    std::string problem;                     // in words, when broken
};

// Throws quay::Error("bad_audit_detail") for a detail that could carry personal data
// (an unknown key, a nested value, a long or non-ASCII string). A programming mistake.
void check_audit_detail(const nlohmann::json& detail);

}  // namespace quay::store
