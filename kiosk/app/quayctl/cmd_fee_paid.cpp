// quayctl fee-paid ID: staff mark a dossier's fee paid (docs/delivery.md "Fee paid").
#include "quay/clock.hpp"
#include "store_cli.hpp"

namespace quay::cli {

int run_fee_paid(Context& ctx, Args& args) {
    const std::string id = args.require_positional("DOSSIER_ID");
    args.expect_empty();
    return storage_guard([&] {
        SystemClock clock;
        auto store = store::Store::open(ctx.config(), clock);
        const store::FeePaid r = store.mark_fee_paid(id, "quayctl");
        using R = store::FeePaid::Result;
        const std::string code(store::to_string(r.result));
        switch (r.result) {
            case R::not_found:
                throw Failure{bad_input, "not_found", "no dossier " + id};
            case R::no_fee_due:
                throw Failure{bad_input, code, "dossier " + r.dossier_id + " has no fee due"};
            case R::purged:
                throw Failure{bad_input, code,
                              "dossier " + r.dossier_id +
                                  " was purged by the retention period: its fee is unknown"};
            case R::already_paid:
                throw Failure{bad_input,
                              code,
                              "the fee of dossier " + r.dossier_id + " was marked paid before",
                              {{"dossier_id", r.dossier_id},
                               {"fee_paid", fee_paid_json(r.paid_at, r.in_body)}}};
            case R::marked:
                break;
        }
        print_json(ctx.out,
                   nlohmann::ordered_json{{"dossier_id", r.dossier_id},
                                          {"receipt_code", r.receipt_code},
                                          {"fee_due", r.fee_due},
                                          {"fee_paid", fee_paid_json(r.paid_at, r.in_body)}});
        return ok;
    });
}

}  // namespace quay::cli
