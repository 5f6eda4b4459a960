#pragma once
// A 1-bit image laid out exactly as ESC/POS "GS v 0" expects it: rows of (width+7)/8 bytes,
// most significant bit first, 1 = a black dot. The renderer, the PNG writer, the printer
// driver and the virtual printer all share it, so what is printed is what is tested.

#include <cstdint>
#include <span>
#include <vector>

namespace quay::receipt {

class Raster {
  public:
    Raster() = default;
    Raster(int width, int height);

    int width() const noexcept { return width_; }
    int height() const noexcept { return height_; }
    int stride() const noexcept { return (width_ + 7) / 8; }

    bool get(int x, int y) const noexcept;
    void set(int x, int y) noexcept;  // ignores dots outside the image
    void fill_rect(int x, int y, int w, int h) noexcept;

    // Grows (white) or shrinks the image downwards, keeping the top rows.
    void resize_height(int height);
    // Appends the rows of other (same width) below this image.
    void append(const Raster& other);

    std::span<const std::uint8_t> row(int y) const noexcept;
    std::span<std::uint8_t> row(int y) noexcept;
    const std::vector<std::uint8_t>& bytes() const noexcept { return bits_; }
    std::vector<std::uint8_t>& bytes() noexcept { return bits_; }

    // Columns [x0, x1) of every row are white.
    bool columns_blank(int x0, int x1) const noexcept;
    bool row_blank(int y) const noexcept;

    bool operator==(const Raster&) const = default;

  private:
    int width_ = 0;
    int height_ = 0;
    std::vector<std::uint8_t> bits_;
};

}  // namespace quay::receipt
