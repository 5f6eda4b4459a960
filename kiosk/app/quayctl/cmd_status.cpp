// quayctl status RECEIPT_CODE --id-last4 NNNN: ask the portal, print its answer.
#include "cli.hpp"
#include "quay/delivery/lookup.hpp"

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
    delivery::PortalClient client = [&] {
        try {
            return delivery::PortalClient(delivery::settings_from(ctx.config()));
        } catch (const Error& e) {
            throw Failure{1, e.code(), e.what()};
        }
    }();
    const auto answer = delivery::lookup_status(client, code, *last4);
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
