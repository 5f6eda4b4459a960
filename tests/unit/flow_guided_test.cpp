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
    catalog::Catalog catalog;
    locale::Locale locale = locale::Locale::embedded();
    ManualClock clock{std::chrono::system_clock::time_point(std::chrono::seconds(1795312800))};
    Kiosk k{catalog, locale, clock, Settings{}};

    explicit GuidedFixture(catalog::Catalog c = catalog::bundled()) : catalog(std::move(c)) {}

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

namespace {

// Fills every field the plan asks with a value of its type, page by page, to the review.
void fill_to_review(GuidedFixture& f) {
    for (int guard = 0; guard < 20 && f.k.location().screen == Screen::form; ++guard) {
        const auto& page = f.k.plan()->pages()[static_cast<std::size_t>(f.k.location().page)];
        for (const auto* field : page.fields) {
            std::string v = "Nguyễn Văn Bình";
            using T = catalog::FieldType;
            switch (field->type) {
                case T::date:
                    v = "2000-01-01";
                    break;
                case T::phone:
                    v = "0912345678";
                    break;
                case T::email:
                    v = "a@example.vn";
                    break;
                case T::id_number:
                    v = "001090123456";
                    break;
                case T::number:
                    v = "1";
                    break;
                case T::choice:
                    v = field->options.front().value;
                    break;
                case T::text:
                    break;
            }
            if (field->type == T::choice || field->type == T::date) {
                f.k.apply(intent::SetValue{field->code, v});
            } else {
                f.k.apply(intent::Focus{field->code});
                f.k.apply(intent::TypeText{v});
                f.k.apply(intent::Blur{});
            }
        }
        f.k.apply(intent::NextPage{});
    }
}

nlohmann::json submitted_draft(GuidedFixture& f) {
    f.k.apply(intent::Declare{true});
    f.k.take_effects();
    f.k.apply(intent::Confirm{});
    for (auto& e : f.k.take_effects())
        if (auto* s = std::get_if<effect::Submit>(&e)) return s->draft;
    FAIL("no Submit effect");
    return {};
}

}  // namespace

// The bundled residence outcome, as a catalogue that says the kiosk's dossiers pay the
// in-person fee would have it: one line left after the answers.
catalog::Catalog in_person_fees_only() {
    auto c = catalog::bundled();
    for (auto& g : c.guides)
        for (auto& n : g.nodes)
            std::erase_if(
                n.fees, [](const catalog::GuideFee& f) { return f.fee.ends_with("_truc_tuyen"); });
    return c;
}

TEST_CASE("guided: the fee the answers settle goes into the dossier as fee_due") {
    GuidedFixture f{in_person_fees_only()};
    f.k.apply(intent::OpenGuide{"cu_tru"});
    f.answer({"permanent", "own", "no"});  // not exempt: 20.000 đ
    REQUIRE(f.k.location().screen == Screen::guided_outcome);
    f.k.apply(intent::StartForm{});
    REQUIRE(f.k.location().screen == Screen::form);
    CHECK(f.k.session().fee_due == 20000);
    fill_to_review(f);
    REQUIRE(f.k.location().screen == Screen::review);
    CHECK(submitted_draft(f).at("fee_due") == 20000);
}

TEST_CASE("guided: no fee_due is guessed: alternatives that differ, a procedure page, a quantity") {
    GuidedFixture f;
    f.k.apply(intent::OpenGuide{"cu_tru"});
    f.answer({"permanent", "own", "yes"});  // exempt: 0, but marked inferred (ask the staff)
    f.k.apply(intent::StartForm{});
    REQUIRE(f.k.location().screen == Screen::form);
    CHECK_FALSE(f.k.session().fee_due);

    // Not exempt: in person 20.000 đ or online 10.000 đ; which applies is the staff's call.
    f.k.apply(intent::LeaveForm{});
    f.k.apply(intent::OpenGuide{"cu_tru"});
    f.answer({"permanent", "own", "no"});
    f.k.apply(intent::StartForm{});
    REQUIRE(f.k.location().screen == Screen::form);
    CHECK_FALSE(f.k.session().fee_due);

    // The same procedure from its page: the answers are not known.
    f.k.apply(intent::LeaveForm{});
    f.k.apply(intent::OpenProcedure{"1.004222"});
    f.k.apply(intent::StartForm{});
    REQUIRE(f.k.location().screen == Screen::form);
    CHECK_FALSE(f.k.session().fee_due);
    fill_to_review(f);
    REQUIRE(f.k.location().screen == Screen::review);
    CHECK_FALSE(submitted_draft(f).contains("fee_due"));

    // Certified copies: the amount depends on the pages and copies the form asks.
    GuidedFixture g;
    g.k.apply(intent::OpenGuide{"chung_thuc"});
    g.answer({"copy", "vietnam", "intact", "p1"});
    REQUIRE(g.k.location().screen == Screen::guided_outcome);
    g.k.apply(intent::StartForm{});
    REQUIRE(g.k.location().screen == Screen::form);
    CHECK_FALSE(g.k.session().fee_due);
}
