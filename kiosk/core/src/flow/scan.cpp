#include "quay/flow/scan.hpp"

#include "quay/idcard/scan.hpp"

namespace quay::flow {

Event event_from_scan(std::string_view raw_bytes, bool truncated) {
    if (truncated) return event::ScanRejected{};
    const idcard::Scan scan = idcard::classify_scan(raw_bytes);
    if (const auto* card = std::get_if<idcard::CitizenId>(&scan)) {
        return event::ScannedCitizenId{
            {card->id_number, card->full_name, card->date_of_birth.iso(), card->address}};
    }
    if (const auto* code = std::get_if<idcard::ReceiptCodeScan>(&scan))
        return event::ScannedReceiptCode{code->receipt_code};
    return event::ScanRejected{};
}

}  // namespace quay::flow
