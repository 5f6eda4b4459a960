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

}  // namespace quay::receipt
