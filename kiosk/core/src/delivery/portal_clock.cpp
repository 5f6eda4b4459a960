#include "quay/delivery/portal_clock.hpp"

namespace quay::delivery {

void note_portal_clock(store::Store& store, const Result& result) {
    if (!result.response || !result.response->date) return;
    if (result.response->status < 200 || result.response->status >= 300) return;
    store.note_portal_time(*result.response->date);
}

}  // namespace quay::delivery
