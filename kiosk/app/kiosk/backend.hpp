#pragma once
// The kiosk's ui::Backend: the durable store, the delivery worker (background thread),
// the portal status lookup, the receipt printer and the staff PIN check.

#include <cstdint>
#include <memory>
#include <string>

#include "quay/catalog/catalog.hpp"
#include "quay/clock.hpp"
#include "quay/config/config.hpp"
#include "quay/locale/locale.hpp"
#include "quay/scanner/reader.hpp"
#include "quay/ui/backend.hpp"

namespace quay::kiosk_app {

struct BackendParts {
    const config::Config& config;
    const catalog::Catalog& catalog;
    const locale::Locale& locale;
    const Clock& clock;       // dossiers' dates and receipt codes (the test clock in scripts)
    const Clock& real_clock;  // delivery waits and backoff: real time
    // Where the running reader will be (null when none is configured); read only from
    // backend calls, which run after the kiosk is built.
    const std::unique_ptr<scanner::Reader>& scanner;
};

// Starts the delivery worker when [portal] url is set (offline otherwise: dossiers wait
// in the store). Opens the store on first use, off the UI thread.
std::unique_ptr<ui::Backend> make_backend(const BackendParts& parts);

// The printer as the metrics writer sees it (metrics_writer.hpp): the state the print path
// last saw and the slips printed since start. {"unknown", 0} for a backend not made above.
struct PrinterReading {
    std::string state = "unknown";
    std::int64_t printed = 0;
};
PrinterReading printer_reading(const ui::Backend& backend);

}  // namespace quay::kiosk_app
