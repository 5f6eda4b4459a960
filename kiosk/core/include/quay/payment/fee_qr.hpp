#pragma once
// The fee's VietQR for one dossier: the one rule for when a payment QR is made, used by the
// printed slip (receipt/builder) and the receipt screen (the kiosk's submit answer).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "quay/config/config.hpp"

namespace quay::payment {

struct FeeQr {
    std::string payload;  // vietqr_payload()
    std::int64_t amount_dong = 0;
    std::string account_name;
};

// A QR when the centre has an account configured (config [payment]) and the dossier says
// a positive amount is due (its body's "fee_due"). Throws quay::Error ("bad_payment") when
// the receipt code cannot be a transfer's purpose.
std::optional<FeeQr> fee_qr(const config::PaymentSection& account, std::optional<std::int64_t> due,
                            std::string_view receipt_code);

}  // namespace quay::payment
