#include "quay/receipt/pipeline.hpp"

#include <string>

#include "quay/error.hpp"
#include "quay/receipt/layout.hpp"

namespace quay::receipt {

namespace {

ReceiptData from_store(const store::Item& item, const catalog::Catalog& catalog,
                       const config::Config& config, const BuildOptions& options) {
    const std::string state(store::to_string(item.state));
    if (item.body) {
        return build_receipt(StoredDossier{*item.body, state, item.portal_ref}, catalog, config,
                             options);
    }
    return build_receipt(DossierSummary{item.receipt_code, item.procedure_code, item.created_at,
                                        config.kiosk.id, state, item.portal_ref},
                         catalog, config, options);
}

}  // namespace

ReceiptData receipt_of(const store::Item& item, const catalog::Catalog& catalog,
                       const config::Config& config, const BuildOptions& options) {
    ReceiptData r = from_store(item, catalog, config, options);
    // Kept beside the body (not in it), so it survives the retention purge too.
    if (item.queue_number) {
        r.queue_number = item.queue_number;
        const auto* p = catalog.find(item.procedure_code);
        r.queue_field = p && !p->field.empty() ? p->field.in(options.language) : item.queue_field;
    }
    return r;
}

RenderedReceipt render_receipt(const store::Item& item, const catalog::Catalog& catalog,
                               const config::Config& config, const locale::Locale& locale,
                               const BuildOptions& options, int width_dots, Renderer& renderer) {
    ReceiptData data = receipt_of(item, catalog, config, options);
    RenderOptions ro;
    ro.width_dots = width_dots;
    Raster raster = renderer.render(make_layout(data, locale.strings(options.language)), ro);
    return {std::move(data), std::move(raster)};
}

RenderedReceipt render_bundle_receipt(const std::vector<store::Item>& items,
                                      std::string_view bundle_code, const catalog::Catalog& catalog,
                                      const config::Config& config, const locale::Locale& locale,
                                      const BuildOptions& options, int width_dots,
                                      Renderer& renderer) {
    if (items.empty()) throw Error("bad_dossier", "a bundle's receipt needs its dossiers");
    std::vector<ReceiptData> dossiers;
    for (const auto& item : items)
        dossiers.push_back(receipt_of(item, catalog, config, options));
    const auto* bundle = catalog.find_bundle(bundle_code);
    const std::string name = bundle ? bundle->name.in(options.language) : std::string(bundle_code);
    RenderOptions ro;
    ro.width_dots = width_dots;
    Raster raster =
        renderer.render(make_bundle_layout(name, dossiers, locale.strings(options.language)), ro);
    return {std::move(dossiers.front()), std::move(raster)};
}

}  // namespace quay::receipt
