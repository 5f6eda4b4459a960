// Catalogue loader: any bytes give a Catalog or a CatalogError, never a crash; what loads
// is NFC throughout its names.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "quay/catalog/loader.hpp"
#include "quay/text/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const auto c = quay::catalog::parse(
            std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
        for (const auto& p : c.procedures) {
            if (!quay::text::is_nfc(p.name.vi)) std::abort();
        }
    } catch (const quay::Error&) {
    }
    return 0;
}
