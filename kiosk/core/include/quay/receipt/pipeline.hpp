#pragma once
// The receipt of a stored dossier, end to end, written once: the receipt data from the
// stored body (or, once the body is purged, from the item's summary), laid out in the
// chosen language and rendered for a printer's width. The kiosk's print path and
// `quayctl receipt` / `quayctl print` both use it, so the PNG is the printed raster.

#include "quay/catalog/catalog.hpp"
#include "quay/config/config.hpp"
#include "quay/locale/locale.hpp"
#include "quay/receipt/builder.hpp"
#include "quay/receipt/raster.hpp"
#include "quay/receipt/receipt_data.hpp"
#include "quay/receipt/renderer.hpp"
#include "quay/store/store.hpp"

namespace quay::receipt {

ReceiptData receipt_of(const store::Item& item, const catalog::Catalog& catalog,
                       const config::Config& config, const BuildOptions& options);

struct RenderedReceipt {
    ReceiptData data;
    Raster raster;
};

// Builds, lays out and renders; throws quay::Error (or std::exception) when the receipt
// cannot be made. The renderer is passed in so a long-lived caller keeps its glyph cache.
RenderedReceipt render_receipt(const store::Item& item, const catalog::Catalog& catalog,
                               const config::Config& config, const locale::Locale& locale,
                               const BuildOptions& options, int width_dots, Renderer& renderer);

// The same for the dossiers of a liên thông bundle on one receipt (make_bundle_layout).
// `bundle_code` names the bundle in the catalogue (its name heads the receipt).
RenderedReceipt render_bundle_receipt(const std::vector<store::Item>& items,
                                      std::string_view bundle_code, const catalog::Catalog& catalog,
                                      const config::Config& config, const locale::Locale& locale,
                                      const BuildOptions& options, int width_dots,
                                      Renderer& renderer);

}  // namespace quay::receipt
