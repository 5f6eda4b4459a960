#include "quay/ui/contrast.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace quay::ui {

namespace {

// sRGB channel (0–255) to linear light (WCAG 2.x's formula).
double linear(unsigned channel) {
    const double c = channel / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

}  // namespace

double relative_luminance(Color c) {
    return 0.2126 * linear(c & 0xff) + 0.7152 * linear((c >> 8) & 0xff) +
           0.0722 * linear((c >> 16) & 0xff);
}

double contrast_ratio(Color a, Color b) {
    const double la = relative_luminance(a), lb = relative_luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

double required_ratio(Need need, bool high_contrast) {
    if (need == Need::edge) return 3.0;
    return high_contrast ? 7.0 : 4.5;
}

std::vector<std::string> contrast_shortfalls(const Palette& palette, bool high_contrast) {
    std::vector<std::string> out;
    for (const ColorPair& p : kPairs) {
        const double ratio = contrast_ratio(palette.*p.fg, palette.*p.bg);
        const double need = required_ratio(p.need, high_contrast);
        if (ratio >= need) continue;
        char line[160];
        std::snprintf(line, sizeof line, "%.*s: %.2f:1, needs %.1f:1",
                      static_cast<int>(p.what.size()), p.what.data(), ratio, need);
        out.emplace_back(line);
    }
    return out;
}

}  // namespace quay::ui
