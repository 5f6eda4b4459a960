#include <doctest/doctest.h>

#include "quay/clock.hpp"

using namespace std::chrono;

TEST_CASE("RFC 3339 with the local offset") {
    const sys_days d = year{2026} / 11 / 22;
    const auto t = d + hours(2) + minutes(15) + seconds(2);  // 02:15:02 UTC
    CHECK(quay::format_rfc3339(t, 420) == "2026-11-22T09:15:02+07:00");
    CHECK(quay::format_rfc3339(t, 0) == "2026-11-22T02:15:02+00:00");
    CHECK(quay::format_rfc3339(t, -150) == "2026-11-21T23:45:02-02:30");
    const auto l = quay::local_time(d + hours(20), 420);  // crosses midnight locally
    CHECK(l.day == 23);
    CHECK(l.hour == 3);
}

TEST_CASE("a manual clock moves only when told, wall and monotonic together") {
    quay::ManualClock c(sys_days(year{2026} / 1 / 1));
    const auto w = c.now();
    const auto m = c.monotonic();
    c.advance(milliseconds(1500));
    CHECK(c.now() - w == milliseconds(1500));
    CHECK(c.monotonic() - m == milliseconds(1500));
}
