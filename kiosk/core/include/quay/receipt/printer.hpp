#pragma once
// What a receipt printer does for the rest of the kiosk, behind one small interface:
// drivers/printer implements it for ESC/POS devices; tests use the same driver against
// the virtual printer. A printer fault is reported, never thrown at the dossier.

#include <string>
#include <string_view>

#include "quay/receipt/raster.hpp"

namespace quay::receipt {

enum class PrintOutcome {
    printed,     // the printer took the whole job and reports no fault
    paper_out,   // paper end: nothing (or not all) was printed
    cover_open,  // the cover is open
    offline,     // the printer says it is offline, or does not answer
    error,       // cannot reach it, timed out, or another fault (see message)
};

std::string_view to_string(PrintOutcome o);

struct PrintResult {
    PrintOutcome outcome = PrintOutcome::error;
    bool paper_near_end = false;  // printed, but staff should change the roll soon
    std::string message;          // for logs and staff, not for citizens
    bool ok() const noexcept { return outcome == PrintOutcome::printed; }
};

// The heartbeat's "printer" field (portal-api.md): "ok", "paper_near_end", "paper_out",
// "cover_open", "offline" or "error".
std::string_view heartbeat_state(const PrintResult& r);

class Printer {
  public:
    virtual ~Printer() = default;
    // Blocks until the job is sent or fails; never throws for device faults.
    virtual PrintResult print(const Raster& raster) = 0;
    // Asks the printer how it is without printing (for the heartbeat and staff screens).
    virtual PrintResult status() = 0;
    // Dots per line the printer prints (576 for 80 mm paper, 384 for 58 mm).
    virtual int width_dots() const = 0;
};

}  // namespace quay::receipt
