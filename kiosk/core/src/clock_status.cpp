#include "quay/clock_status.hpp"

#include <sys/timex.h>

#include <filesystem>

#ifndef QUAY_BUILD_EPOCH
#error "QUAY_BUILD_EPOCH must be set by CMake (kiosk/core/CMakeLists.txt)"
#endif

namespace quay {

using namespace std::chrono;

namespace {

year_month_day civil_day(system_clock::time_point t, int utc_offset_minutes) {
    return year_month_day(floor<days>(t + minutes(utc_offset_minutes)));
}

}  // namespace

system_clock::time_point build_time() {
    return system_clock::time_point(seconds(QUAY_BUILD_EPOCH));
}

bool clock_synchronised(bool kernel_synced, bool time_daemon_present) {
    return kernel_synced || !time_daemon_present;
}

bool time_daemon_present() {
    std::error_code ec;
    const auto exists = [&](const char* p) { return std::filesystem::exists(p, ec); };
    const bool timesyncd =
        exists("/run/systemd/system") &&
        (exists("/lib/systemd/systemd-timesyncd") || exists("/usr/lib/systemd/systemd-timesyncd"));
    return timesyncd || exists("/run/chrony") || exists("/run/ntpd.pid");
}

bool kernel_clock_synchronised() {
    timex t{};  // modes = 0: read only, no privilege needed
    const bool kernel_synced = ::adjtimex(&t) != -1 && (t.status & STA_UNSYNC) == 0;
    return clock_synchronised(kernel_synced, time_daemon_present());
}

PortalAnchor anchor_portal_time(const Clock& clock, system_clock::time_point portal) {
    const auto portal_ms = duration_cast<milliseconds>(portal.time_since_epoch()).count();
    const auto mono_ms = duration_cast<milliseconds>(clock.monotonic().time_since_epoch()).count();
    return PortalAnchor{portal_ms - mono_ms};
}

std::string_view to_string(ClockTrust t) {
    switch (t) {
        case ClockTrust::synced:
            return "synced";
        case ClockTrust::unsynced:
            return "unsynced";
        case ClockTrust::implausible:
            return "implausible";
    }
    return "implausible";
}

ClockStatus assess_clock(const Clock& clock, std::optional<PortalAnchor> portal) {
    ClockStatus s;
    const auto now = clock.now();
    s.synchronised = clock.synchronised();
    s.before_build = now < clock.earliest_plausible();
    if (portal) {
        const auto mono_ms =
            duration_cast<milliseconds>(clock.monotonic().time_since_epoch()).count();
        const system_clock::time_point portal_now(
            milliseconds(mono_ms + portal->portal_minus_monotonic_ms));
        s.portal_offset = duration_cast<seconds>(now - portal_now);
    }
    const bool far_from_portal = s.portal_offset && (*s.portal_offset > max_portal_offset ||
                                                     *s.portal_offset < -max_portal_offset);
    if (s.before_build || far_from_portal) {
        s.trust = ClockTrust::implausible;
    } else {
        s.trust = s.synchronised ? ClockTrust::synced : ClockTrust::unsynced;
    }
    return s;
}

TodayRange today_range(const Clock& clock, const ClockStatus& status) {
    const int offset = clock.utc_offset_minutes();
    const auto now = clock.now();
    if (status.trusted()) return TodayRange(civil_day(now, offset));
    if (status.portal_offset) {
        // The portal's today, a day either way for the time of day and the reply's age.
        const auto portal_day = floor<days>(now - *status.portal_offset + minutes(offset));
        return TodayRange(year_month_day(portal_day - days(1)),
                          year_month_day(portal_day + days(1)));
    }
    // Nothing but the build date is known: the real today is not before it.
    const auto floor_time = clock.earliest_plausible();
    if (floor_time == system_clock::time_point::min())
        return TodayRange(year_month_day(year(1850), month(1), day(1)), std::nullopt);
    return TodayRange(year_month_day(floor<days>(floor_time + minutes(offset)) - days(1)),
                      std::nullopt);
}

TodayRange today_range(const Clock& clock) {
    return today_range(clock, assess_clock(clock, std::nullopt));
}

}  // namespace quay
