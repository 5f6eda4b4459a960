#pragma once
// PNG screenshots (stb_image_write from libstb) and the comparison the golden tests use:
// renderers differ in anti-aliasing, so a few scattered pixels may move a little, but a
// changed glyph (one digit of a code) puts many differing pixels in one small tile.

#include <cstdint>
#include <filesystem>
#include <vector>

#include "quay/platform/rotation.hpp"

namespace quay::platform {

struct Image {
    Size size;
    std::vector<unsigned char> rgba;
};

void write_png(const std::filesystem::path& path, Size size,
               const std::vector<unsigned char>& rgba);  // throws quay::Error
Image read_png(const std::filesystem::path& path);       // throws quay::Error

struct ImageDiff {
    bool same_size = false;
    std::size_t total_pixels = 0;
    std::size_t differing_pixels = 0;  // any channel differs by more than the threshold
    int max_channel_delta = 0;
    // Most differing pixels inside one kDiffTile x kDiffTile square of the image: a
    // changed glyph is dense where anti-aliasing noise is scattered.
    std::size_t densest_tile = 0;
    double differing_fraction() const;
};
inline constexpr int kDiffTile = 16;
ImageDiff compare(const Image& a, const Image& b, int channel_threshold);

// What the screen goldens tolerate: a few scattered pixels, never a dense patch.
struct GoldenTolerance {
    int channel_threshold = 48;
    std::size_t max_pixels = 400;   // in the whole screen
    std::size_t max_per_tile = 10;  // in any one tile (a digit changes dozens)
};
bool matches_golden(const ImageDiff& d, const GoldenTolerance& t = {});

}  // namespace quay::platform
