#pragma once
// Prints the receipt of a stored dossier: the receipt data from the stored body, laid out
// in the citizen's language, rendered for the printer's width and sent. Blocking: the
// kiosk calls it from its job thread. A printer fault is a result, never an exception, and
// never touches the dossier.

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "quay/catalog/catalog.hpp"
#include "quay/clock.hpp"
#include "quay/config/config.hpp"
#include "quay/flow/session.hpp"
#include "quay/language.hpp"
#include "quay/locale/locale.hpp"
#include "quay/receipt/printer.hpp"
#include "quay/receipt/renderer.hpp"
#include "quay/store/store.hpp"

namespace quay::kiosk_app {

struct PrintReport {
    flow::PrintState state = flow::PrintState::error;
    std::string detail;  // for staff and the log, no personal data
};

class ReceiptPrinter {
  public:
    // Throws nothing: a printer device string it cannot use is reported by each print.
    ReceiptPrinter(const config::Config& config, const catalog::Catalog& catalog,
                   const locale::Locale& locale, const Clock& clock);
    ~ReceiptPrinter();

    bool configured() const { return !config_.printer.device.empty(); }
    PrintReport print(const store::Item& item, Language language);
    // The printer's own report without printing (staff screen).
    PrintReport status();
    // The last status a print or a status query saw, for the heartbeat, which must not
    // open the printer itself (a USB printer allows one open) nor wait behind a print:
    // "absent", "unknown" until the first query, else receipt::heartbeat_state's word.
    std::string cached_state() const;
    // Slips the printer took whole since this object was made (the metrics' counter).
    std::int64_t printed() const { return printed_.load(); }

  private:
    const config::Config& config_;
    const catalog::Catalog& catalog_;
    const locale::Locale& locale_;
    const Clock& clock_;
    std::mutex mutex_;  // one job at a time; guards the members below
    std::unique_ptr<receipt::Printer> printer_;
    std::string printer_error_;  // why printer_ could not be made
    std::optional<receipt::Renderer> renderer_;
    void remember(const receipt::PrintResult& r);
    mutable std::mutex cached_mutex_;  // guards cached_ only (never held while printing)
    std::optional<receipt::PrintResult> cached_;
    std::atomic<std::int64_t> printed_{0};
};

flow::PrintState to_print_state(const receipt::PrintResult& r);

}  // namespace quay::kiosk_app
