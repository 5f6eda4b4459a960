#pragma once
// The devices' last known states, left by the kiosk app for other processes: `quayctl
// metrics` cannot ask the printer itself (a USB printer allows one open, and the app holds
// it) nor the scanner (the app grabs it). The app writes <data_dir>/devices.json
// atomically whenever a state or the printed count changes (docs/monitoring.md):
//   {"printer": "ok", "scanner": "ok", "receipts_printed": 12, "changed_at_s": 1796000000}

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace quay::metrics {

// The printer's states: the heartbeat's (quay/receipt/printer.hpp heartbeat_state), plus
// "absent" (none configured) and "unknown" (no state known yet).
const std::vector<std::string_view>& printer_states();
// The scanner's states: "ok", "offline" (configured but not working), "absent" (none
// configured), "unknown".
const std::vector<std::string_view>& scanner_states();

struct DeviceStates {
    std::string printer = "unknown";
    std::string scanner = "unknown";
    std::int64_t receipts_printed = 0;  // slips printed by the app, ever (kept across restarts)
    std::int64_t changed_at_s = 0;      // when the app last wrote a change (unix s); 0: never
    // Slips today (the staff screen): the local day of the record and receipts_printed as
    // it stood when that day began.
    std::string printed_day;  // YYYY-MM-DD, local; "" before the first record
    std::int64_t printed_before_day = 0;
    bool same_states(const DeviceStates& o) const {
        return printer == o.printer && scanner == o.scanner &&
               receipts_printed == o.receipts_printed && printed_day == o.printed_day;
    }
};

// Carries the day's start over from the last record, or starts `today` (local YYYY-MM-DD)
// from the last recorded count when the record is of another day.
void carry_day(DeviceStates& now, const DeviceStates& recorded, const std::string& today);
// Slips printed on `today` as recorded; 0 when the record is of another day.
std::int64_t printed_on(const DeviceStates& states, std::string_view today);

std::filesystem::path device_states_file(const std::filesystem::path& data_dir);

// What the file says; the defaults when it is missing or unreadable, and "unknown" for a
// state that is not one of the lists above. Never throws.
DeviceStates read_device_states(const std::filesystem::path& data_dir);
// Atomically, mode 0600 (the data directory's files are the kiosk's own). Throws
// store::StorageError.
void write_device_states(const std::filesystem::path& data_dir, const DeviceStates& states);

}  // namespace quay::metrics
