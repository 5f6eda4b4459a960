// quayctl audit [--latest N] [--verify]: the kiosk's audit log (docs/staff-guide.md,
// docs/storage.md "Audit log"). --verify walks the hash chain: exit 0 when whole, exit 1
// naming the first broken row.
#include "quay/clock.hpp"
#include "store_cli.hpp"

namespace quay::cli {

namespace {

nlohmann::ordered_json entry_json(const store::AuditEntry& e) {
    return {{"seq", e.seq},     {"time", e.at},       {"kiosk_id", e.kiosk_id},
            {"event", e.event}, {"detail", e.detail}, {"hash", e.hash}};
}

}  // namespace

int run_audit(Context& ctx, Args& args) {
    const bool verify = args.take_flag("--verify");
    std::optional<std::int64_t> latest;
    if (const auto n = args.take_option("--latest")) {
        latest = integer_option("--latest", *n);
        if (*latest < 1)
            throw Failure{bad_input, "bad_arguments", "--latest wants a whole number from 1"};
    }
    args.expect_empty();
    return storage_guard([&] {
        SystemClock clock;
        const auto store = store::Store::open(ctx.config(), clock);
        if (verify) {
            const auto v = store.verify_audit();
            if (v.broken_row) {
                throw Failure{
                    1, "audit_chain_broken", v.problem, {{"row", *v.broken_row}, {"rows", v.rows}}};
            }
            print_json(ctx.out, {{"ok", true}, {"rows", v.rows}});
            return ok;
        }
        nlohmann::ordered_json entries = nlohmann::ordered_json::array();
        for (const auto& e : store.audit_entries(latest))
            entries.push_back(entry_json(e));
        print_json(ctx.out, nlohmann::ordered_json{{"entries", entries}});
        return ok;
    });
}

}  // namespace quay::cli
