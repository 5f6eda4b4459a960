#include "breaker.hpp"

#include "quay/delivery/backoff.hpp"

namespace quay::delivery::detail {

Breaker::Breaker(Ms base, Ms cap, std::function<std::uint64_t(std::uint64_t)> uniform)
    : base_(base), cap_(cap), uniform_(std::move(uniform)) {}

int Breaker::allowance(int free, Time now) const {
    if (free <= 0) return 0;
    if (!open_) return free;
    return !probe_out_ && now >= next_probe_ ? 1 : 0;
}

// The next probe waits the backoff ceiling plus up to a quarter more (kiosks of a province
// coming back together do not probe in step), never less than the ceiling: at most one
// probe per backoff period.
void Breaker::schedule(Time now) {
    const Ms ceiling = backoff_ceiling(base_, cap_, failed_ - 1);
    delay_ = ceiling + full_jitter(ceiling / 4, ceiling / 4, 0, uniform_);
    next_probe_ = now + delay_;
}

Breaker::Change Breaker::ended(bool link_down, bool answered, bool was_probe, std::uint64_t sent_in,
                               Time now) {
    if (was_probe) probe_out_ = false;
    if (answered) {
        if (!open_) return Change::none;
        open_ = false;
        failed_ = 0;
        ++generation_;
        return Change::closed;
    }
    if (!link_down || sent_in != generation_) return Change::none;
    if (!open_) {
        open_ = true;
        failed_ = 1;
        schedule(now);
        return Change::opened;
    }
    if (!was_probe) return Change::none;  // sent before it opened: already counted
    ++failed_;
    schedule(now);
    return Change::probe_failed;
}

}  // namespace quay::delivery::detail
