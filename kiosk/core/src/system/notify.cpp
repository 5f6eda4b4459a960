#include "quay/system/notify.hpp"

#include <systemd/sd-daemon.h>

#include <algorithm>
#include <cstdint>
#include <string>

namespace quay::system {

namespace {

bool send(const std::string& state) {
    // unset_environment = 0: children (quayctl run by staff tools) never inherit the socket
    // through us anyway, and keeping it lets every call after the first still reach systemd.
    return ::sd_notify(0, state.c_str()) > 0;
}

std::string one_line(std::string_view text) {
    std::string s(text);
    for (char& ch : s) {
        if (ch == '\n' || ch == '\r') ch = ' ';
    }
    return s;
}

}  // namespace

bool notify_ready(std::string_view status) {
    std::string msg = "READY=1";
    if (!status.empty()) msg += "\nSTATUS=" + one_line(status);
    // The unit's own interval (WATCHDOG_USEC in our environment), after a widened one.
    if (const auto w = watchdog_interval()) msg += "\nWATCHDOG_USEC=" + std::to_string(w->count());
    return send(msg);
}

bool notify_starting_again(std::chrono::seconds allow) {
    return send(
        "RELOADING=1\nSTATUS=starting again on a newer catalogue\nWATCHDOG=1\nWATCHDOG_USEC=" +
        std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(allow).count()));
}

bool notify_status(std::string_view status) {
    return send("STATUS=" + one_line(status));
}

bool notify_watchdog() {
    return send("WATCHDOG=1");
}

bool notify_stopping() {
    return send("STOPPING=1");
}

std::optional<std::chrono::microseconds> watchdog_interval() {
    std::uint64_t usec = 0;
    // Checks WATCHDOG_PID too, so a child that inherited the variables does not feed it.
    if (::sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return std::nullopt;
    return std::chrono::microseconds(usec);
}

WatchdogFeeder::WatchdogFeeder(const Clock& clock) : WatchdogFeeder(clock, watchdog_interval()) {}

WatchdogFeeder::WatchdogFeeder(const Clock& clock,
                               std::optional<std::chrono::microseconds> interval)
    : clock_(clock), interval_(interval) {}

bool WatchdogFeeder::tick() {
    if (!interval_) return false;
    const auto now = clock_.monotonic();
    if (last_ && now - *last_ < *interval_ / 2) return false;
    last_ = now;
    return notify_watchdog();
}

std::optional<std::chrono::milliseconds> WatchdogFeeder::max_sleep() const {
    if (!interval_) return std::nullopt;
    // A quarter of the interval: a tick that just missed the half-way mark still lands
    // well before the deadline.
    return std::max(std::chrono::milliseconds(1),
                    std::chrono::duration_cast<std::chrono::milliseconds>(*interval_ / 4));
}

}  // namespace quay::system
