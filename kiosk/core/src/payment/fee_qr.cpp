#include "quay/payment/fee_qr.hpp"

#include "quay/payment/vietqr.hpp"

namespace quay::payment {

std::optional<FeeQr> fee_qr(const config::PaymentSection& account, std::optional<std::int64_t> due,
                            std::string_view receipt_code) {
    if (account.bank_bin.empty() || !due || *due <= 0) return std::nullopt;
    const Account to{account.bank_bin, account.account, account.account_name};
    return FeeQr{vietqr_payload(to, *due, receipt_code), *due, account.account_name};
}

}  // namespace quay::payment
