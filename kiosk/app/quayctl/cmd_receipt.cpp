// quayctl receipt DOSSIER_ID --out FILE.png [--lang vi|en] [--width 576|384]
// quayctl print DOSSIER_ID [--lang vi|en]
// The first writes exactly the raster the printer would get; the second sends it to the
// configured printer (staff reprint). Neither changes anything about the dossier.
#include <optional>

#include "cli.hpp"
#include "quay/catalog/loader.hpp"
#include "quay/clock.hpp"
#include "quay/locale/locale.hpp"
#include "quay/printer/escpos_printer.hpp"
#include "quay/receipt/pipeline.hpp"
#include "quay/receipt/png.hpp"
#include "quay/store/store.hpp"
#include "store_cli.hpp"

namespace quay::cli {
namespace {

struct Rendered {
    std::string dossier_id, receipt_code, status_url, payment_qr;
    std::optional<std::int64_t> queue_number;
    std::string queue_field;
    Language language;
    receipt::Raster raster;
};

Language language_option(Args& args, const config::Config& config) {
    const auto lang = args.take_option("--lang");
    if (!lang) return config.kiosk.language;
    const auto parsed = parse_language(*lang);
    if (!parsed) throw Failure{bad_input, "bad_arguments", "--lang is vi or en"};
    return *parsed;
}

Rendered render(Context& ctx, const std::string& dossier_id, Language lang, int width) {
    const auto& config = ctx.config();
    const SystemClock clock;
    std::optional<store::Item> item;
    try {
        const auto st = store::Store::open(config, clock);
        item = st.get(dossier_id);
    } catch (const store::StorageError& e) {
        throw Failure{storage_failure, e.code(), e.what()};
    }
    if (!item) {
        throw Failure{bad_input,
                      "unknown_dossier",
                      "no dossier with id " + dossier_id,
                      {{"dossier_id", dossier_id}}};
    }
    // The procedure's names and office come from the catalogue in use; a broken one must
    // not stop a reprint, so the bundled one stands in.
    const catalog::Catalog catalog = [&] {
        try {
            return catalog::load_active(config).catalog;
        } catch (const Error&) {
            return catalog::bundled();
        }
    }();
    const receipt::BuildOptions options{lang, clock.now(), clock.utc_offset_minutes()};
    receipt::Renderer renderer;
    auto r = receipt::render_receipt(*item, catalog, config, locale::Locale::embedded(), options,
                                     width, renderer);
    return {item->dossier_id,
            item->receipt_code,
            r.data.status_url,
            r.data.payment_qr,
            r.data.queue_number,
            r.data.queue_field,
            lang,
            std::move(r.raster)};
}

}  // namespace

int run_receipt(Context& ctx, Args& args) {
    const auto out = args.take_option("--out");
    const auto width_arg = args.take_option("--width");
    const auto lang = language_option(args, ctx.config());
    const auto id = args.require_positional("DOSSIER_ID");
    args.expect_empty();
    if (!out) throw Failure{bad_input, "bad_arguments", "receipt needs --out FILE.png"};
    int width = static_cast<int>(ctx.config().printer.width_dots);
    if (width_arg) {
        if (*width_arg != "576" && *width_arg != "384") {
            throw Failure{bad_input, "bad_arguments", "--width is 576 or 384"};
        }
        width = std::stoi(*width_arg);
    }
    const auto r = render(ctx, id, lang, width);
    receipt::write_png(r.raster, *out);
    nlohmann::json doc = {{"dossier_id", r.dossier_id},
                          {"receipt_code", r.receipt_code},
                          {"out", *out},
                          {"width", r.raster.width()},
                          {"height", r.raster.height()},
                          {"language", to_string(r.language)},
                          {"qr", r.status_url}};
    if (!r.payment_qr.empty()) doc["payment_qr"] = r.payment_qr;  // the fee's VietQR
    if (r.queue_number) {  // config queue.numbers (docs/receipts.md "Queue numbers")
        doc["queue_number"] = *r.queue_number;
        doc["queue_field"] = r.queue_field;
    }
    print_json(ctx.out, doc);
    return ok;
}

int run_print(Context& ctx, Args& args) {
    const auto lang = language_option(args, ctx.config());
    const auto id = args.require_positional("DOSSIER_ID");
    args.expect_empty();
    const auto printer = printer::make_printer(ctx.config());
    if (!printer) throw Failure{bad_input, "no_printer", "printer.device is not set in the config"};
    const auto r = render(ctx, id, lang, printer->width_dots());
    const auto result = printer->print(r.raster);
    storage_guard([&] {
        const SystemClock clock;
        store::Store::open(ctx.config(), clock)
            .audit(store::audit_event::reprint,
                   {{"by", "quayctl"},
                    {"dossier_id", r.dossier_id},
                    {"result", std::string(to_string(result.outcome))}});
    });
    const nlohmann::json doc = {{"dossier_id", r.dossier_id},
                                {"receipt_code", r.receipt_code},
                                {"result", to_string(result.outcome)},
                                {"paper_near_end", result.paper_near_end},
                                {"message", result.message}};
    if (!result.ok()) {
        throw Failure{printer_failure, "printer_" + std::string(to_string(result.outcome)),
                      result.message, doc};
    }
    print_json(ctx.out, doc);
    return ok;
}

}  // namespace quay::cli
