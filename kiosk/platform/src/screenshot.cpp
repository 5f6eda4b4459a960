#include "quay/platform/screenshot.hpp"

#include <stb_image.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "quay/error.hpp"

namespace quay::platform {

void write_png(const std::filesystem::path& path, Size size,
               const std::vector<unsigned char>& rgba) {
    if (rgba.size() != static_cast<std::size_t>(size.w) * size.h * 4)
        throw Error("screenshot", "image buffer does not match its size");
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
    // UI screens are large flat areas: the fastest zlib level with the "sub" filter keeps
    // them small, and is several times faster than stb's defaults (try all filters, level 8).
    stbi_write_png_compression_level = 1;
    stbi_write_force_png_filter = 1;
    if (stbi_write_png(path.c_str(), size.w, size.h, 4, rgba.data(), size.w * 4) == 0)
        throw Error("screenshot", "cannot write " + path.string());
}

Image read_png(const std::filesystem::path& path) {
    int w = 0, h = 0, n = 0;
    std::unique_ptr<unsigned char, decltype(&stbi_image_free)> data(
        stbi_load(path.c_str(), &w, &h, &n, 4), &stbi_image_free);
    if (!data) throw Error("screenshot", "cannot read PNG " + path.string());
    Image img{{w, h}, {}};
    img.rgba.assign(data.get(), data.get() + static_cast<std::size_t>(w) * h * 4);
    return img;
}

double ImageDiff::differing_fraction() const {
    return total_pixels == 0
               ? 1.0
               : static_cast<double>(differing_pixels) / static_cast<double>(total_pixels);
}

ImageDiff compare(const Image& a, const Image& b, int channel_threshold) {
    ImageDiff d;
    d.same_size = a.size.w == b.size.w && a.size.h == b.size.h;
    if (!d.same_size) return d;
    d.total_pixels = a.rgba.size() / 4;
    const auto w = static_cast<std::size_t>(a.size.w);
    const std::size_t tiles_x = (w + kDiffTile - 1) / kDiffTile;
    std::vector<std::size_t> tiles(
        tiles_x * ((d.total_pixels / std::max<std::size_t>(w, 1) + kDiffTile - 1) / kDiffTile + 1));
    for (std::size_t i = 0; i < a.rgba.size(); i += 4) {
        int worst = 0;
        for (std::size_t c = 0; c < 4; ++c)
            worst = std::max(worst, std::abs(int(a.rgba[i + c]) - int(b.rgba[i + c])));
        d.max_channel_delta = std::max(d.max_channel_delta, worst);
        if (worst <= channel_threshold) continue;
        ++d.differing_pixels;
        const std::size_t px = i / 4;
        auto& tile = tiles[(px / w / kDiffTile) * tiles_x + (px % w) / kDiffTile];
        d.densest_tile = std::max(d.densest_tile, ++tile);
    }
    return d;
}

bool matches_golden(const ImageDiff& d, const GoldenTolerance& t) {
    return d.same_size && d.differing_pixels <= t.max_pixels && d.densest_tile <= t.max_per_tile;
}

}  // namespace quay::platform
