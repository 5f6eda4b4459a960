// quayctl metrics: print the kiosk's metrics exactly as the app writes its textfile
// (Prometheus text format, not JSON: the one exception, quayctl.md), from the store and
// the device states the app last recorded. A store it cannot read is in the text
// (quay_store_readable 0) and, after it, an error as usual (exit 5).
#include "cli.hpp"
#include "quay/metrics/kiosk_metrics.hpp"

namespace quay::cli {

int run_metrics(Context& ctx, Args& args) {
    args.expect_empty();
    const auto& config = ctx.config();
    const SystemClock clock;
    const auto snapshot =
        metrics::gather(config, clock, metrics::read_device_states(config.kiosk.data_dir));
    ctx.out << metrics::render(snapshot) << std::flush;
    if (!snapshot.store_readable)
        throw Failure{storage_failure, snapshot.store_error_code, snapshot.store_error};
    return ok;
}

}  // namespace quay::cli
