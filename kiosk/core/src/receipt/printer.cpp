#include "quay/receipt/printer.hpp"

namespace quay::receipt {

std::string_view to_string(PrintOutcome o) {
    switch (o) {
        case PrintOutcome::printed:
            return "printed";
        case PrintOutcome::paper_out:
            return "paper_out";
        case PrintOutcome::cover_open:
            return "cover_open";
        case PrintOutcome::offline:
            return "offline";
        case PrintOutcome::error:
            return "error";
    }
    return "error";
}

std::string_view heartbeat_state(const PrintResult& r) {
    if (r.ok()) return r.paper_near_end ? "paper_near_end" : "ok";
    return to_string(r.outcome);
}

}  // namespace quay::receipt
