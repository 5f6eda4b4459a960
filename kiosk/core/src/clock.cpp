#include "quay/clock.hpp"

#include "quay/clock_status.hpp"

#include <cstdio>
#include <ctime>

namespace quay {

SystemClock::SystemClock() : probe_(kernel_clock_synchronised) {}

SystemClock::SystemClock(std::function<bool()> probe) : probe_(std::move(probe)) {}

bool SystemClock::synchronised() const {
    return probe_ && probe_();
}

std::chrono::system_clock::time_point SystemClock::earliest_plausible() const {
    return build_time();
}

std::chrono::system_clock::time_point SystemClock::now() const {
    return std::chrono::system_clock::now();
}

std::chrono::steady_clock::time_point SystemClock::monotonic() const {
    return std::chrono::steady_clock::now();
}

int SystemClock::utc_offset_minutes() const {
    const std::time_t t = std::time(nullptr);
    std::tm local{};
    ::localtime_r(&t, &local);
    return static_cast<int>(local.tm_gmtoff / 60);
}

ManualClock::ManualClock(std::chrono::system_clock::time_point start, int utc_offset_minutes)
    : wall_(start), mono_(std::chrono::steady_clock::time_point{}), offset_(utc_offset_minutes) {}

std::chrono::system_clock::time_point ManualClock::now() const {
    std::lock_guard lock(mutex_);
    return wall_;
}

std::chrono::steady_clock::time_point ManualClock::monotonic() const {
    std::lock_guard lock(mutex_);
    return mono_;
}

void ManualClock::advance(std::chrono::milliseconds d) {
    std::lock_guard lock(mutex_);
    wall_ += d;
    mono_ += d;
}

void ManualClock::jump(std::chrono::milliseconds d) {
    std::lock_guard lock(mutex_);
    wall_ += d;
}

bool ManualClock::synchronised() const {
    std::lock_guard lock(mutex_);
    return synced_;
}

void ManualClock::set_synchronised(bool synced) {
    std::lock_guard lock(mutex_);
    synced_ = synced;
}

std::chrono::system_clock::time_point ManualClock::earliest_plausible() const {
    std::lock_guard lock(mutex_);
    return floor_;
}

void ManualClock::set_earliest_plausible(std::chrono::system_clock::time_point t) {
    std::lock_guard lock(mutex_);
    floor_ = t;
}

LocalTime local_time(std::chrono::system_clock::time_point t, int utc_offset_minutes) {
    using namespace std::chrono;
    const auto local = floor<seconds>(t) + minutes(utc_offset_minutes);
    const auto day = floor<days>(local);
    const year_month_day ymd(day);
    const hh_mm_ss hms(local - day);
    return LocalTime{int(ymd.year()),
                     static_cast<int>(unsigned(ymd.month())),
                     static_cast<int>(unsigned(ymd.day())),
                     static_cast<int>(hms.hours().count()),
                     static_cast<int>(hms.minutes().count()),
                     static_cast<int>(hms.seconds().count())};
}

std::string format_rfc3339(std::chrono::system_clock::time_point t, int utc_offset_minutes) {
    const auto l = local_time(t, utc_offset_minutes);
    const int off = utc_offset_minutes < 0 ? -utc_offset_minutes : utc_offset_minutes;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", l.year, l.month,
                  l.day, l.hour, l.minute, l.second, utc_offset_minutes < 0 ? '-' : '+', off / 60,
                  off % 60);
    return buf;
}

}  // namespace quay
