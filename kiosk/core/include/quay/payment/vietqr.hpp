#pragma once
// VietQR: the NAPAS 247 bank-transfer QR every Vietnamese banking app scans, an EMVCo
// merchant-presented payload (EMV QRCPS-MPM v1.1 with NAPAS's tag 38). The slip carries
// one for a procedure's fee so the citizen can pay from a phone; the kiosk takes no money
// and never learns whether the transfer happened (staff mark a fee as paid).
//
// Payload, in tag order, each as ID (2 digits) + length (2 digits) + value:
//   00 "01"  payload format indicator      01 "12"  dynamic (amount fixed)
//   38 merchant account: 00 "A000000727" (NAPAS), 01 beneficiary (00 bank BIN, 01 account),
//      02 "QRIBFTTA" (transfer to an account)
//   53 "704" (VND)   54 amount   58 "VN"   62 additional data: 08 purpose (ASCII only)
//   63 CRC-16/CCITT-FALSE of everything before its value, "6304" included, 4 upper hex.

#include <cstdint>
#include <string>
#include <string_view>

namespace quay::payment {

struct Account {
    std::string bank_bin;      // 6 digits (the NAPAS BIN of the centre's bank)
    std::string account;       // the centre's account number: 1..19 of [0-9A-Za-z]
    std::string account_name;  // shown next to the QR; not in the payload
};

// CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR.
std::uint16_t crc16_ccitt_false(std::string_view bytes);

// Why a value cannot go into a VietQR ("must be ..."), or empty when it can.
std::string bank_bin_problem(std::string_view bank_bin);
std::string account_number_problem(std::string_view account);
std::string reference_problem(std::string_view reference);

// The payload for `amount_dong` (> 0) to `account`, with `reference` (the receipt code:
// ASCII, at most 25 characters) as the transfer's purpose. Throws quay::Error
// ("bad_payment") when a *_problem function says so or the amount is not positive.
std::string vietqr_payload(const Account& account, std::int64_t amount_dong,
                           std::string_view reference);

}  // namespace quay::payment
