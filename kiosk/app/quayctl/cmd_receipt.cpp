// Placeholder until this command lands; it fails loudly, never pretends.
#include "cli.hpp"

namespace quay::cli {
int run_receipt(Context&, Args&) {
    throw Failure{1, "not_implemented", "receipt is not implemented yet"};
}
}  // namespace quay::cli
