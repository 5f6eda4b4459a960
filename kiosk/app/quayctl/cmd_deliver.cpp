// quayctl deliver [--until-idle] [--timeout SECONDS] (quayctl.md): the sender in the
// foreground; exit 0 idle, 3 timeout with items left, 4 paused.
#include <iostream>

#include "quay/clock.hpp"
#include "quay/delivery/sender.hpp"
#include "store_cli.hpp"

namespace quay::cli {

int run_deliver(Context& ctx, Args& args) {
    const bool until_idle = args.take_flag("--until-idle");
    std::optional<std::chrono::milliseconds> timeout;
    if (const auto t = args.take_option("--timeout")) {
        try {
            std::size_t used = 0;
            const double s = std::stod(*t, &used);
            if (used != t->size() || !(s >= 0) || s > 1e9) throw std::invalid_argument(*t);
            timeout = std::chrono::milliseconds(static_cast<std::int64_t>(s * 1000));
        } catch (const std::exception&) {
            throw Failure{bad_input, "bad_arguments", "--timeout needs seconds, got " + *t};
        }
    }
    args.expect_empty();
    const config::Config& config = ctx.config();
    return storage_guard([&] {
        SystemClock clock;
        delivery::SenderOptions options;
        options.log = [&](const std::string& line) { ctx.err << line << '\n'; };
        delivery::Sender sender(config, clock, options);
        delivery::RunEnd end;
        try {
            end = sender.run(until_idle, timeout);
        } catch (const store::StorageError&) {
            throw;
        } catch (const config::ConfigError&) {
            throw;
        } catch (const Error& e) {
            throw Failure{bad_input, e.code(), e.what()};
        }
        auto store = store::Store::open(config, clock);
        const auto sum = store.summary();
        const char* names[] = {"idle", "paused", "timeout", "stopped"};
        print_json(ctx.out, {{"result", names[static_cast<int>(end)]},
                             {"pending", sum.pending},
                             {"in_flight", sum.in_flight},
                             {"dead", sum.dead},
                             {"delivered", sum.delivered}});
        if (end == delivery::RunEnd::paused) {
            const auto p = store.pause_state();
            throw Failure{paused, "paused",
                          "delivery is paused (" + (p ? p->reason : std::string("staff")) +
                              (p && !p->message.empty() ? ": " + p->message : "") + ")"};
        }
        if (end == delivery::RunEnd::timeout)
            throw Failure{timeout_pending, "timeout", "items are still pending"};
        return ok;
    });
}

}  // namespace quay::cli
