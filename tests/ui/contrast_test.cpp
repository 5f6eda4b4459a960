// Every colour pair each theme draws (quay::ui::kPairs, the list the screens' colours come
// from) reaches WCAG's contrast: text 4.5:1 (7:1 in high contrast), control edges and the
// focus ring 3:1.
#include <doctest/doctest.h>

#include <string>
#include <tuple>

#include "quay/ui/contrast.hpp"

using namespace quay::ui;

TEST_CASE("the contrast ratio is WCAG's") {
    CHECK(contrast_ratio(rgb(0, 0, 0), rgb(255, 255, 255)) == doctest::Approx(21.0));
    CHECK(contrast_ratio(rgb(255, 255, 255), rgb(0, 0, 0)) == doctest::Approx(21.0));
    CHECK(contrast_ratio(rgb(0x77, 0x77, 0x77), rgb(255, 255, 255)) ==
          doctest::Approx(4.48).epsilon(0.01));
    // The old control edge: 1.57:1, the reason for this check.
    CHECK(contrast_ratio(rgb(0xc9, 0xc2, 0xb3), rgb(0xf4, 0xf1, 0xea)) ==
          doctest::Approx(1.57).epsilon(0.01));
    CHECK(relative_luminance(rgb(255, 255, 255)) == doctest::Approx(1.0));
}

TEST_CASE("a pair below its ratio is named") {
    Palette weak = kStandard;
    weak.border = rgb(0xc9, 0xc2, 0xb3);
    const auto faults = contrast_shortfalls(weak, false);
    REQUIRE_FALSE(faults.empty());
    CHECK(faults.front().find("control edge on the page: 1.57:1") != std::string::npos);
}

TEST_CASE("every colour pair of both themes reaches its contrast") {
    for (const auto& [name, palette, high] : {std::tuple{"standard", &kStandard, false},
                                              std::tuple{"high contrast", &kHighContrast, true}}) {
        CAPTURE(name);
        std::string all;
        for (const auto& f : contrast_shortfalls(*palette, high))
            all += "\n  " + f;
        CHECK_MESSAGE(all.empty(), name << " theme:" << all);
    }
}
