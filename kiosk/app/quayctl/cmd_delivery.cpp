// Placeholder until this command lands; it fails loudly, never pretends.
#include "cli.hpp"

namespace quay::cli {
int run_submit(Context&, Args&) {
    throw Failure{1, "not_implemented", "submit is not implemented yet"};
}
int run_status(Context&, Args&) {
    throw Failure{1, "not_implemented", "status is not implemented yet"};
}
int run_heartbeat(Context&, Args&) {
    throw Failure{1, "not_implemented", "heartbeat is not implemented yet"};
}
}  // namespace quay::cli
