#pragma once
// The portal's clock as the kiosk sees it: a successful reply's Date header is kept in the
// store, so the kiosk can tell a wrong wall clock from a right one (quay/clock_status.hpp).

#include <chrono>
#include <optional>

#include "quay/delivery/portal_client.hpp"
#include "quay/store/store.hpp"

namespace quay::delivery {

// Notes the Date of a 2xx reply; anything else (no reply, an error page, no valid Date) is
// ignored. A storage error is left to the caller, as for every other store call.
void note_portal_clock(store::Store& store, const Result& result);
// The Date of a 2xx reply, or nothing (the one rule both of the above follow).
std::optional<std::chrono::system_clock::time_point> portal_date_of(const Result& result);

}  // namespace quay::delivery
