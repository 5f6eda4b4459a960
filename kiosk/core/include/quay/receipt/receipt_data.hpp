#pragma once
// The facts a receipt shows, in the citizen's language, gathered from a stored dossier and
// the catalogue (builder.hpp). Laying them out (layout.hpp) turns them into words.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "quay/language.hpp"
#include "quay/receipt/civil_time.hpp"

namespace quay::receipt {

// What the kiosk honestly knows about the dossier's way to the portal.
enum class DeliveryState {
    stored,       // saved on this kiosk, will be sent automatically (pending / in_flight)
    delivered,    // the portal acknowledged it (portal_ref set)
    needs_staff,  // the portal refused it (dead letter): staff must act
};

struct DocumentLine {
    std::string name;
    bool original = true;  // an original is brought/handed in
    int copies = 0;        // number of copies
};

struct FeeLine {
    std::string name;
    std::optional<std::int64_t> amount_dong;  // nullopt: set by the provincial council
};

struct ReceiptData {
    Language language = Language::vi;
    std::string centre_name;  // may hold '\n' to split the heading over lines
    std::string receipt_code;
    std::string procedure_code;
    std::string procedure_name;         // empty when the catalogue no longer has the procedure
    std::string agency;                 // the office that acts on the dossier
    bool personal_data_purged = false;  // retention period over: no name, documents, fees
    std::string applicant_name;
    std::string phone_masked;  // empty: not shown
    std::vector<DocumentLine> documents;
    CivilDateTime received_at;
    std::optional<int> processing_days;    // working days, when the rules give a number
    std::optional<CivilDate> expected_on;  // provisional: received_at + processing_days
    std::string processing_time;           // the rule in words, when there is no number
    std::string result_at;                 // where the result is collected
    std::vector<FeeLine> fees;
    DeliveryState delivery = DeliveryState::stored;
    std::string portal_ref;
    std::string kiosk_id;
    CivilDateTime printed_at;
    std::string status_url;  // the QR payload: never personal data
    // What is owed when the dossier says so (body "fee_due": the guided answers settled it).
    std::optional<std::int64_t> fee_due;
    // The fee's VietQR (quay/payment/vietqr.hpp): empty without [payment] or when the
    // dossier does not say what is due (its "fee_due").
    std::string payment_qr;
    std::int64_t payment_amount_dong = 0;
    std::string payment_account_name;
    // The counter queue number (config queue.numbers) and its field's name, in the
    // receipt's language (docs/receipts.md "Queue numbers").
    std::optional<std::int64_t> queue_number;
    std::string queue_field;
};

}  // namespace quay::receipt
