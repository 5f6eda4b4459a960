// The clock's trust (quay/clock_status.hpp) and the date rules that follow from it: a wrong
// kiosk clock never refuses a real date.
#include <doctest/doctest.h>

#include "quay/catalog/validate.hpp"
#include "quay/clock_status.hpp"

using namespace std::chrono;
using quay::ClockTrust;

namespace {

// 2026-11-23 10:00 +07:00, the real date in these tests.
const sys_days real_day = year{2026} / 11 / 23;
const system_clock::time_point real_now = real_day + hours(3);
const year_month_day built_day = year{2026} / 11 / 1;

// A manual clock at t, built on built_day (ManualClock cannot be moved: a small holder).
struct At {
    quay::ManualClock clock;
    At(system_clock::time_point t, bool synced) : clock(t) {
        clock.set_synchronised(synced);
        clock.set_earliest_plausible(sys_days(built_day));
    }
};

quay::catalog::FormField date_field(const char* rule) {
    quay::catalog::FormField f;
    f.code = "tre_ngay_sinh";
    f.type = quay::catalog::FieldType::date;
    f.required = true;
    if (std::string_view(rule) == "not_after") f.not_after = "today";
    if (std::string_view(rule) == "not_before") f.not_before = "today";
    return f;
}

std::optional<std::string> problem(const quay::Clock& clock, const quay::catalog::FormField& f,
                                   std::string_view value) {
    const auto p = quay::catalog::validate_value(f, value, quay::today_range(clock));
    return p ? std::optional(p->key) : std::nullopt;
}

}  // namespace

TEST_CASE("synchronised and after the build date: synced; not synchronised: unsynced") {
    CHECK(quay::assess_clock(At(real_now, true).clock, std::nullopt).trust == ClockTrust::synced);
    const auto s = quay::assess_clock(At(real_now, false).clock, std::nullopt);
    CHECK(s.trust == ClockTrust::unsynced);
    CHECK_FALSE(s.synchronised);
    CHECK_FALSE(s.portal_offset);
}

TEST_CASE("a clock before the build date is implausible, synchronised or not") {
    const auto boot_1970 = system_clock::time_point(seconds(30));
    const auto s = quay::assess_clock(At(boot_1970, true).clock, std::nullopt);
    CHECK(s.trust == ClockTrust::implausible);
    CHECK(s.before_build);
}

TEST_CASE("the portal's Date: within 5 minutes plausible, farther implausible") {
    At clock_at(real_now, true);
    auto& clock = clock_at.clock;
    const auto near = quay::anchor_portal_time(clock, real_now - minutes(4));
    auto s = quay::assess_clock(clock, near);
    CHECK(s.trust == ClockTrust::synced);
    CHECK(s.portal_offset == seconds(240));
    const auto far = quay::anchor_portal_time(clock, real_now - minutes(6));
    s = quay::assess_clock(clock, far);
    CHECK(s.trust == ClockTrust::implausible);
    CHECK(s.portal_offset == seconds(360));
}

TEST_CASE("the portal's time is anchored on monotonic time: a wall jump shows as an offset") {
    At clock_at(real_now, true);
    auto& clock = clock_at.clock;
    const auto anchor = quay::anchor_portal_time(clock, real_now);
    clock.advance(hours(2));  // both clocks move: still in step with the portal
    CHECK(quay::assess_clock(clock, anchor).portal_offset == seconds(0));
    clock.jump(hours(24 * 365 * 12));  // NTP gone wrong: the wall clock alone leaps to 2038
    const auto s = quay::assess_clock(clock, anchor);
    CHECK(s.trust == ClockTrust::implausible);
    CHECK(s.portal_offset == hours(24 * 365 * 12));
}

TEST_CASE("today's range: one day when trusted, the portal's day +-1, or open-ended") {
    At synced_at(real_now, true);
    auto& synced = synced_at.clock;
    auto r = quay::today_range(synced);
    CHECK(r.earliest == year_month_day(real_day));
    CHECK(r.latest == year_month_day(real_day));

    // A board that booted on the saved clock of a week ago and has not synced yet.
    At stale_at(real_now - days(7), false);
    auto& stale = stale_at.clock;
    r = quay::today_range(stale);
    CHECK(r.earliest == year_month_day(sys_days(built_day) - days(1)));
    CHECK_FALSE(r.latest);

    // The same board after one portal reply: the portal's day, one either way.
    const auto anchor = quay::anchor_portal_time(stale, real_now);
    const auto s = quay::assess_clock(stale, anchor);
    REQUIRE(s.trust == ClockTrust::implausible);
    r = quay::today_range(stale, s);
    CHECK(r.earliest == year_month_day(real_day - days(1)));
    CHECK(r.latest == year_month_day(real_day + days(1)));
}

TEST_CASE("a real date is never refused because the kiosk's clock is wrong") {
    const auto born_today = "2026-11-23";
    // The clock is right and synchronised: tomorrow is refused, today is not.
    At synced_at(real_now, true);
    auto& synced = synced_at.clock;
    CHECK(problem(synced, date_field("not_after"), born_today) == std::nullopt);
    CHECK(problem(synced, date_field("not_after"), "2026-11-24") == "validation.date_future");
    CHECK(problem(synced, date_field("not_before"), "2026-11-22") == "validation.date_past");

    // The same instant seen a week late by a board without an RTC, synchronised by nobody:
    // before the fix "2026-11-23" was "in the future".
    At stale_at(real_now - days(7), false);
    auto& stale = stale_at.clock;
    CHECK(problem(stale, date_field("not_after"), born_today) == std::nullopt);
    // ...and a week early: a date in the real future of the wrong clock's "today" is fine,
    // a date before the build is still refused as past.
    At early_at(real_now + days(7), false);
    auto& early = early_at.clock;
    CHECK(problem(early, date_field("not_before"), born_today) == std::nullopt);
    CHECK(problem(early, date_field("not_before"), "2026-10-01") == "validation.date_past");
    // Format rules do not depend on the clock.
    CHECK(problem(stale, date_field("not_after"), "2026-02-30") == "validation.date");
}

TEST_CASE("a board booting in 1970 still takes a citizen born after 1970") {
    At clock_at(system_clock::time_point(seconds(30)), true);
    auto& clock = clock_at.clock;
    quay::catalog::FormField id;
    id.code = "id_number";
    id.type = quay::catalog::FieldType::id_number;
    id.required = true;
    const auto p = quay::catalog::validate_value(id, "001090123456", quay::today_range(clock));
    CHECK_FALSE(p);  // born 1990: "after the current year" only by the wrong clock
}

TEST_CASE("the system clock asks its probe; the kernel's answer is a plain bool") {
    CHECK(quay::SystemClock([] { return true; }).synchronised());
    CHECK_FALSE(quay::SystemClock([] { return false; }).synchronised());
    (void)quay::kernel_clock_synchronised();  // adjtimex read-only: must not fail or need root
    // Unsynchronised only where a time daemon is meant to set the clock.
    CHECK(quay::clock_synchronised(true, true));
    CHECK_FALSE(quay::clock_synchronised(false, true));
    CHECK(quay::clock_synchronised(false, false));
    CHECK(quay::clock_synchronised(true, false));
    CHECK(quay::build_time() > system_clock::time_point(sys_days(year{2026} / 1 / 1)));
    CHECK(quay::SystemClock().earliest_plausible() == quay::build_time());
}
