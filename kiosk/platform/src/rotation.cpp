#include "quay/platform/rotation.hpp"

namespace quay::platform {

std::optional<Rotation> Rotation::from_degrees(long degrees) {
    if (degrees == 0 || degrees == 90 || degrees == 180 || degrees == 270)
        return Rotation(static_cast<int>(degrees));
    return std::nullopt;
}

Size Rotation::physical_size(Size logical) const {
    return swaps_axes() ? Size{logical.h, logical.w} : logical;
}

Size Rotation::logical_size(Size physical) const {
    return swaps_axes() ? Size{physical.h, physical.w} : physical;
}

// Clockwise by 90: logical (x, y) lands at physical (H - y, x) where H is the logical height.
Point Rotation::to_physical(Point l, Size ls) const {
    const float w = static_cast<float>(ls.w), h = static_cast<float>(ls.h);
    switch (degrees_) {
        case 90:
            return {h - l.y, l.x};
        case 180:
            return {w - l.x, h - l.y};
        case 270:
            return {l.y, w - l.x};
        default:
            return l;
    }
}

Point Rotation::to_logical(Point p, Size ls) const {
    const float w = static_cast<float>(ls.w), h = static_cast<float>(ls.h);
    switch (degrees_) {
        case 90:
            return {p.y, h - p.x};
        case 180:
            return {w - p.x, h - p.y};
        case 270:
            return {w - p.y, p.x};
        default:
            return p;
    }
}

}  // namespace quay::platform
