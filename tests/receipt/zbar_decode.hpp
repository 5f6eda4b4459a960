#pragma once
// Reads QR codes out of an image with zbar (Debian's libzbar), as a phone would.

#include <string>
#include <vector>

#include "quay/receipt/png.hpp"
#include "quay/receipt/raster.hpp"

namespace quay::test {

// Every QR code zbar finds in the image.
std::vector<std::string> decode_qr(const receipt::GreyImage& image);
std::vector<std::string> decode_qr(const receipt::Raster& raster);

}  // namespace quay::test
