#pragma once
// PNG screenshots (stb_image_write from libstb) and the tolerant comparison the golden
// tests use: renderers differ in anti-aliasing, so a few pixels may move a little.

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
    double differing_fraction() const;
};
ImageDiff compare(const Image& a, const Image& b, int channel_threshold);

}  // namespace quay::platform
