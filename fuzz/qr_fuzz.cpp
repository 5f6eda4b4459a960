// Citizen ID QR parser and scan classifier: any bytes give a typed result, never a crash;
// every text field of a success is valid NFC UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "quay/idcard/scan.hpp"
#include "quay/text/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view raw(reinterpret_cast<const char*>(data), size);
    const auto scan = quay::idcard::classify_scan(raw);
    if (const auto* id = std::get_if<quay::idcard::CitizenId>(&scan)) {
        for (const auto* s : {&id->full_name, &id->address, &id->id_number}) {
            if (!quay::text::is_nfc(*s)) std::abort();
        }
        if (id->id_number.size() != 12) std::abort();
    }
    return 0;
}
