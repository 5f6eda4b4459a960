#pragma once
// The staff screen's test print (docs/staff-guide.md "Test print"): a short page through
// the receipts' own pipeline (layout, renderer, ESC/POS driver) that shows whether the
// printer, its paper, the Vietnamese font and the QR code all work. Not a receipt.

#include <string>
#include <string_view>

#include "quay/locale/locale.hpp"
#include "quay/receipt/civil_time.hpp"
#include "quay/receipt/layout.hpp"

namespace quay::receipt {

struct TestPrintHeader {
    std::string_view kiosk_id;
    CivilDateTime printed_at;
    std::string_view printer_state;  // the state the print path last saw (cached_state)
};

// The QR's text: "QUAY-TEST <kiosk id> <YYYY-MM-DD HH:MM>", so a phone that reads it
// shows which kiosk printed it and when.
std::string test_print_qr(const TestPrintHeader& header);

Layout make_test_print(const TestPrintHeader& header, const locale::Strings& strings);

}  // namespace quay::receipt
