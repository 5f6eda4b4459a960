#pragma once
// Time sources behind one interface so tests use a fixed clock instead of sleeping.
// Wall time is for what people read (created_at, receipt dates); monotonic time is for
// every delay and timeout (backoff must not move when the wall clock jumps).

#include <chrono>
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
};

class SystemClock final : public Clock {
  public:
    std::chrono::system_clock::time_point now() const override;
    std::chrono::steady_clock::time_point monotonic() const override;
    int utc_offset_minutes() const override;  // from the system's time zone
};

// A clock that only moves when told to (tests, benchmarks, screenshots).
class ManualClock final : public Clock {
  public:
    explicit ManualClock(std::chrono::system_clock::time_point start, int utc_offset_minutes = 420);
    std::chrono::system_clock::time_point now() const override;
    std::chrono::steady_clock::time_point monotonic() const override;
    int utc_offset_minutes() const override { return offset_; }
    void advance(std::chrono::milliseconds d);

  private:
    mutable std::mutex mutex_;  // guards wall_ and mono_
    std::chrono::system_clock::time_point wall_;
    std::chrono::steady_clock::time_point mono_;
    int offset_;
};

// "2026-11-22T09:15:02+07:00"
std::string format_rfc3339(std::chrono::system_clock::time_point t, int utc_offset_minutes);
// Local civil date/time parts of t at the given offset.
struct LocalTime {
    int year, month, day, hour, minute, second;
};
LocalTime local_time(std::chrono::system_clock::time_point t, int utc_offset_minutes);

}  // namespace quay
