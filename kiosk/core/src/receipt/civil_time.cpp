#include "quay/receipt/civil_time.hpp"

#include <charconv>

#include "quay/clock.hpp"
#include "quay/error.hpp"

namespace quay::receipt {
namespace {

std::chrono::sys_days to_days(CivilDate d) {
    return std::chrono::sys_days{std::chrono::year{d.year} /
                                 std::chrono::month{static_cast<unsigned>(d.month)} /
                                 std::chrono::day{static_cast<unsigned>(d.day)}};
}

CivilDate from_days(std::chrono::sys_days days) {
    const std::chrono::year_month_day ymd{days};
    return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
            static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

int number(std::string_view s, std::size_t pos, std::size_t len, std::string_view whole) {
    int v = 0;
    if (pos + len > s.size())
        throw Error("bad_time", "not an RFC 3339 time: " + std::string(whole));
    const auto* first = s.data() + pos;
    const auto [ptr, ec] = std::from_chars(first, first + len, v);
    if (ec != std::errc() || ptr != first + len) {
        throw Error("bad_time", "not an RFC 3339 time: " + std::string(whole));
    }
    return v;
}

}  // namespace

int weekday(CivilDate d) {
    return static_cast<int>(std::chrono::weekday{to_days(d)}.c_encoding());
}

bool is_working_day(CivilDate d) {
    const int w = weekday(d);
    return w != 0 && w != 6;
}

CivilDate add_working_days(CivilDate received, int n) {
    auto day = to_days(received);
    while (!is_working_day(from_days(day)))
        day += std::chrono::days{1};
    for (int left = n; left > 0;) {
        day += std::chrono::days{1};
        if (is_working_day(from_days(day))) --left;
    }
    return from_days(day);
}

CivilDateTime parse_rfc3339_local(std::string_view s) {
    // YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)
    const auto bad = [&] { return Error("bad_time", "not an RFC 3339 time: " + std::string(s)); };
    if (s.size() < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') ||
        s[13] != ':' || s[16] != ':') {
        throw bad();
    }
    CivilDateTime t;
    t.date = {number(s, 0, 4, s), number(s, 5, 2, s), number(s, 8, 2, s)};
    t.hour = number(s, 11, 2, s);
    t.minute = number(s, 14, 2, s);
    const int second = number(s, 17, 2, s);
    std::size_t pos = 19;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9')
            ++pos;
    }
    const auto zone = s.substr(pos);
    if (!(zone == "Z" || zone == "z" ||
          (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' &&
           number(zone, 1, 2, s) <= 23 && number(zone, 4, 2, s) <= 59))) {
        throw bad();
    }
    const std::chrono::year_month_day ymd{std::chrono::year{t.date.year} /
                                          std::chrono::month{static_cast<unsigned>(t.date.month)} /
                                          std::chrono::day{static_cast<unsigned>(t.date.day)}};
    if (!ymd.ok() || t.hour > 23 || t.minute > 59 || second > 60) throw bad();
    return t;
}

CivilDateTime to_civil(std::chrono::system_clock::time_point t, int utc_offset_minutes) {
    const auto lt = local_time(t, utc_offset_minutes);
    return {{lt.year, lt.month, lt.day}, lt.hour, lt.minute};
}

}  // namespace quay::receipt
