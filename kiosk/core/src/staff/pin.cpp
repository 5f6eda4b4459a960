#include "quay/staff/pin.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdio>

#include "quay/error.hpp"

namespace quay::staff {

namespace {

void init_sodium() {
    // Idempotent and thread-safe; it only fails when no randomness source is available.
    if (::sodium_init() < 0) throw Error("crypto_unavailable", "libsodium could not start");
}

}  // namespace

HashCost kiosk_cost() {
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

bool is_valid_pin(std::string_view pin) {
    if (pin.size() < 6 || pin.size() > 12) return false;
    return std::all_of(pin.begin(), pin.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

std::string hash_pin(std::string_view pin, HashCost cost) {
    if (!is_valid_pin(pin)) throw Error("bad_pin", "a staff PIN is 6 to 12 digits");
    init_sodium();
    char out[crypto_pwhash_STRBYTES];
    if (::crypto_pwhash_str_alg(out, pin.data(), pin.size(), cost.passes, cost.memory_bytes,
                                crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw Error("out_of_memory", "not enough memory to hash the PIN");
    }
    return std::string(out);
}

bool is_pin_hash(std::string_view pin_hash) {
    if (!pin_hash.starts_with("$argon2id$") || pin_hash.size() >= crypto_pwhash_STRBYTES)
        return false;
    init_sodium();
    // needs_rehash returns -1 when the string cannot be parsed at all.
    const std::string h(pin_hash);
    return ::crypto_pwhash_str_needs_rehash(h.c_str(), 1, crypto_pwhash_MEMLIMIT_MIN) != -1;
}

std::string pin_hash_cost_problem(std::string_view pin_hash) {
    // "$argon2id$v=19$m=65536,t=2,p=1$salt$hash"
    const auto at = pin_hash.find("$m=");
    if (at == std::string_view::npos) return "has no Argon2id parameters";
    unsigned long m = 0, t = 0, p = 0;
    const std::string params(pin_hash.substr(at + 1, pin_hash.find('$', at + 1) - at - 1));
    if (std::sscanf(params.c_str(), "m=%lu,t=%lu,p=%lu", &m, &t, &p) != 3)
        return "has unreadable Argon2id parameters";
    if (m < kMinMemoryKib)
        return "uses " + std::to_string(m) + " KiB of memory; at least " +
               std::to_string(kMinMemoryKib) + " KiB (64 MiB) is required (quayctl staff-pin)";
    if (t < 1 || t > kMaxPasses)
        return "uses " + std::to_string(t) + " passes; 1 to " + std::to_string(kMaxPasses) +
               " are allowed (quayctl staff-pin)";
    return {};
}

bool verify_pin(std::string_view pin_hash, std::string_view pin) {
    if (!is_pin_hash(pin_hash)) return false;
    const std::string h(pin_hash);  // libsodium wants it NUL-terminated
    return ::crypto_pwhash_str_verify(h.c_str(), pin.data(), pin.size()) == 0;
}

PinThrottle::PinThrottle(const Clock& clock, ThrottlePolicy policy, std::int64_t restored_failures)
    : clock_(clock),
      policy_(policy),
      failures_(static_cast<int>(std::clamp<std::int64_t>(restored_failures, 0, 1'000'000))),
      next_allowed_(clock.monotonic() + delay_after(failures_)) {}

std::chrono::milliseconds PinThrottle::wait_remaining() const {
    const auto now = clock_.monotonic();
    if (now >= next_allowed_) return std::chrono::milliseconds(0);
    // Round up so a countdown never shows 0 while trying is still refused.
    return std::chrono::ceil<std::chrono::milliseconds>(next_allowed_ - now);
}

std::chrono::milliseconds PinThrottle::delay_after(int failures) const {
    const int over = failures - policy_.free_attempts;
    if (over <= 0) return std::chrono::milliseconds(0);
    auto d = policy_.first_delay;
    for (int i = 1; i < over && d < policy_.max_delay; ++i)
        d *= 2;
    return std::min(d, policy_.max_delay);
}

void PinThrottle::record_failure() {
    if (failures_ < 1'000'000) ++failures_;
    next_allowed_ = clock_.monotonic() + delay_after(failures_);
}

void PinThrottle::record_success() {
    failures_ = 0;
    next_allowed_ = clock_.monotonic();
}

PinThrottle::Outcome PinThrottle::attempt(std::string_view pin_hash, std::string_view pin) {
    if (!may_try()) return Outcome::wait;
    if (verify_pin(pin_hash, pin)) {
        record_success();
        return Outcome::accepted;
    }
    record_failure();
    return Outcome::rejected;
}

}  // namespace quay::staff
