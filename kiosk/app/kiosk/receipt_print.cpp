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

ReceiptPrinter::ReceiptPrinter(const config::Config& config, const catalog::Catalog& catalog,
                               const locale::Locale& locale, const Clock& clock)
    : config_(config), catalog_(catalog), locale_(locale), clock_(clock) {
    try {
        printer_ = printer::make_printer(config);
    } catch (const std::exception& e) {
        printer_error_ = e.what();
    }
}

ReceiptPrinter::~ReceiptPrinter() = default;

PrintReport ReceiptPrinter::print(const store::Item& item, Language language) {
    if (!configured()) return {flow::PrintState::no_printer, {}};
    std::lock_guard lock(mutex_);
    if (!printer_) return {flow::PrintState::error, printer_error_};
    try {
        const receipt::BuildOptions bo{language, clock_.now(), clock_.utc_offset_minutes()};
        if (!renderer_) renderer_.emplace();
        const auto rendered = receipt::render_receipt(item, catalog_, config_, locale_, bo,
                                                      printer_->width_dots(), *renderer_);
        const receipt::PrintResult r = printer_->print(rendered.raster);
        remember(r);
        if (r.ok()) ++printed_;
        return {to_print_state(r), r.message};
    } catch (const std::exception& e) {
        // A receipt that cannot be built or rendered: the dossier stays as it is.
        return {flow::PrintState::error, e.what()};
    }
}

PrintReport ReceiptPrinter::status() {
    if (!configured()) return {flow::PrintState::no_printer, {}};
    std::lock_guard lock(mutex_);
    if (!printer_) return {flow::PrintState::error, printer_error_};
    const receipt::PrintResult r = printer_->status();
    remember(r);
    return {to_print_state(r),
            r.message.empty() ? std::string(receipt::to_string(r.outcome)) : r.message};
}

void ReceiptPrinter::remember(const receipt::PrintResult& r) {
    std::lock_guard lock(cached_mutex_);
    cached_ = r;
}

std::string ReceiptPrinter::cached_state() const {
    if (!configured()) return "absent";
    if (!printer_) return "error";
    std::lock_guard lock(cached_mutex_);
    return cached_ ? std::string(receipt::heartbeat_state(*cached_)) : "unknown";
}

}  // namespace quay::kiosk_app
