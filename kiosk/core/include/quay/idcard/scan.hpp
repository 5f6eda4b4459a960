#pragma once
// What a scanner read: a citizen ID card's QR, one of our receipt codes (bare, or inside
// the status-lookup URL our receipts' QR encode), or something else.

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "quay/idcard/qr.hpp"

namespace quay::idcard {

struct ReceiptCodeScan {
    std::string receipt_code;  // <KIOSK ID>-<YYMMDD>-<NNNN>
};

struct UnrecognisedScan {
    std::string message;  // plain English for staff and technicians; no personal data
};

using Scan = std::variant<CitizenId, ReceiptCodeScan, UnrecognisedScan>;

Scan classify_scan(std::string_view raw_bytes) noexcept;

// The first receipt code in text, if any ([A-Z0-9]{1,16}-YYMMDD-NNNN between non-alnum).
std::optional<std::string> find_receipt_code(std::string_view text);

}  // namespace quay::idcard
