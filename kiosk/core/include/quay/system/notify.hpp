#pragma once
// The service manager's notification protocol (sd_notify): READY=1 once the first frame is
// drawn, WATCHDOG=1 from the UI loop, STATUS= for `systemctl status`. Outside systemd
// (no NOTIFY_SOCKET: a developer's shell, tests, quayctl) every call is a no-op.

#include <chrono>
#include <optional>
#include <string_view>

#include "quay/clock.hpp"

namespace quay::system {

// Each returns true when the manager was told, false when not running under one.
bool notify_ready(std::string_view status = {});
bool notify_status(std::string_view status);
bool notify_watchdog();
bool notify_stopping();
// Before the kiosk execs itself on a newer catalogue (same PID): RELOADING=1, and the
// watchdog fed and widened to `allow` until the new process's first frame, whose
// notify_ready puts the configured WatchdogSec= back.
bool notify_starting_again(std::chrono::seconds allow);

// The WatchdogSec= the manager set for this process, or nullopt when there is none.
std::optional<std::chrono::microseconds> watchdog_interval();

// Feeds the watchdog from a loop that calls tick() on every iteration: it sends WATCHDOG=1
// at most every half interval, so a loop that waits on events must not sleep longer than
// max_sleep(). A loop that stops calling tick() is what the watchdog is there to catch.
class WatchdogFeeder {
  public:
    explicit WatchdogFeeder(const Clock& clock);
    WatchdogFeeder(const Clock& clock, std::optional<std::chrono::microseconds> interval);

    // True when WATCHDOG=1 was sent on this call.
    bool tick();
    bool enabled() const noexcept { return interval_.has_value(); }
    // The longest the loop may block between ticks (nullopt: no watchdog, no limit).
    std::optional<std::chrono::milliseconds> max_sleep() const;

  private:
    const Clock& clock_;
    std::optional<std::chrono::microseconds> interval_;
    std::optional<std::chrono::steady_clock::time_point> last_;
};

}  // namespace quay::system
