#pragma once
// What one citizen has typed, chosen and been told. Everything here is personal or
// session-specific and is wiped (overwritten, then cleared) when the session ends.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "quay/flow/editor.hpp"
#include "quay/language.hpp"

namespace quay::flow {

enum class PrintState { none, printing, printed, paper_out, offline, error, no_printer };
// "printed", "paper_out", ...: the names above (audit rows, message keys).
std::string_view to_string(PrintState s);

struct ReceiptInfo {
    std::string dossier_id;
    std::string receipt_code;
    std::string procedure_code;
    bool delivered = false;  // received by the portal (portal_ref set)
    std::string portal_ref;
    PrintState print = PrintState::none;
    std::optional<std::int64_t> queue_number;  // config queue.numbers
    int rating = 0;                            // 1..4 once a face was tapped (once only)
    // The fee's VietQR (payment.hpp) when the dossier says what is due and the centre has
    // an account configured: the same payload as on the printed slip.
    std::string payment_qr;
    std::int64_t payment_amount_dong = 0;
    std::string payment_account_name;
};

struct StatusEntry {
    std::string status;  // received | processing | needs_supplement | ready_for_pickup | ...
    std::string at;      // RFC 3339
    std::string note;
};

struct StatusAnswer {
    enum class Kind { found, not_found, offline, error } kind = Kind::not_found;
    // found from the kiosk: a dossier still here, status "queued" | "needs_staff",
    // updated_at = when it was saved (delivery::answer_status).
    enum class Source { portal, kiosk } source = Source::portal;
    std::string receipt_code;
    std::string status;
    std::string updated_at;
    std::string portal_ref;
    std::vector<StatusEntry> history;
    // The procedure, when the kiosk knows it (a dossier filed here: the store's copy);
    // the portal's answer does not carry it (portal-api.md).
    std::string procedure_code;
};

// The keyboard's method when a session starts or the language changes: Telex for
// Vietnamese; plain keys for English (Telex would turn "birth" into "bỉth").
constexpr InputMethod default_method(Language language) {
    return language == Language::en ? InputMethod::plain : InputMethod::telex;
}

// Value keys that are not form fields.
namespace key {
inline constexpr std::string_view search = "search.query";
inline constexpr std::string_view status_code = "status.code";
inline constexpr std::string_view status_last4 = "status.last4";
inline constexpr std::string_view staff_pin = "staff.pin";
inline constexpr std::string_view staff_reprint = "staff.reprint";
inline constexpr std::string_view staff_fee_paid = "staff.fee_paid";   // a receipt code
inline constexpr std::string_view declaration = "review.declaration";  // its error
inline constexpr std::string_view picker_filter = "picker.filter";     // the picker's filter box
}  // namespace key

struct Session {
    Language language = Language::vi;
    bool large_text = false;
    bool high_contrast = false;  // like large_text: the citizen's, until the session ends
    bool voice = false;          // "Đọc to" or a keypad key: screens are spoken (docs/voice.md)
    InputMethod method = default_method(Language::vi);

    std::string procedure_code;                 // the procedure being filled in, or the bundle
    std::map<std::string, std::string> values;  // field key → value (NFC)
    std::map<std::string, std::string> errors;  // field key → locale key of the message
    std::set<std::string> left;                 // fields the person has left once
    std::optional<std::string> focused;         // field key being edited
    std::set<std::string> typed;  // fields with a list the person chose to type ("Khác — tự gõ")
    // Fields a bundle's prefill has filled (catalog::Prefill): once each, so a value the
    // citizen clears stays cleared.
    std::set<std::string> prefilled;
    bool from_review = false;  // a page opened by "Edit" returns to the review
    // The review's declaration is ticked. It covers the values as the review showed them:
    // going back to a form page clears it.
    bool declared = false;
    std::string submit_error;  // locale key when saving failed
    // What is owed, when guided answers settled it (catalog::fee_due): goes into the draft
    // as "fee_due", shown on the review, and makes the slip's VietQR.
    std::optional<std::int64_t> fee_due;
    // The same for each procedure of a bundle (procedure code → amount), when settled.
    std::map<std::string, std::int64_t> bundle_fees_due;

    std::optional<ReceiptInfo> receipt;
    // A bundle's receipt (docs/bundles.md): every dossier in the bundle's order, the first
    // also in `receipt`; empty for a dossier filed alone. bundle_code: the bundle's.
    std::vector<ReceiptInfo> bundle_receipts;
    std::string bundle_code;
    std::optional<StatusAnswer> status;
    bool status_pending = false;

    std::string value(std::string_view key) const;
    bool pristine(Language default_language) const;
    void wipe(Language default_language);
};

}  // namespace quay::flow
