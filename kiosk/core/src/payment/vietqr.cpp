#include "quay/payment/vietqr.hpp"

#include <algorithm>
#include <cstdio>

#include "quay/error.hpp"

namespace quay::payment {

namespace {

constexpr std::string_view kNapasGuid = "A000000727";
constexpr std::string_view kTransferToAccount = "QRIBFTTA";
constexpr std::size_t kMaxReference = 25;  // NAPAS: the purpose a bank app shows in full

// ID + two-digit length + value. Values here are at most 99 bytes by construction.
std::string tlv(std::string_view id, std::string_view value) {
    char length[3];
    std::snprintf(length, sizeof length, "%02zu", value.size());
    return std::string(id) + length + std::string(value);
}

bool alnum_ascii(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

}  // namespace

std::uint16_t crc16_ccitt_false(std::string_view bytes) {
    std::uint16_t crc = 0xFFFF;
    for (const unsigned char b : bytes) {
        crc ^= static_cast<std::uint16_t>(b << 8);
        for (int i = 0; i < 8; ++i)
            crc = (crc & 0x8000) ? static_cast<std::uint16_t>((crc << 1) ^ 0x1021)
                                 : static_cast<std::uint16_t>(crc << 1);
    }
    return crc;
}

std::string bank_bin_problem(std::string_view bin) {
    if (bin.size() != 6 ||
        !std::all_of(bin.begin(), bin.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return "must be the bank's 6-digit NAPAS BIN";
    return {};
}

std::string account_number_problem(std::string_view account) {
    if (account.empty() || account.size() > 19 ||
        !std::all_of(account.begin(), account.end(), alnum_ascii))
        return "must be 1 to 19 letters or digits, without spaces";
    return {};
}

std::string reference_problem(std::string_view reference) {
    if (reference.empty() || reference.size() > kMaxReference) return "must be 1 to 25 characters";
    // Printable ASCII only: banks' apps drop or mangle anything else in the purpose.
    if (!std::all_of(reference.begin(), reference.end(),
                     [](char c) { return c >= 0x20 && c <= 0x7E; }))
        return "must be printable ASCII";
    return {};
}

std::string vietqr_payload(const Account& account, std::int64_t amount_dong,
                           std::string_view reference) {
    if (auto p = bank_bin_problem(account.bank_bin); !p.empty())
        throw Error("bad_payment", "the bank BIN " + p);
    if (auto p = account_number_problem(account.account); !p.empty())
        throw Error("bad_payment", "the account " + p);
    if (auto p = reference_problem(reference); !p.empty())
        throw Error("bad_payment", "the reference " + p);
    if (amount_dong <= 0) throw Error("bad_payment", "the amount must be positive");
    const std::string beneficiary = tlv("00", account.bank_bin) + tlv("01", account.account);
    const std::string merchant =
        tlv("00", kNapasGuid) + tlv("01", beneficiary) + tlv("02", kTransferToAccount);
    std::string payload = tlv("00", "01") + tlv("01", "12") + tlv("38", merchant) +
                          tlv("53", "704") + tlv("54", std::to_string(amount_dong)) +
                          tlv("58", "VN") + tlv("62", tlv("08", reference)) + "6304";
    char crc[5];
    std::snprintf(crc, sizeof crc, "%04X", crc16_ccitt_false(payload));
    return payload + crc;
}

}  // namespace quay::payment
