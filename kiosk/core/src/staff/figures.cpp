#include "quay/staff/figures.hpp"

#include <algorithm>
#include <string>

#include "quay/delivery/catalog_sync.hpp"
#include "quay/delivery/catalog_sync_worker.hpp"
#include "quay/delivery/outcome.hpp"
#include "quay/metrics/kiosk_metrics.hpp"

namespace quay::staff {

flow::QueueItemView queue_line(const store::Item& it, std::int64_t age_s) {
    flow::QueueItemView v;
    v.dossier_id = it.dossier_id;
    v.receipt_code = it.receipt_code;
    v.procedure_code = it.procedure_code;
    v.state = std::string(store::to_string(it.state));
    v.last_error = it.last_error.value_or("");
    v.created_at = it.created_at;
    v.attempts = static_cast<int>(it.attempts);
    v.age_s = age_s;
    v.error_kind = std::string(delivery::error_kind(v.last_error));
    return v;
}

std::vector<flow::QueueItemView> pending_lines(const store::Store& store) {
    std::vector<flow::QueueItemView> out;
    for (const auto& w : store.undelivered(lines_shown))
        out.push_back(queue_line(w.item, w.age_s));
    return out;
}

std::vector<flow::DamagedCopyLine> damaged_lines(const store::Store& store) {
    std::vector<flow::DamagedCopyLine> out;
    for (const auto& d : store.damaged_copies())
        out.push_back(
            {d.file.filename().string(), d.salvaged, d.readable, d.undelivered, d.unreadable});
    return out;
}

flow::CatalogView catalog_view(const config::Config& config, const Clock& clock) {
    flow::CatalogView v;
    const auto state = metrics::catalog_state(config);
    v.version = state.version;
    v.source = state.source;
    const auto now = clock.now();
    if (state.updated_s > 0) {
        const auto written =
            std::chrono::system_clock::time_point(std::chrono::seconds(state.updated_s));
        v.age_days = std::max<std::int64_t>(
            0, std::chrono::duration_cast<std::chrono::days>(now - written).count());
        v.stale = *v.age_days > catalog_stale_days;
    }
    v.timed_sync = delivery::timed_catalog_sync(config);
    const auto attempt = delivery::read_sync_attempt(config.kiosk.data_dir);
    if (attempt.at_s > 0) {
        v.sync_at = format_rfc3339(
            std::chrono::system_clock::time_point(std::chrono::seconds(attempt.at_s)),
            clock.utc_offset_minutes());
        v.sync_outcome = attempt.outcome;
    }
    return v;
}

AgeParts split_age(std::int64_t seconds) {
    const std::int64_t minutes = std::max<std::int64_t>(0, seconds) / 60;
    return {minutes / (24 * 60), minutes / 60 % 24, minutes % 60};
}

}  // namespace quay::staff
