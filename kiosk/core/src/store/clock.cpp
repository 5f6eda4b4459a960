// The portal's time, kept for every process of the kiosk, and the clock's status from it.
#include <charconv>
#include <cstdlib>

#include "impl.hpp"

namespace quay::store {

namespace {

constexpr const char* portal_clock_key = "portal_clock";  // "<boot id> <anchor ms>"
constexpr std::int64_t rewrite_after_ms = 2000;           // Date has one-second steps

std::optional<PortalAnchor> parse_anchor(const std::optional<std::string>& value,
                                         std::string_view boot_id) {
    if (!value || boot_id.empty()) return std::nullopt;
    const auto space = value->find(' ');
    if (space == std::string::npos || std::string_view(*value).substr(0, space) != boot_id)
        return std::nullopt;  // another boot's monotonic clock: meaningless now
    std::int64_t ms = 0;
    const char* first = value->data() + space + 1;
    const char* last = value->data() + value->size();
    const auto r = std::from_chars(first, last, ms);
    if (r.ec != std::errc() || r.ptr != last) return std::nullopt;
    return PortalAnchor{ms};
}

}  // namespace

void Store::note_portal_time(std::chrono::system_clock::time_point portal) {
    std::lock_guard lock(impl_->mutex);
    if (impl_->boot_id.empty()) return;  // no way to tell this boot's anchors from others'
    const PortalAnchor now = anchor_portal_time(*impl_->clock, portal);
    const auto old = parse_anchor(impl_->setting(portal_clock_key), impl_->boot_id);
    if (old && std::llabs(old->portal_minus_monotonic_ms - now.portal_minus_monotonic_ms) <=
                   rewrite_after_ms)
        return;
    detail::Txn txn(impl_->db, true);
    impl_->set_setting(portal_clock_key,
                       impl_->boot_id + " " + std::to_string(now.portal_minus_monotonic_ms));
    txn.commit();
}

ClockStatus Store::clock_status() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->clock_status();
}

ClockStatus Store::Impl::clock_status() const {
    return assess_clock(*clock, parse_anchor(setting(portal_clock_key), boot_id));
}

}  // namespace quay::store
