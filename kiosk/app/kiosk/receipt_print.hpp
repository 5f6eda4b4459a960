#pragma once
// Prints the receipt of a stored dossier on the printer's own thread (the drivers'
// PrintQueue): the dossier is read from the store, laid out in the citizen's language,
// rendered for the printer's width and sent, all off the caller's thread, one job at a
// time. A printer fault is a result, never an exception, and never touches the dossier.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "quay/catalog/catalog.hpp"
#include "quay/clock.hpp"
#include "quay/config/config.hpp"
#include "quay/flow/session.hpp"
#include "quay/language.hpp"
#include "quay/locale/locale.hpp"
#include "quay/printer/print_queue.hpp"
#include "quay/receipt/layout.hpp"
#include "quay/receipt/renderer.hpp"
#include "quay/store/store.hpp"

namespace quay::kiosk_app {

struct PrintReport {
    flow::PrintState state = flow::PrintState::error;
    std::string detail;  // for staff and the log, no personal data
};

class ReceiptPrinter {
  public:
    using Done = std::function<void(const PrintReport&)>;
    // Reads the dossier to print, on the print thread; nullopt when it is not stored.
    using Load = std::function<std::optional<store::Item>()>;

    // Throws nothing: a printer device string it cannot use is reported by each print.
    ReceiptPrinter(const config::Config& config, const catalog::Catalog& catalog,
                   const locale::Locale& locale, const Clock& clock);
    // Finishes the job being printed; jobs not started are dropped without their `done`.
    ~ReceiptPrinter();

    bool configured() const { return !config_.printer.device.empty(); }
    // Returns at once; `done` runs on the print thread (or at once, on the caller's
    // thread, when there is no printer to queue for).
    void print(Load load, Language language, Done done);
    // A liên thông bundle's dossiers on one receipt (receipt::render_bundle_receipt);
    // `load` returns none when one of them is not stored.
    using LoadAll = std::function<std::vector<store::Item>()>;
    void print_bundle(LoadAll load, std::string bundle_code, Language language, Done done);
    // Prints a layout made on the print thread (the document checklist): not a receipt, so
    // not counted in printed().
    void print_layout(std::function<receipt::Layout()> make, Done done);
    // Asks the printer's own report without printing (staff screen), queued like a print.
    void check(Done done);
    // The last report a print or a check saw; nullopt before the first.
    std::optional<PrintReport> last_report() const;
    // For the heartbeat, which must not open the printer itself (a USB printer allows one
    // open) nor wait behind a print: "absent", "unknown" until the first report, else
    // receipt::heartbeat_state's word.
    std::string cached_state() const;
    // Slips the printer took whole since this object was made (the metrics' counter).
    std::int64_t printed() const { return printed_.load(); }

  private:
    void enqueue(bool prints, Done done, std::function<receipt::Raster(int width_dots)> render);
    receipt::Raster render(const Load& load, Language language, int width_dots);
    receipt::Raster render_bundle(const LoadAll& load, const std::string& bundle_code,
                                  Language language, int width_dots);
    void finished(const std::string& job_id, const receipt::PrintResult& result);
    std::string queue_job(Done done, bool prints);

    const config::Config& config_;
    const catalog::Catalog& catalog_;
    const locale::Locale& locale_;
    const Clock& clock_;
    std::string printer_error_;                  // why the printer could not be made
    std::optional<receipt::Renderer> renderer_;  // the print thread's only
    std::mutex pending_mutex_;                   // guards pending_, next_job_
    struct Pending {
        Done done;
        bool prints = false;  // a receipt, not a status check (counted in printed_)
    };
    std::map<std::string, Pending> pending_;  // job id → its caller's `done`
    std::uint64_t next_job_ = 0;
    mutable std::mutex cached_mutex_;  // guards cached_ (never held while printing)
    std::optional<receipt::PrintResult> cached_;
    std::atomic<std::int64_t> printed_{0};        // receipts printed since start
    std::unique_ptr<printer::PrintQueue> queue_;  // last: its thread stops first
};

flow::PrintState to_print_state(const receipt::PrintResult& r);

}  // namespace quay::kiosk_app
