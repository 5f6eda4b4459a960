#include "quay/receipt/qr.hpp"

#include <qrencode.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "quay/error.hpp"

namespace quay::receipt {

QrMatrix encode_qr(std::string_view payload) {
    if (payload.empty()) throw Error("qr_failed", "empty QR payload");
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeData(static_cast<int>(payload.size()),
                          reinterpret_cast<const unsigned char*>(payload.data()), 0, QR_ECLEVEL_Q),
        &QRcode_free);
    if (!code) {
        throw Error("qr_failed",
                    std::string("cannot encode the QR payload: ") + std::strerror(errno));
    }
    QrMatrix m;
    m.size = code->width;
    m.dark.resize(static_cast<std::size_t>(m.size) * m.size);
    for (std::size_t i = 0; i < m.dark.size(); ++i)
        m.dark[i] = code->data[i] & 1;  // bit 0: dark module; the other bits are metadata
    return m;
}

}  // namespace quay::receipt
