#include "quay/printer/escpos_printer.hpp"

#include "quay/printer/escpos.hpp"

namespace quay::printer {
namespace {

using receipt::PrintOutcome;
using receipt::PrintResult;

struct Probe {
    bool answered = false;
    escpos::Status status;
};

// DLE EOT 1, 2 and 4. A printer that does not answer is not assumed to be broken: many
// network printers ignore status queries, so the job is still tried.
Probe probe(Transport& t) {
    Probe p;
    if (!t.can_read()) return p;
    t.drain();
    for (const auto q :
         {escpos::Query::printer, escpos::Query::offline_cause, escpos::Query::paper}) {
        t.write(escpos::query(q));
        const auto b = t.read_byte();
        if (!b) return p;
        if (!escpos::is_status_byte(*b)) {
            static constexpr char hex[] = "0123456789abcdef";
            throw TransportError("printer_io", std::string("the printer answered a status query "
                                                           "with 0x") +
                                                   hex[*b >> 4] + hex[*b & 15] +
                                                   ", not a status byte");
        }
        escpos::apply(p.status, q, *b);
    }
    p.answered = true;
    return p;
}

// The fault that stops printing, most specific first; printed when there is none.
PrintResult judge(const Probe& p) {
    PrintResult r;
    r.outcome = PrintOutcome::printed;
    if (!p.answered) return r;
    const auto& s = p.status;
    r.paper_near_end = s.paper_near_end;
    if (s.paper_end) {
        r.outcome = PrintOutcome::paper_out;
        r.message = "the printer is out of paper";
    } else if (s.cover_open) {
        r.outcome = PrintOutcome::cover_open;
        r.message = "the printer's cover is open";
    } else if (s.error) {
        r.outcome = PrintOutcome::error;
        r.message = "the printer reports an error (cutter or mechanism)";
    } else if (s.offline) {
        r.outcome = PrintOutcome::offline;
        r.message = "the printer is offline";
    }
    return r;
}

PrintResult from_error(const TransportError& e) {
    PrintResult r;
    r.outcome = e.code() == "printer_io" ? PrintOutcome::error : PrintOutcome::offline;
    r.message = e.what();
    return r;
}

}  // namespace

EscPosPrinter::EscPosPrinter(Settings settings) : settings_(std::move(settings)) {}

PrintResult EscPosPrinter::status() {
    try {
        const auto t = open_transport(settings_.device, settings_.timeout);
        const auto p = probe(*t);
        auto r = judge(p);
        if (!t->can_read())
            r.message = "a file cannot report status";
        else if (!p.answered) {
            r.outcome = PrintOutcome::offline;
            r.message = "the printer does not answer status queries";
        }
        return r;
    } catch (const TransportError& e) {
        return from_error(e);
    }
}

PrintResult EscPosPrinter::print(const receipt::Raster& raster) {
    if (raster.width() != settings_.width_dots) {
        return {PrintOutcome::error, false,
                "the receipt is " + std::to_string(raster.width()) + " dots wide, the printer " +
                    std::to_string(settings_.width_dots)};
    }
    try {
        const auto t = open_transport(settings_.device, settings_.timeout);
        const auto before_probe = probe(*t);
        const auto before = judge(before_probe);
        if (!before.ok()) return before;
        t->write(escpos::encode_job(raster));
        // Asked after the job: a roll that ran out while printing shows up here.
        const auto after_probe = probe(*t);
        auto after = judge(after_probe);
        if (after.outcome == PrintOutcome::paper_out) {
            after.message = "the paper ran out while printing: reprint after changing the roll";
        }
        if (after.ok() && t->can_read() && !after_probe.answered) {
            if (before_probe.answered) {
                // It answered before the job and not after: it stopped (jammed, powered off).
                return {PrintOutcome::offline, false,
                        "the printer stopped answering while printing"};
            }
            after.message = "sent; the printer does not report status";
        }
        return after;
    } catch (const TransportError& e) {
        return from_error(e);
    }
}

std::unique_ptr<receipt::Printer> make_printer(const config::Config& config) {
    if (config.printer.device.empty()) return nullptr;
    Settings s;
    s.device = parse_device(config.printer.device);
    s.width_dots = static_cast<int>(config.printer.width_dots);
    s.timeout = std::chrono::milliseconds(config.printer.timeout_ms);
    return std::make_unique<EscPosPrinter>(std::move(s));
}

}  // namespace quay::printer
