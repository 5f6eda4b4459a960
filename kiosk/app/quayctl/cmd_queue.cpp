// quayctl queue | show ID | resend ID | pause | resume (quayctl.md).
#include "quay/clock.hpp"
#include "quay/delivery/heartbeat.hpp"
#include "store_cli.hpp"

namespace quay::cli {

namespace {

store::Store open_store(Context& ctx, const SystemClock& clock) {
    return store::Store::open(ctx.config(), clock);
}

// The damaged copies beside quay.db and what their salvage found (docs/storage.md).
nlohmann::ordered_json damaged_json(const store::Store& store) {
    auto out = nlohmann::ordered_json::array();
    for (const auto& c : store.damaged_copies())
        out.push_back({{"file", c.file.filename().string()},
                       {"salvaged", c.salvaged},
                       {"undelivered", c.undelivered},
                       {"unreadable", c.unreadable},
                       {"readable", c.readable}});
    return out;
}

}  // namespace

int run_queue(Context& ctx, Args& args) {
    args.expect_empty();
    return storage_guard([&] {
        SystemClock clock;
        auto store = open_store(ctx, clock);
        const auto pause = store.pause_state();
        nlohmann::ordered_json doc = {
            {"paused", pause.has_value()},
            {"pause_reason", pause ? nlohmann::ordered_json(pause->reason) : nullptr},
            // Additive: can the kiosk trust its wall clock (docs/storage.md "Wrong clocks").
            {"clock", delivery::clock_json(store.clock_status())},
            {"items", nlohmann::ordered_json::array()}};
        store.for_each(
            [&](const store::Item& item) { doc["items"].push_back(item_json(item, false)); });
        doc["damaged"] = damaged_json(store);
        print_json(ctx.out, doc);
        return ok;
    });
}

int run_show(Context& ctx, Args& args) {
    const std::string id = args.require_positional("DOSSIER_ID");
    args.expect_empty();
    return storage_guard([&] {
        SystemClock clock;
        auto store = open_store(ctx, clock);
        const auto item = store.get(id);
        if (!item) throw Failure{bad_input, "not_found", "no dossier " + id};
        print_json(ctx.out, item_json(*item, true));
        return ok;
    });
}

int run_resend(Context& ctx, Args& args) {
    const std::string id = args.require_positional("DOSSIER_ID");
    args.expect_empty();
    return storage_guard([&] {
        SystemClock clock;
        auto store = open_store(ctx, clock);
        const auto item = store.get(id);
        if (!item) throw Failure{bad_input, "not_found", "no dossier " + id};
        if (!store.resend(id))
            throw Failure{bad_input, "not_dead",
                          "dossier " + id + " is " + std::string(store::to_string(item->state)) +
                              "; only dead dossiers can be resent"};
        store.audit(store::audit_event::resend, {{"by", "quayctl"}, {"dossier_id", id}});
        print_json(ctx.out, item_json(*store.get(id), false));
        return ok;
    });
}

int run_pause(Context& ctx, Args& args) {
    const auto message = args.take_option("--message");
    args.expect_empty();
    return storage_guard([&] {
        SystemClock clock;
        auto store = open_store(ctx, clock);
        store.pause("staff", message.value_or(""));
        store.audit(store::audit_event::pause, {{"by", "quayctl"}});
        print_json(ctx.out, {{"paused", true}, {"pause_reason", store.pause_state()->reason}});
        return ok;
    });
}

int run_resume(Context& ctx, Args& args) {
    args.expect_empty();
    return storage_guard([&] {
        SystemClock clock;
        auto store = open_store(ctx, clock);
        store.resume();
        store.audit(store::audit_event::resume, {{"by", "quayctl"}});
        print_json(ctx.out, {{"paused", false}, {"pause_reason", nullptr}});
        return ok;
    });
}

}  // namespace quay::cli
