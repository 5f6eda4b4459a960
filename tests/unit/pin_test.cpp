#include <doctest/doctest.h>

#include <sodium.h>

#include <set>

#include "quay/error.hpp"
#include "quay/staff/pin.hpp"

using namespace std::chrono;
using quay::staff::PinThrottle;

namespace {
// The cheapest cost libsodium allows keeps the suite fast; one case uses the kiosk cost.
const quay::staff::HashCost cheap{1, crypto_pwhash_MEMLIMIT_MIN};
}  // namespace

TEST_CASE("a PIN is 6 to 12 digits") {
    CHECK(quay::staff::is_valid_pin("123456"));
    CHECK(quay::staff::is_valid_pin("123456789012"));
    CHECK_FALSE(quay::staff::is_valid_pin("12345"));
    CHECK_FALSE(quay::staff::is_valid_pin("1234567890123"));
    CHECK_FALSE(quay::staff::is_valid_pin("12345a"));
    CHECK_FALSE(quay::staff::is_valid_pin("123 456"));
    CHECK_FALSE(quay::staff::is_valid_pin("١٢٣٤٥٦"));  // Arabic-Indic digits are not ASCII
    CHECK_THROWS_AS(quay::staff::hash_pin("1234", cheap), quay::Error);
}

TEST_CASE("hash and verify with a random salt") {
    const auto h1 = quay::staff::hash_pin("246810", cheap);
    const auto h2 = quay::staff::hash_pin("246810", cheap);
    CHECK(h1.starts_with("$argon2id$v=19$"));
    CHECK(h1 != h2);
    CHECK(quay::staff::is_pin_hash(h1));
    CHECK(quay::staff::verify_pin(h1, "246810"));
    CHECK(quay::staff::verify_pin(h2, "246810"));
    CHECK_FALSE(quay::staff::verify_pin(h1, "246811"));
    CHECK_FALSE(quay::staff::verify_pin(h1, ""));
}

TEST_CASE("the kiosk cost is Argon2id interactive and verifies") {
    const auto h = quay::staff::hash_pin("13579024");
    CHECK(h.find("$m=65536,t=2,p=1$") != std::string::npos);
    CHECK(quay::staff::verify_pin(h, "13579024"));
}

TEST_CASE("malformed or other-algorithm hashes never match") {
    CHECK_FALSE(quay::staff::is_pin_hash(""));
    CHECK_FALSE(quay::staff::is_pin_hash("$argon2id$"));
    CHECK_FALSE(quay::staff::is_pin_hash("123456"));
    CHECK_FALSE(quay::staff::verify_pin("$argon2id$garbage", "123456"));
    // A valid Argon2i string (not id) is refused: the config only admits Argon2id.
    char out[crypto_pwhash_STRBYTES];
    REQUIRE(sodium_init() >= 0);
    REQUIRE(crypto_pwhash_str_alg(out, "123456", 6, 3, crypto_pwhash_MEMLIMIT_MIN,
                                  crypto_pwhash_ALG_ARGON2I13) == 0);
    CHECK_FALSE(quay::staff::verify_pin(out, "123456"));
    auto h = quay::staff::hash_pin("123456", cheap);
    h.back() = h.back() == 'A' ? 'B' : 'A';  // a flipped tag byte
    CHECK_FALSE(quay::staff::verify_pin(h, "123456"));
}

TEST_CASE("wrong PINs slow down, doubling to the cap; a right PIN resets") {
    quay::ManualClock clock(sys_days(year{2026} / 1 / 1));
    PinThrottle t(clock, {3, seconds(5), seconds(60)});
    const auto h = quay::staff::hash_pin("112233", cheap);

    for (int i = 0; i < 3; ++i) {
        CHECK(t.attempt(h, "000000") == PinThrottle::Outcome::rejected);
        CHECK(t.may_try());
    }
    CHECK(t.attempt(h, "000000") == PinThrottle::Outcome::rejected);  // 4th: 5 s
    CHECK(t.wait_remaining() == seconds(5));
    // While waiting nothing is checked, not even the right PIN.
    CHECK(t.attempt(h, "112233") == PinThrottle::Outcome::wait);
    CHECK(t.consecutive_failures() == 4);
    clock.advance(milliseconds(4'999));
    CHECK(t.wait_remaining() == milliseconds(1));
    clock.advance(milliseconds(1));
    CHECK(t.attempt(h, "000000") == PinThrottle::Outcome::rejected);  // 5th: 10 s
    CHECK(t.wait_remaining() == seconds(10));
    std::set<long long> waits;
    for (int i = 0; i < 5; ++i) {
        clock.advance(t.wait_remaining());
        CHECK(t.attempt(h, "000000") == PinThrottle::Outcome::rejected);
        waits.insert(duration_cast<seconds>(t.wait_remaining()).count());
    }
    CHECK(waits == std::set<long long>{20, 40, 60});
    clock.advance(t.wait_remaining());
    CHECK(t.attempt(h, "112233") == PinThrottle::Outcome::accepted);
    CHECK(t.consecutive_failures() == 0);
    CHECK(t.attempt(h, "000000") == PinThrottle::Outcome::rejected);
    CHECK(t.may_try());
}

TEST_CASE("a throttle restored after a restart waits the full delay of its count") {
    quay::ManualClock clock{
        std::chrono::system_clock::time_point(std::chrono::seconds(1795312800))};
    PinThrottle fresh(clock, {3, seconds(5), seconds(60)}, 3);
    CHECK(fresh.may_try());  // three wrong PINs cost nothing yet
    PinThrottle t(clock, {3, seconds(5), seconds(60)}, 5);
    CHECK(t.consecutive_failures() == 5);
    CHECK(t.wait_remaining() == seconds(10));
    clock.advance(seconds(10));
    CHECK(t.may_try());
    t.record_failure();
    CHECK(t.wait_remaining() == seconds(20));
}
