#pragma once
// The receipt's QR code (libqrencode). Error correction level Q (25 % of the symbol can
// be lost): thermal heads leave faded or missing dots and slips get creased, and the
// status URL is short enough that Q still gives a symbol of modest size.

#include <cstdint>
#include <string_view>
#include <vector>

namespace quay::receipt {

struct QrMatrix {
    int size = 0;                    // modules per side, without the quiet zone
    std::vector<std::uint8_t> dark;  // size * size, row-major, 1 = dark module

    bool at(int x, int y) const { return dark[static_cast<std::size_t>(y) * size + x] != 0; }
};

// The quiet zone the QR standard asks for around the symbol, in modules.
inline constexpr int qr_quiet_zone = 4;

// Throws quay::Error{"qr_failed"} when the payload cannot be encoded.
QrMatrix encode_qr(std::string_view payload);

}  // namespace quay::receipt
