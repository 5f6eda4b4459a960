#pragma once
// The staff screen's figures from the store (docs/staff-guide.md), each read through the
// one rule its other readers use: the queue's ages as the metrics' oldest pending age, the
// errors' meaning beside their format (delivery::error_kind). The app's backend fills
// flow::StaffView with these; tests call them on a real store with a manual clock.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "quay/clock.hpp"
#include "quay/config/config.hpp"
#include "quay/flow/staff_view.hpp"
#include "quay/store/store.hpp"

namespace quay::staff {

// How many dossiers the pending list and the failed list show; the counts say the rest.
inline constexpr std::size_t lines_shown = 50;

// One queue item as the staff screen shows it.
flow::QueueItemView queue_line(const store::Item& item, std::int64_t age_s = 0);

// The pending list: pending and in-flight dossiers, oldest first (the ones waiting longest
// are the ones staff must see), at most lines_shown.
std::vector<flow::QueueItemView> pending_lines(const store::Store& store);

// Damaged database copies as Store::damaged_copies lists them: the list the heartbeat and
// the metric quay_store_damaged_copies count.
std::vector<flow::DamagedCopyLine> damaged_lines(const store::Store& store);

// A catalogue older than this (counted from when it was written) is shown in the warning
// colour: the portal's procedures change every few weeks (docs/staff-guide.md).
inline constexpr std::int64_t catalog_stale_days = 30;

// The catalogue the metrics report (version, source, time written), its age on `clock` and
// the last sync tried.
flow::CatalogView catalog_view(const config::Config& config, const Clock& clock);

// An age in whole days, hours and minutes, for "chờ 2 giờ 15 phút".
struct AgeParts {
    std::int64_t days = 0, hours = 0, minutes = 0;
};
AgeParts split_age(std::int64_t seconds);

}  // namespace quay::staff
