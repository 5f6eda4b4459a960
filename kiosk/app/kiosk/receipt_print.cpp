#include "receipt_print.hpp"

#include "quay/error.hpp"
#include "quay/printer/escpos_printer.hpp"
#include "quay/receipt/pipeline.hpp"

namespace quay::kiosk_app {

flow::PrintState to_print_state(const receipt::PrintResult& r) {
    using receipt::PrintOutcome;
    switch (r.outcome) {
        case PrintOutcome::printed:
            return flow::PrintState::printed;
        case PrintOutcome::paper_out:
            return flow::PrintState::paper_out;
        case PrintOutcome::offline:
            return flow::PrintState::offline;
        case PrintOutcome::cover_open:
        case PrintOutcome::error:
            break;
    }
    return flow::PrintState::error;
}

namespace {

PrintReport report_of(const receipt::PrintResult& r) {
    return {to_print_state(r),
            r.message.empty() ? std::string(receipt::to_string(r.outcome)) : r.message};
}

}  // namespace

ReceiptPrinter::ReceiptPrinter(const config::Config& config, const catalog::Catalog& catalog,
                               const locale::Locale& locale, const Clock& clock)
    : config_(config), catalog_(catalog), locale_(locale), clock_(clock) {
    if (!configured()) return;
    try {
        queue_ = std::make_unique<printer::PrintQueue>(
            printer::make_printer(config),
            [this](const std::string& id, const receipt::PrintResult& r) { finished(id, r); });
    } catch (const std::exception& e) {
        printer_error_ = e.what();
    }
}

ReceiptPrinter::~ReceiptPrinter() = default;

std::string ReceiptPrinter::queue_job(Done done, bool prints) {
    std::lock_guard lock(pending_mutex_);
    std::string id = "job-" + std::to_string(++next_job_);
    pending_.emplace(id, Pending{std::move(done), prints});
    return id;
}

// Every job: no printer or a printer that failed to open answers at once; otherwise the
// job is rendered and printed on the print thread. `prints`: a receipt, counted in printed().
void ReceiptPrinter::enqueue(bool prints, Done done,
                             std::function<receipt::Raster(int width_dots)> render) {
    if (!configured()) return done({flow::PrintState::no_printer, {}});
    if (!queue_) return done({flow::PrintState::error, printer_error_});
    queue_->submit({queue_job(std::move(done), prints), std::move(render)});
}

void ReceiptPrinter::print(Load load, Language language, Done done) {
    enqueue(true, std::move(done), [this, load = std::move(load), language](int width_dots) {
        return render(load, language, width_dots);
    });
}

void ReceiptPrinter::print_bundle(LoadAll load, std::string bundle_code, Language language,
                                  Done done) {
    enqueue(true, std::move(done),
            [this, load = std::move(load), code = std::move(bundle_code), language](int width) {
                return render_bundle(load, code, language, width);
            });
}

void ReceiptPrinter::print_layout(std::function<receipt::Layout()> make, Done done) {
    enqueue(false, std::move(done), [this, make = std::move(make)](int width) {
        if (!renderer_) renderer_.emplace();
        return renderer_->render(make(), {width});
    });
}

void ReceiptPrinter::check(Done done) {
    if (!configured()) return done({flow::PrintState::no_printer, {}});
    if (!queue_) return done({flow::PrintState::error, printer_error_});
    queue_->check_status(queue_job(std::move(done), false));
}

// On the print thread. A receipt that cannot be built or rendered is an error result; the
// dossier stays as it is.
receipt::Raster ReceiptPrinter::render(const Load& load, Language language, int width_dots) {
    const auto item = load();
    if (!item) throw Error("print", "the dossier is not in the store");
    const receipt::BuildOptions bo{language, clock_.now(), clock_.utc_offset_minutes()};
    if (!renderer_) renderer_.emplace();
    return receipt::render_receipt(*item, catalog_, config_, locale_, bo, width_dots, *renderer_)
        .raster;
}

receipt::Raster ReceiptPrinter::render_bundle(const LoadAll& load, const std::string& bundle_code,
                                              Language language, int width_dots) {
    const auto items = load();
    if (items.empty()) throw Error("print", "the bundle's dossiers are not in the store");
    const receipt::BuildOptions bo{language, clock_.now(), clock_.utc_offset_minutes()};
    if (!renderer_) renderer_.emplace();
    return receipt::render_bundle_receipt(items, bundle_code, catalog_, config_, locale_, bo,
                                          width_dots, *renderer_)
        .raster;
}

void ReceiptPrinter::finished(const std::string& job_id, const receipt::PrintResult& r) {
    {
        std::lock_guard lock(cached_mutex_);
        cached_ = r;
    }
    Pending job;
    {
        std::lock_guard lock(pending_mutex_);
        if (auto it = pending_.find(job_id); it != pending_.end()) {
            job = std::move(it->second);
            pending_.erase(it);
        }
    }
    if (job.prints && r.ok()) ++printed_;
    if (job.done) job.done(report_of(r));
}

std::optional<PrintReport> ReceiptPrinter::last_report() const {
    std::lock_guard lock(cached_mutex_);
    if (!cached_) return std::nullopt;
    return report_of(*cached_);
}

std::string ReceiptPrinter::cached_state() const {
    if (!configured()) return "absent";
    if (!queue_) return "error";
    std::lock_guard lock(cached_mutex_);
    return cached_ ? std::string(receipt::heartbeat_state(*cached_)) : "unknown";
}

}  // namespace quay::kiosk_app
