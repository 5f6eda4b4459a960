// quayctl heartbeat: send one heartbeat, print what was sent.
#include "quay/catalog/loader.hpp"
#include "quay/delivery/heartbeat.hpp"
#include "quay/printer/escpos_printer.hpp"
#include "store_cli.hpp"

namespace quay::cli {

namespace {

// The printer's state in the heartbeat's words; "absent" when none is configured.
std::string printer_state(const config::Config& config) {
    try {
        auto printer = printer::make_printer(config);
        if (!printer) return "absent";
        return std::string(receipt::heartbeat_state(printer->status()));
    } catch (const Error&) {
        return "error";
    }
}

}  // namespace

int run_heartbeat(Context& ctx, Args& args) {
    args.expect_empty();
    const auto& config = ctx.config();
    delivery::HeartbeatInfo info;
    try {
        info.catalog_version = catalog::load_active(config).catalog.catalog_version;
    } catch (const Error&) {
        info.catalog_version = "";  // reported as such: the fleet view shows the broken one
    }
    storage_guard([&] {
        SystemClock clock;
        delivery::read_store(info, store::Store::open(config, clock));
    });
    info.printer = printer_state(config);
    info.uptime_s = delivery::system_uptime_s();
    const auto body = delivery::heartbeat_body(info);

    delivery::PortalClient client = [&] {
        try {
            return delivery::PortalClient(delivery::settings_from(config));
        } catch (const Error& e) {
            throw Failure{1, e.code(), e.what()};
        }
    }();
    const auto result = delivery::send_heartbeat(client, body);
    storage_guard([&] { delivery::note_heartbeat_clock(config, result); });
    print_json(ctx.out, body);
    if (!result.ok) throw Failure{1, result.status ? "portal_error" : "offline", result.message};
    return ok;
}

}  // namespace quay::cli
