#include "zbar_decode.hpp"

#include <zbar.h>

#include <memory>

namespace quay::test {

// zbar.h declares its C API inside namespace zbar when compiled as C++.
using namespace ::zbar;

std::vector<std::string> decode_qr(const receipt::GreyImage& image) {
    const std::unique_ptr<zbar_image_scanner_t, decltype(&zbar_image_scanner_destroy)> scanner(
        zbar_image_scanner_create(), &zbar_image_scanner_destroy);
    zbar_image_scanner_set_config(scanner.get(), ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(scanner.get(), ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    const std::unique_ptr<zbar_image_t, decltype(&zbar_image_destroy)> img(zbar_image_create(),
                                                                           &zbar_image_destroy);
    zbar_image_set_format(img.get(), zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(img.get(), static_cast<unsigned>(image.width),
                        static_cast<unsigned>(image.height));
    // zbar only reads the buffer; no cleanup handler because the vector owns it.
    zbar_image_set_data(img.get(), image.pixels.data(), image.pixels.size(), nullptr);
    std::vector<std::string> found;
    if (zbar_scan_image(scanner.get(), img.get()) <= 0) return found;
    for (auto* s = zbar_image_first_symbol(img.get()); s; s = zbar_symbol_next(s)) {
        if (zbar_symbol_get_type(s) == ZBAR_QRCODE) {
            found.emplace_back(zbar_symbol_get_data(s), zbar_symbol_get_data_length(s));
        }
    }
    return found;
}

std::vector<std::string> decode_qr(const receipt::Raster& raster) {
    receipt::GreyImage image;
    image.width = raster.width();
    image.height = raster.height();
    image.pixels.resize(static_cast<std::size_t>(image.width) * image.height);
    for (int y = 0; y < image.height; ++y) {
        for (int x = 0; x < image.width; ++x)
            image.pixels[static_cast<std::size_t>(y) * image.width + x] =
                raster.get(x, y) ? 0 : 255;
    }
    return decode_qr(image);
}

}  // namespace quay::test
