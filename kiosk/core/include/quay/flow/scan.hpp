#pragma once
// What the kiosk does with the bytes of one scan: validated like any input, turned into
// one flow event. Garbage becomes ScanRejected (a plain message), never an exception.

#include <string_view>

#include "quay/flow/kiosk.hpp"

namespace quay::flow {

// truncated: the scanner sent more than a scan can hold; the rest was dropped.
Event event_from_scan(std::string_view raw_bytes, bool truncated);

}  // namespace quay::flow
