#pragma once
// The staff screen's sections added with issue 16 (docs/staff-guide.md): the pending list,
// the test print, today's counts, the catalogue's age. staff.cpp lays them out.

#include "quay/flow/staff_view.hpp"
#include "screens/screen.hpp"

namespace quay::ui {

// "2026-12-05T16:05:46+07:00" -> "2026-12-05 16:05"
std::string short_time(const std::string& rfc3339);
// "chờ 2 giờ 15 phút"
std::string waiting_text(Ctx& c, std::int64_t age_s);
// A delivery error in plain words, then the stored line: "Mất kết nối mạng (network: dns)".
std::string error_text(Ctx& c, const flow::QueueItemView& item);
// Every dossier not yet delivered, oldest first, with its age, tries and last error.
void pending_rows(Ctx& c, const flow::StaffView& v);
// "Hôm nay": the day's counts, and the last completed day's ratings.
void today_rows(Ctx& c, const flow::StaffView& v);
// The catalogue's version and age (warning colour past staff::catalog_stale_days) and the
// last sync tried.
void catalog_rows(Ctx& c, const flow::StaffView& v);
// How many damaged database copies the store reports, and what staff should do.
void damaged_summary(Ctx& c, const flow::StaffView& v);
// The test print's button (its outcome is the staff message at the top).
void test_print_rows(Ctx& c);

}  // namespace quay::ui
