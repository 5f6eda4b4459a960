// Placeholder until this command lands; it fails loudly, never pretends.
#include "cli.hpp"

namespace quay::cli {
int run_staff_pin(Context&, Args&) {
    throw Failure{1, "not_implemented", "staff_pin is not implemented yet"};
}
int run_provision(Context&, Args&) {
    throw Failure{1, "not_implemented", "provision is not implemented yet"};
}
}  // namespace quay::cli
