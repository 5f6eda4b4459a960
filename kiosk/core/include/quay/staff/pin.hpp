#pragma once
// The staff PIN: stored only as an Argon2id hash (libsodium's crypto_pwhash_str format,
// "$argon2id$v=19$m=...,t=...,p=1$salt$hash") in [staff] pin_hash, checked on the kiosk,
// and a slowdown after wrong PINs so guessing at the screen takes days, not minutes.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "quay/clock.hpp"

namespace quay::staff {

// Cost of one hash. The kiosk default is libsodium's "interactive" level (2 passes over
// 64 MiB): well under a second on the ARM boards kiosks use, and small enough that the
// check never competes with the UI for memory (figures in docs/technician-guide.md).
struct HashCost {
    std::uint64_t passes;
    std::size_t memory_bytes;
};
HashCost kiosk_cost();

// 6 to 12 ASCII digits.
bool is_valid_pin(std::string_view pin);

// Throws quay::Error("bad_pin") when the PIN is not valid; the salt is random.
std::string hash_pin(std::string_view pin, HashCost cost = kiosk_cost());

// True when pin matches. A malformed or non-Argon2id hash never matches.
bool verify_pin(std::string_view pin_hash, std::string_view pin);

// True when pin_hash is an Argon2id string libsodium can read (what the config should hold).
bool is_pin_hash(std::string_view pin_hash);

// The least a provisioned hash may cost: a cheap hash makes a stolen config's PIN quick to
// guess offline, an absurd one stalls the kiosk at every check.
inline constexpr std::size_t kMinMemoryKib = 64 * 1024;
inline constexpr std::uint64_t kMaxPasses = 10;
// Empty when the hash's parameters are within bounds, else the problem in words.
std::string pin_hash_cost_problem(std::string_view pin_hash);

// Wrong-PIN slowdown, in monotonic time. The first free_attempts wrong PINs cost nothing;
// after that each wrong PIN doubles the wait before the next try, from first_delay up to
// max_delay. A right PIN resets it. The UI shows wait_remaining() as a countdown.
// It is the one slowdown of the kiosk (the flow uses it). The count survives restarts:
// the app restores it from the audit log (Store::consecutive_pin_failures), and a
// restart starts the current wait afresh, so restarting never shortens it.
struct ThrottlePolicy {
    int free_attempts = 3;
    std::chrono::milliseconds first_delay{5'000};
    std::chrono::milliseconds max_delay{300'000};
};

class PinThrottle {
  public:
    explicit PinThrottle(const Clock& clock, ThrottlePolicy policy = {},
                         std::int64_t restored_failures = 0);

    // Zero when a PIN may be tried now.
    std::chrono::milliseconds wait_remaining() const;
    bool may_try() const { return wait_remaining().count() == 0; }

    // Checks pin against pin_hash if allowed now, records the outcome and returns it.
    // Returns Outcome::wait (and checks nothing) while the slowdown runs.
    enum class Outcome { accepted, rejected, wait };
    Outcome attempt(std::string_view pin_hash, std::string_view pin);

    // For callers that check the PIN themselves (e.g. on a worker thread).
    void record_failure();
    void record_success();
    int consecutive_failures() const noexcept { return failures_; }

  private:
    std::chrono::milliseconds delay_after(int failures) const;

    const Clock& clock_;
    ThrottlePolicy policy_;
    int failures_ = 0;
    std::chrono::steady_clock::time_point next_allowed_{};
};

}  // namespace quay::staff
