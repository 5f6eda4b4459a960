#pragma once
// PNG files of receipts (libpng): the same raster the printer gets, as a 1-bit greyscale
// image, and a reader that gives 8-bit grey pixels back (tests decode QR codes from it).

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "quay/receipt/raster.hpp"

namespace quay::receipt {

// Written to FILE.tmp, then renamed over FILE, so a reader never sees half an image.
// Throws quay::Error{"png_failed"}.
void write_png(const Raster& raster, const std::filesystem::path& file);
std::vector<std::uint8_t> encode_png(const Raster& raster);

struct GreyImage {
    int width = 0, height = 0;
    std::vector<std::uint8_t> pixels;  // 0 = black, 255 = white, row-major
};

// Any PNG, converted to 8-bit grey. Throws quay::Error{"png_failed"}.
GreyImage read_png(const std::filesystem::path& file);

// Dark pixels (< 128) become black dots.
Raster to_raster(const GreyImage& image);

}  // namespace quay::receipt
