#pragma once
// Local calendar dates and times as people read them on a receipt, and the working-day
// arithmetic of appointment dates (Saturday and Sunday are not working days).

#include <chrono>
#include <string_view>

namespace quay::receipt {

struct CivilDate {
    int year = 1970, month = 1, day = 1;
    bool operator==(const CivilDate&) const = default;
};

struct CivilDateTime {
    CivilDate date;
    int hour = 0, minute = 0;
    bool operator==(const CivilDateTime&) const = default;
};

// 0 = Sunday .. 6 = Saturday
int weekday(CivilDate d);
bool is_working_day(CivilDate d);

// The date a result is due n working days after a dossier arrives on `received`. A dossier
// arriving on a weekend counts from the next working day; n = 0 gives that day itself.
// Public holidays are not known to the kiosk: the date is always shown as provisional.
CivilDate add_working_days(CivilDate received, int n);

// The local date and time written in an RFC 3339 timestamp ("2026-11-22T09:15:02+07:00"),
// as the kiosk wrote it. Throws quay::Error{"bad_time"} when it is not one.
CivilDateTime parse_rfc3339_local(std::string_view s);

CivilDateTime to_civil(std::chrono::system_clock::time_point t, int utc_offset_minutes);

}  // namespace quay::receipt
