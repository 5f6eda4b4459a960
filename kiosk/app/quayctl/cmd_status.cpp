// quayctl status RECEIPT_CODE --id-last4 NNNN: a dossier still on this kiosk is answered from
// the store with no network ("source": "kiosk"); anything else by the portal ("source":
// "portal"). delivery::answer_status owns the rule.
#include <optional>

#include "quay/clock.hpp"
#include "quay/delivery/lookup.hpp"
#include "store_cli.hpp"

namespace quay::cli {

int run_status(Context& ctx, Args& args) {
    const auto last4 = args.take_option("--id-last4");
    const std::string code = args.require_positional("RECEIPT_CODE");
    args.expect_empty();
    if (!delivery::is_receipt_code(code))
        throw Failure{bad_input, "bad_arguments",
                      "'" + code + "' is not a receipt code (KIOSKID-YYMMDD-NNNN)"};
    if (!last4 || !delivery::is_id_last4(*last4))
        throw Failure{bad_input, "bad_arguments",
                      "--id-last4 needs the last four digits of the applicant's ID number"};
    // A portal config that cannot be used matters only if the portal must answer.
    std::optional<delivery::PortalClient> client;
    std::optional<Failure> no_client;
    try {
        client.emplace(delivery::settings_from(ctx.config()));
    } catch (const Error& e) {
        no_client = Failure{1, e.code(), e.what()};
    }
    const auto answer = storage_guard([&] {
        SystemClock clock;
        const auto store = store::Store::open(ctx.config(), clock);
        return delivery::answer_status(store, client ? &*client : nullptr, code, *last4);
    });
    if (answer.kind == delivery::StatusResult::Kind::offline && no_client) throw *no_client;
    switch (answer.kind) {
        case delivery::StatusResult::Kind::found:
            print_json(ctx.out, answer.status.raw);
            return ok;
        case delivery::StatusResult::Kind::not_found:
            throw Failure{1, "not_found",
                          "the portal knows no dossier with this receipt code and ID digits (or it "
                          "has not been delivered yet)"};
        case delivery::StatusResult::Kind::offline:
            throw Failure{1, "offline", answer.message};
        case delivery::StatusResult::Kind::error:
            break;
    }
    throw Failure{1, "portal_error", answer.message};
}

}  // namespace quay::cli
