// quayctl submit DRAFT.json (quayctl.md): validate, store durably (fsynced), print the ids.
// A liên thông bundle {"bundle", "drafts"} is stored whole or not at all (docs/bundles.md).
#include <fstream>
#include <sstream>

#include "quay/catalog/loader.hpp"
#include "quay/clock.hpp"
#include "store_cli.hpp"

namespace quay::cli {

namespace {

nlohmann::json read_draft(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Failure{bad_input, "bad_arguments", "cannot read " + path};
    std::ostringstream bytes;
    bytes << in.rdbuf();
    try {
        return nlohmann::json::parse(bytes.str());
    } catch (const nlohmann::json::exception& e) {
        throw Failure{bad_input,
                      "validation_failed",
                      "the draft is not valid JSON",
                      {{"details", {{{"field", ""}, {"message", e.what()}}}}}};
    }
}

}  // namespace

int run_submit(Context& ctx, Args& args) {
    const std::string path = args.require_positional("DRAFT.json");
    args.expect_empty();
    const config::Config& config = ctx.config();
    const nlohmann::json draft = read_draft(path);
    const auto active = catalog::load_active(config);
    return storage_guard([&] {
        SystemClock clock;
        auto store = store::Store::open(config, clock);
        try {
            if (draft.is_object() && draft.contains("bundle")) {
                const auto b = store.submit_bundle(draft, active.catalog, config.kiosk.id);
                nlohmann::json dossiers = nlohmann::json::array();
                for (const auto& s : b.dossiers)
                    dossiers.push_back({{"dossier_id", s.dossier_id},
                                        {"receipt_code", s.receipt_code},
                                        {"procedure_code", s.procedure_code}});
                print_json(ctx.out, {{"bundle_id", b.bundle_id}, {"dossiers", dossiers}});
                return ok;
            }
            const auto s = store.submit(draft, active.catalog, config.kiosk.id);
            nlohmann::json doc = {{"dossier_id", s.dossier_id},
                                  {"receipt_code", s.receipt_code},
                                  {"state", "pending"}};
            if (s.queue_number) doc["queue_number"] = *s.queue_number;  // additive
            print_json(ctx.out, doc);
        } catch (const store::InvalidDraft& e) {
            nlohmann::json details = nlohmann::json::array();
            for (const auto& p : e.details())
                details.push_back({{"field", p.field}, {"message", p.message}});
            throw Failure{bad_input, "validation_failed", e.what(), {{"details", details}}};
        }
        return ok;
    });
}

}  // namespace quay::cli
