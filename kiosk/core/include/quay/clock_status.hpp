#pragma once
// Whether the kiosk can trust its own wall clock (docs/storage.md "Wrong clocks"). An ARM
// board without an RTC boots with a wrong time until NTP (systemd-timesyncd) syncs. The one
// owner of that judgement: the portal body's clock_synced, the heartbeat, `quayctl status`,
// the staff screen, the date rules and the retention purge all read it from here.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include "quay/clock.hpp"

namespace quay {

// When this build was made (UTC; CMake: SOURCE_DATE_EPOCH, else the commit's date). The
// real date is never before it, so a clock before it is certainly wrong.
std::chrono::system_clock::time_point build_time();

// The kernel's view, as set by timesyncd or chrony: adjtimex(2) status without
// STA_UNSYNC. Needs no D-Bus and no privilege. False when adjtimex fails.
//
// Only a clock a time daemon on this machine is meant to set (timesyncd under systemd,
// chrony, ntpd) can be "not yet synchronised": a container's or a VM's clock that the host
// keeps has no daemon here, the kernel flag stays STA_UNSYNC for ever, and nothing says
// that clock is wrong, so it counts as synchronised (docs/storage.md "Wrong clocks").
bool kernel_clock_synchronised();
bool clock_synchronised(bool kernel_synced, bool time_daemon_present);
bool time_daemon_present();

// The portal's clock, from a reply's HTTP Date header, anchored on the monotonic clock so
// that a later jump of the wall clock does not move it: portal time = monotonic + anchor.
// Only meaningful within one boot (the store keeps the boot id beside it).
struct PortalAnchor {
    std::int64_t portal_minus_monotonic_ms = 0;
};
PortalAnchor anchor_portal_time(const Clock& clock, std::chrono::system_clock::time_point portal);

// Farther than this from the portal's Date and the clock is implausible.
constexpr std::chrono::minutes max_portal_offset{5};

enum class ClockTrust {
    synced,       // synchronised and plausible: rules use "today" as it is
    unsynced,     // not synchronised, but nothing says it is wrong
    implausible,  // before the build date, or too far from the portal's Date
};
std::string_view to_string(ClockTrust t);

struct ClockStatus {
    ClockTrust trust = ClockTrust::synced;
    bool synchronised = true;
    bool before_build = false;
    // Kiosk wall time minus the portal's time, from this boot's last portal reply.
    std::optional<std::chrono::seconds> portal_offset;
    bool trusted() const { return trust == ClockTrust::synced; }
};

// Before clock.earliest_plausible() (the build date) or too far from the portal: implausible.
ClockStatus assess_clock(const Clock& clock, std::optional<PortalAnchor> portal);

// The civil dates that "today" may really be, for rules like "not in the future". A
// trusted clock gives one day; an untrusted one a range, so that no real date is refused
// because the kiosk's clock is wrong.
struct TodayRange {
    std::chrono::year_month_day earliest;
    std::optional<std::chrono::year_month_day> latest;  // nullopt: no upper bound known
    TodayRange(std::chrono::year_month_day day) : earliest(day), latest(day) {}  // NOLINT
    TodayRange(std::chrono::year_month_day from, std::optional<std::chrono::year_month_day> to)
        : earliest(from), latest(to) {}
};
TodayRange today_range(const Clock& clock, const ClockStatus& status);
// Without a portal reply at hand (the citizen's form): the clock's own status.
TodayRange today_range(const Clock& clock);

}  // namespace quay
