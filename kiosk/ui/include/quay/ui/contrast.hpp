#pragma once
// WCAG 2.x contrast: relative luminance of sRGB colours and the ratio between two, and the
// ratios each theme must reach. Opaque colours only (alpha is ignored).

#include <string>
#include <vector>

#include "quay/ui/palette.hpp"

namespace quay::ui {

double relative_luminance(Color c);
double contrast_ratio(Color a, Color b);  // 1 to 21, symmetric

// The least ratio a pair needs: text 4.5:1 (7:1 in high contrast, WCAG 1.4.6), control
// edges and focus 3:1 (1.4.11).
double required_ratio(Need need, bool high_contrast);

// Each pair of kPairs below its ratio in this palette, in words; empty when all pass.
std::vector<std::string> contrast_shortfalls(const Palette& palette, bool high_contrast);

}  // namespace quay::ui
