// Placeholder until this command lands; it fails loudly, never pretends.
#include "cli.hpp"

namespace quay::cli {
int run_submit(Context&, Args&) {
    throw Failure{1, "not_implemented", "submit is not implemented yet"};
}
int run_deliver(Context&, Args&) {
    throw Failure{1, "not_implemented", "deliver is not implemented yet"};
}
int run_queue(Context&, Args&) {
    throw Failure{1, "not_implemented", "queue is not implemented yet"};
}
int run_show(Context&, Args&) {
    throw Failure{1, "not_implemented", "show is not implemented yet"};
}
int run_resend(Context&, Args&) {
    throw Failure{1, "not_implemented", "resend is not implemented yet"};
}
int run_pause(Context&, Args&) {
    throw Failure{1, "not_implemented", "pause is not implemented yet"};
}
int run_resume(Context&, Args&) {
    throw Failure{1, "not_implemented", "resume is not implemented yet"};
}
int run_status(Context&, Args&) {
    throw Failure{1, "not_implemented", "status is not implemented yet"};
}
int run_heartbeat(Context&, Args&) {
    throw Failure{1, "not_implemented", "heartbeat is not implemented yet"};
}
}  // namespace quay::cli
