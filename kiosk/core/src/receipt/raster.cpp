#include "quay/receipt/raster.hpp"

#include <algorithm>

#include "quay/error.hpp"

namespace quay::receipt {

Raster::Raster(int width, int height) : width_(width), height_(height) {
    if (width <= 0 || height < 0 || width > 65535 || height > 1'000'000) {
        throw Error("bad_raster", "raster size out of range");
    }
    bits_.assign(static_cast<std::size_t>(stride()) * static_cast<std::size_t>(height), 0);
}

bool Raster::get(int x, int y) const noexcept {
    if (x < 0 || y < 0 || x >= width_ || y >= height_) return false;
    const auto byte = bits_[static_cast<std::size_t>(y) * stride() + x / 8];
    return (byte >> (7 - x % 8)) & 1;
}

void Raster::set(int x, int y) noexcept {
    if (x < 0 || y < 0 || x >= width_ || y >= height_) return;
    bits_[static_cast<std::size_t>(y) * stride() + x / 8] |=
        static_cast<std::uint8_t>(0x80u >> (x % 8));
}

void Raster::fill_rect(int x, int y, int w, int h) noexcept {
    for (int yy = std::max(0, y); yy < std::min(height_, y + h); ++yy) {
        for (int xx = std::max(0, x); xx < std::min(width_, x + w); ++xx)
            set(xx, yy);
    }
}

void Raster::resize_height(int height) {
    if (height < 0) throw Error("bad_raster", "negative height");
    height_ = height;
    bits_.resize(static_cast<std::size_t>(stride()) * static_cast<std::size_t>(height), 0);
}

void Raster::append(const Raster& other) {
    if (other.width_ != width_) throw Error("bad_raster", "appending a raster of another width");
    bits_.insert(bits_.end(), other.bits_.begin(), other.bits_.end());
    height_ += other.height_;
}

std::span<const std::uint8_t> Raster::row(int y) const noexcept {
    return {bits_.data() + static_cast<std::size_t>(y) * stride(),
            static_cast<std::size_t>(stride())};
}

std::span<std::uint8_t> Raster::row(int y) noexcept {
    return {bits_.data() + static_cast<std::size_t>(y) * stride(),
            static_cast<std::size_t>(stride())};
}

bool Raster::columns_blank(int x0, int x1) const noexcept {
    for (int y = 0; y < height_; ++y) {
        for (int x = std::max(0, x0); x < std::min(width_, x1); ++x) {
            if (get(x, y)) return false;
        }
    }
    return true;
}

bool Raster::row_blank(int y) const noexcept {
    const auto r = row(y);
    return std::all_of(r.begin(), r.end(), [](std::uint8_t b) { return b == 0; });
}

}  // namespace quay::receipt
