#pragma once
// The UI is drawn in logical coordinates and turned by `degrees` clockwise onto the
// physical display (a portrait panel mounted sideways). Touches arrive in physical
// coordinates and are turned back. Pure functions so the mapping is tested without SDL.

#include <optional>

namespace quay::platform {

struct Point {
    float x = 0, y = 0;
};
struct Size {
    int w = 0, h = 0;
};

class Rotation {
  public:
    // degrees: 0, 90, 180 or 270 (anything else: nullopt).
    static std::optional<Rotation> from_degrees(long degrees);
    Rotation() = default;

    int degrees() const { return degrees_; }
    bool swaps_axes() const { return degrees_ == 90 || degrees_ == 270; }
    // The physical window that shows a logical UI of this size, and back.
    Size physical_size(Size logical) const;
    Size logical_size(Size physical) const;

    Point to_logical(Point physical, Size logical) const;
    Point to_physical(Point logical, Size logical_size) const;

  private:
    explicit Rotation(int d) : degrees_(d) {}
    int degrees_ = 0;
};

}  // namespace quay::platform
