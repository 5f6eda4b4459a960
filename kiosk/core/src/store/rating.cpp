// The one-tap rating after the slip (QĐ 1565's satisfaction measure): counts per local day
// and value, nothing that links a rating to a dossier or a person (docs/receipts.md "Rating").
#include <cstdio>

#include "impl.hpp"

namespace quay::store {

using detail::Stmt;

namespace {

std::string local_day(const Clock& clock, std::chrono::system_clock::time_point at) {
    const LocalTime t = local_time(at, clock.utc_offset_minutes());
    char day[32];
    std::snprintf(day, sizeof day, "%04d-%02d-%02d", t.year, t.month, t.day);
    return day;
}

}  // namespace

void Store::rate(int value) {
    if (value < 1 || value > 4) throw Error("bad_rating", "a rating is 1, 2, 3 or 4");
    const std::string today = local_day(*impl_->clock, impl_->clock->now());
    std::lock_guard lock(impl_->mutex);
    Stmt s(impl_->db,
           "INSERT INTO rating_counts (day, value, count) VALUES (?, ?, 1) "
           "ON CONFLICT (day, value) DO UPDATE SET count = count + 1");
    s.bind(1, today).bind(2, std::int64_t{value}).run();
}

std::vector<RatingDay> Store::rating_days(int days) const {
    const auto now = impl_->clock->now();
    const std::string today = local_day(*impl_->clock, now);
    const std::string first = local_day(*impl_->clock, now - std::chrono::hours(24) * days);
    std::lock_guard lock(impl_->mutex);
    Stmt s(impl_->db,
           "SELECT day, value, count FROM rating_counts WHERE day >= ? AND day < ? "
           "ORDER BY day, value");
    s.bind(1, first).bind(2, today);
    std::vector<RatingDay> out;
    while (s.step()) {
        if (out.empty() || out.back().day != s.text(0)) out.push_back({s.text(0), {}});
        out.back().counts.at(static_cast<std::size_t>(s.integer(1) - 1)) = s.integer(2);
    }
    return out;
}

}  // namespace quay::store
