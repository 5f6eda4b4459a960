#pragma once
// The sender's circuit breaker (docs/delivery.md "Outages"). When a transfer gets no HTTP
// answer at all (connection refused, DNS, TLS, timeout, reset, stall), the link is down
// for every item, so retrying each due item only wears the SD card: the breaker opens, the
// sender stops claiming the queue and sends ONE item at a time as a probe, at a capped
// exponential backoff. Any HTTP answer (even a 4xx/5xx for that dossier) shows the link
// works and closes it. Not thread-safe: the sender guards it with its own mutex.

#include <chrono>
#include <cstdint>
#include <functional>

namespace quay::delivery::detail {

class Breaker {
  public:
    using Ms = std::chrono::milliseconds;
    using Time = std::chrono::steady_clock::time_point;
    // uniform(n) returns a value in [0, n) (tests fix it); the default draws from libsodium.
    Breaker(Ms base, Ms cap, std::function<std::uint64_t(std::uint64_t)> uniform = {});

    bool open() const { return open_; }
    // How many items may be claimed at `now` for `free` idle transfers: all of them while
    // closed; while open, one (the probe) once it is due and no probe is out.
    int allowance(int free, Time now) const;
    // The claimed items were sent under allowance(): while open that one is the probe.
    void sent_probe() { probe_out_ = true; }
    void probe_returned() { probe_out_ = false; }  // claimed but given back unsent
    enum class Change { none, opened, probe_failed, closed };
    // A transfer ended: link_down when no HTTP answer came, answered when one did (a
    // transfer stopped mid-request is neither). was_probe: it was sent as the probe.
    // sent_in: generation() when it was claimed; a failure of a transfer sent before the
    // last close (slow to fail) does not open it again.
    Change ended(bool link_down, bool answered, bool was_probe, std::uint64_t sent_in, Time now);
    std::uint64_t generation() const { return generation_; }
    Time next_probe() const { return next_probe_; }
    Ms probe_delay() const { return delay_; }  // the wait chosen at the last change

  private:
    void schedule(Time now);

    Ms base_, cap_;
    std::function<std::uint64_t(std::uint64_t)> uniform_;
    bool open_ = false;
    bool probe_out_ = false;
    std::uint64_t generation_ = 0;  // bumped at each close
    std::int64_t failed_ = 0;       // failed probes since it opened (the first failure counts)
    Time next_probe_{};
    Ms delay_{0};
};

}  // namespace quay::delivery::detail
