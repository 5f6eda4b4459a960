#pragma once
// Parser for the QR on the back of the chip citizen ID card (CCCD / thẻ Căn cước):
// one line of '|'-separated fields, UTF-8. See docs/vietnamese-input.md and cccd-qr.md.
// Any bytes give either a CitizenId or a QrError; the parser never throws.
// The payload is personal data: never log it (use mask_id_number for the number).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "quay/idcard/id_number.hpp"

namespace quay::idcard {

// A QR holds at most 2,953 bytes; anything longer is not a card's payload.
inline constexpr std::size_t max_qr_payload_bytes = 4096;

enum class QrLayout {
    standard,  // id|old id|name|dob|sex|address|issue[|extra...]   ("7+")
    six_field  // id|name|dob|sex|address|issue                      ("6")
};
const char* to_string(QrLayout) noexcept;  // "7+" | "6"

enum class QrWarning {
    unknown_province_code,
    sex_mismatch_with_id,
    birth_year_mismatch_with_id,
    issue_date_before_birth,
};
const char* to_string(QrWarning) noexcept;

struct CitizenId {
    QrLayout layout = QrLayout::standard;
    std::string id_number;                     // 12 digits
    std::optional<std::string> old_id_number;  // 9 or 12 digits; nullopt when empty/absent
    std::string full_name;                     // NFC, as given
    Date date_of_birth;
    Sex sex = Sex::male;
    std::string address;  // permanent address when the card was issued (may be stale)
    Date issue_date;
    std::vector<std::string> extra_fields;  // fields 8 and later, raw
    // Derived from the ID number.
    std::string id_province_code;
    std::optional<std::string> id_province_name;
    Sex id_sex = Sex::male;
    int id_birth_year = 0;
    std::vector<QrWarning> warnings;  // for staff to see; not a rejection
};

enum class QrErrorCode {
    invalid_encoding,  // not UTF-8
    mangled_text,      // '?' / U+FFFD / mojibake: non-ASCII letters were lost on the way
    unknown_layout,    // not the card's field layout (or too long to be a QR)
    invalid_field,     // the layout is right but a date, the sex or a text field is bad
};
const char* to_string(QrErrorCode) noexcept;

struct QrError {
    QrErrorCode code = QrErrorCode::unknown_layout;
    std::string detail;  // plain English, never contains the payload's personal data
};

using QrResult = std::variant<CitizenId, QrError>;

QrResult parse_citizen_id_qr(std::string_view raw_bytes) noexcept;

// The output schema of cccd-qr.md §4: {"ok": true, "layout", "id_number", ...} or
// {"ok": false, "error", "detail"}.
nlohmann::json to_json(const CitizenId&);
nlohmann::json to_json(const QrError&);
nlohmann::json to_json(const QrResult&);

}  // namespace quay::idcard
