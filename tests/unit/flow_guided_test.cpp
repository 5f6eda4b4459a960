// Guided questions in the flow: one question per screen, Back, the outcome page, an exit
// page that cannot start a form, and a form that asks only what the answers need.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>

#include "quay/catalog/loader.hpp"
#include "quay/flow/kiosk.hpp"

using namespace quay;
using namespace quay::flow;

namespace {

struct GuidedFixture {
    catalog::Catalog catalog = catalog::bundled();
    locale::Locale locale = locale::Locale::embedded();
    ManualClock clock{std::chrono::system_clock::time_point(std::chrono::seconds(1795312800))};
    Kiosk k{catalog, locale, clock, Settings{}};

    void answer(std::initializer_list<const char*> options) {
        for (const char* o : options)
            k.apply(intent::Answer{o});
    }
    bool form_asks(std::string_view code) const {
        for (const auto& p : k.plan()->pages())
            for (const auto* f : p.fields)
                if (f->code == code) return true;
        return false;
    }
};

}  // namespace

TEST_CASE("guided: one question per screen, Back returns to the previous question") {
    GuidedFixture f;
    f.k.apply(intent::OpenEvent{"birth"});
    f.k.apply(intent::OpenGuide{"khai_sinh"});
    CHECK(f.k.location().screen == Screen::guided);
    CHECK(f.k.location().page == 0);
    REQUIRE(f.k.guide_walk());
    CHECK(f.k.guide_walk()->node->code == "need");

    f.answer({"new"});
    CHECK(f.k.location().screen == Screen::guided);
    CHECK(f.k.location().page == 1);
    CHECK(f.k.guide_walk()->node->code == "parents");

    f.k.apply(intent::Answer{"not_an_option"});  // ignored
    CHECK(f.k.location().page == 1);

    f.k.apply(intent::Back{});
    CHECK(f.k.location().page == 0);
    CHECK(f.k.guide_walk()->node->code == "need");
    f.answer({"copy"});  // a different branch after Back
    CHECK(f.k.location().screen == Screen::guided_outcome);
    REQUIRE(f.k.guide_outcome());
    CHECK(f.k.guide_outcome()->procedures.front().procedure == "2.000635");

    f.k.apply(intent::Back{});
    f.k.apply(intent::Back{});
    CHECK(f.k.location().screen == Screen::procedure_list);
}

TEST_CASE("guided: the outcome starts a form without the fields the answers rule out") {
    GuidedFixture f;
    f.k.apply(intent::OpenProcedure{"1.001193"});
    f.k.apply(intent::OpenGuide{"khai_sinh"});
    f.answer({"new", "no_father", "hospital", "on_time"});
    REQUIRE(f.k.location().screen == Screen::guided_outcome);
    const auto o = f.k.guide_outcome();
    REQUIRE(o);
    CHECK_FALSE(o->exit());
    CHECK(o->fees.front().amount_dong == 0);

    f.k.apply(intent::StartForm{});
    REQUIRE(f.k.location().screen == Screen::form);
    REQUIRE(f.k.plan());
    CHECK(f.k.plan()->procedure().code == "1.001193");
    CHECK(f.form_asks("tre_ho_ten"));
    CHECK(f.form_asks("me_ho_ten"));
    CHECK_FALSE(f.form_asks("cha_ho_ten"));
    CHECK_FALSE(f.form_asks("cha_nam_sinh"));

    // Married parents: the father's fields are asked.
    f.k.apply(intent::LeaveForm{});
    f.k.apply(intent::OpenGuide{"khai_sinh"});
    f.answer({"new", "married", "hospital", "on_time"});
    f.k.apply(intent::StartForm{});
    REQUIRE(f.k.plan());
    CHECK(f.form_asks("cha_ho_ten"));
}

TEST_CASE("guided: an exit page says where to go and starts no form") {
    GuidedFixture f;
    f.k.apply(intent::OpenGuide{"chung_thuc"});
    f.answer({"copy", "vietnam", "damaged"});
    REQUIRE(f.k.location().screen == Screen::guided_outcome);
    const auto o = f.k.guide_outcome();
    REQUIRE(o);
    CHECK(o->exit());
    CHECK(o->ask_staff());
    f.k.apply(intent::StartForm{});
    CHECK(f.k.location().screen == Screen::guided_outcome);
    CHECK(f.k.plan() == nullptr);

    f.k.apply(intent::OpenGuide{"no_such_guide"});  // ignored
    CHECK(f.k.location().screen == Screen::guided_outcome);
    f.k.apply(intent::Home{});
    CHECK(f.k.location().screen == Screen::home);
    CHECK_FALSE(f.k.guide_walk());
}
