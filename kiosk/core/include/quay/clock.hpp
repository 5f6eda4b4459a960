#pragma once
// Time sources behind one interface so tests use a fixed clock instead of sleeping.
// Wall time is for what people read (created_at, receipt dates); monotonic time is for
// every delay and timeout (backoff must not move when the wall clock jumps).

#include <chrono>
#include <functional>
#include <mutex>
#include <string>

namespace quay {

class Clock {
  public:
    virtual ~Clock() = default;
    virtual std::chrono::system_clock::time_point now() const = 0;
    virtual std::chrono::steady_clock::time_point monotonic() const = 0;
    // Offset of local civil time from UTC in minutes (Vietnam: +420, no DST).
    virtual int utc_offset_minutes() const = 0;
    // Whether the system says its wall clock is synchronised (NTP). An ARM board without
    // an RTC boots with a wrong time until then (quay/clock_status.hpp says what follows).
    virtual bool synchronised() const = 0;
    // The real time is never before this: for the system clock, the build date.
    virtual std::chrono::system_clock::time_point earliest_plausible() const = 0;
};

class SystemClock final : public Clock {
  public:
    // probe: whether the clock is synchronised; the kernel's view by default
    // (kernel_clock_synchronised in quay/clock_status.hpp).
    SystemClock();
    explicit SystemClock(std::function<bool()> probe);
    std::chrono::system_clock::time_point now() const override;
    std::chrono::steady_clock::time_point monotonic() const override;
    int utc_offset_minutes() const override;  // from the system's time zone
    bool synchronised() const override;
    std::chrono::system_clock::time_point earliest_plausible() const override;  // build_time()

  private:
    std::function<bool()> probe_;
};

// A clock that only moves when told to (tests, benchmarks, screenshots).
class ManualClock final : public Clock {
  public:
    explicit ManualClock(std::chrono::system_clock::time_point start, int utc_offset_minutes = 420);
    std::chrono::system_clock::time_point now() const override;
    std::chrono::steady_clock::time_point monotonic() const override;
    int utc_offset_minutes() const override { return offset_; }
    bool synchronised() const override;
    // No floor unless set (tests run at fixed dates that the build date overtakes).
    std::chrono::system_clock::time_point earliest_plausible() const override;
    void set_earliest_plausible(std::chrono::system_clock::time_point t);
    void advance(std::chrono::milliseconds d);
    // The wall clock alone jumps (NTP stepping it, a board booting in 2038); monotonic
    // time does not move.
    void jump(std::chrono::milliseconds d);
    void set_synchronised(bool synced);  // true at start

  private:
    mutable std::mutex mutex_;  // guards every member below
    std::chrono::system_clock::time_point wall_;
    std::chrono::steady_clock::time_point mono_;
    int offset_;
    bool synced_ = true;
    std::chrono::system_clock::time_point floor_ = std::chrono::system_clock::time_point::min();
};

// "2026-11-22T09:15:02+07:00"
std::string format_rfc3339(std::chrono::system_clock::time_point t, int utc_offset_minutes);
// Local civil date/time parts of t at the given offset.
struct LocalTime {
    int year, month, day, hour, minute, second;
};
LocalTime local_time(std::chrono::system_clock::time_point t, int utc_offset_minutes);

}  // namespace quay
