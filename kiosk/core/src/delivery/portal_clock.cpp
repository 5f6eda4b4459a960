#include "quay/delivery/portal_clock.hpp"

namespace quay::delivery {

std::optional<std::chrono::system_clock::time_point> portal_date_of(const Result& result) {
    if (!result.response || !result.response->date) return std::nullopt;
    if (result.response->status < 200 || result.response->status >= 300) return std::nullopt;
    return result.response->date;
}

void note_portal_clock(store::Store& store, const Result& result) {
    if (const auto date = portal_date_of(result)) store.note_portal_time(*date);
}

}  // namespace quay::delivery
