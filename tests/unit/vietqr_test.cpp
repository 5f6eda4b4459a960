// The fee's VietQR payload (quay/payment/vietqr.hpp) against published vectors; an
// independent decoder checks every generated payload in tests/payment.
#include <doctest/doctest.h>

#include <cstdio>
#include <string>

#include "quay/error.hpp"
#include "quay/payment/vietqr.hpp"

using namespace quay;
using namespace quay::payment;

TEST_CASE("CRC-16/CCITT-FALSE: the catalogue's check value") {
    // reveng.sourceforge.io CRC catalogue, CRC-16/IBM-3740 (alias CCITT-FALSE): check=0x29b1.
    CHECK(crc16_ccitt_false("123456789") == 0x29B1);
    CHECK(crc16_ccitt_false("") == 0xFFFF);
}

TEST_CASE("the payload matches published VietQR samples byte for byte") {
    // The dynamic samples in the vietnam-qr-pay README (ACB, BIN 970416): a bank app's
    // payload with amount and purpose, including its CRC.
    const Account acb{"970416", "257678859", "NGUYEN VAN A"};
    CHECK(vietqr_payload(acb, 10000, "Chuyen tien") ==
          "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA5303704"
          "5405100005802VN62150811Chuyen tien630453E6");
    CHECK(vietqr_payload(acb, 1000, "Chuyen tien") ==
          "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA5303704"
          "540410005802VN62150811Chuyen tien6304BBB8");
}

TEST_CASE("the receipt code is the transfer's purpose; the CRC covers everything before it") {
    const Account centre{"970436", "0011004123456", "UBND XA AN BINH"};
    const std::string p = vietqr_payload(centre, 8000, "K0042-261122-0007");
    CHECK(p.find("62210817K0042-261122-0007") != std::string::npos);
    CHECK(p.find("540480005802VN") != std::string::npos);
    REQUIRE(p.size() > 8);
    CHECK(p.substr(p.size() - 8, 4) == "6304");
    char crc[5];
    std::snprintf(crc, sizeof crc, "%04X", crc16_ccitt_false(p.substr(0, p.size() - 4)));
    CHECK(p.substr(p.size() - 4) == crc);
    for (const unsigned char c : p)
        CHECK(c < 0x80);  // the account name is not in it; nothing outside ASCII is
}

TEST_CASE("what cannot go into a VietQR is refused with the reason") {
    const Account ok{"970436", "0011004123456", ""};
    CHECK(bank_bin_problem("97043") != "");
    CHECK(bank_bin_problem("97043x") != "");
    CHECK(bank_bin_problem("970436").empty());
    CHECK(account_number_problem("") != "");
    CHECK(account_number_problem("0011 004") != "");
    CHECK(account_number_problem("12345678901234567890") != "");  // 20 characters
    CHECK(account_number_problem("VQRQ00012345").empty());
    CHECK(reference_problem("Lệ phí") != "");  // not ASCII: bank apps mangle it
    CHECK(reference_problem("12345678901234567890123456") != "");
    CHECK_THROWS_AS(vietqr_payload(ok, 0, "K0042-261122-0007"), Error);
    CHECK_THROWS_AS(vietqr_payload(ok, -5, "K0042-261122-0007"), Error);
    CHECK_THROWS_AS(vietqr_payload({"97", "1", ""}, 8000, "K0042-261122-0007"), Error);
    CHECK_THROWS_AS(vietqr_payload(ok, 8000, "Lệ phí"), Error);
}
