// The citizen's display choices (large text, high contrast): theirs for the session, through
// Home and the receipt, and gone when the session ends.
#include <doctest/doctest.h>

#include "flow_fixture.hpp"
#include "quay/flow/kiosk.hpp"

using namespace quay;
using namespace quay::flow;
using namespace std::chrono_literals;
using namespace quay::flow::testing;

TEST_CASE("high contrast and large text stay through Home and end with the session") {
    Fixture f;
    CHECK_FALSE(f.k.session().high_contrast);
    f.k.apply(intent::ToggleHighContrast{});
    f.k.apply(intent::ToggleLargeText{});
    CHECK(f.k.session().high_contrast);
    CHECK_FALSE(f.k.session().pristine(Language::vi));  // a chosen display is someone's session
    f.to_form();
    f.type(applicant::full_name, "An");
    f.k.apply(intent::Home{});
    f.k.apply(intent::LeaveForm{});
    CHECK(f.k.session().high_contrast);
    CHECK(f.k.session().large_text);

    f.to_form();
    f.type(applicant::full_name, "An");
    f.clock.advance(60s);
    f.k.tick();
    REQUIRE(f.k.idle_prompt().visible);
    f.clock.advance(15s);
    f.k.tick();  // nobody answered: the session ends
    CHECK(f.k.location().screen == Screen::home);
    CHECK_FALSE(f.k.session().high_contrast);
    CHECK_FALSE(f.k.session().large_text);
}

TEST_CASE("high contrast toggles off again") {
    Fixture f;
    f.k.apply(intent::ToggleHighContrast{});
    f.k.apply(intent::ToggleHighContrast{});
    CHECK_FALSE(f.k.session().high_contrast);
    CHECK(f.k.session().pristine(Language::vi));
}
