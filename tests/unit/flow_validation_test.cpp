// The flow checks each field with the catalogue's one definition as the citizen leaves
// it, names the problem (a validation.* locale key), and maps the store's refusal back to
// the fields and their page.
#include <doctest/doctest.h>

#include "flow_fixture.hpp"
#include "quay/catalog/validate.hpp"

using namespace quay;
using namespace quay::flow;
using namespace quay::flow::testing;

namespace {

std::string error_of(const Fixture& f, std::string_view field) {
    const auto& errors = f.k.session().errors;
    const auto it = errors.find(std::string(field));
    return it == errors.end() ? std::string() : it->second;
}

}  // namespace

TEST_CASE("an 11-digit citizen ID is refused when the field is left, with its message") {
    Fixture f;
    f.to_form();
    f.fill_applicant();
    f.retype(applicant::id_number, "00109012345");
    CHECK(error_of(f, applicant::id_number) == "validation.id_number");
    for (const Language l : {Language::vi, Language::en})
        CHECK(f.locale.strings(l).has("validation.id_number"));
    // The page does not move on, and the action bar names the field.
    f.k.apply(intent::NextPage{});
    CHECK(f.k.location().page == 0);
    REQUIRE(f.k.first_problem_on_page() != nullptr);
    CHECK(f.k.first_problem_on_page()->code == applicant::id_number);
    f.retype(applicant::id_number, "001090123456");
    CHECK(error_of(f, applicant::id_number).empty());
    CHECK(f.k.first_problem_on_page() == nullptr);
}

TEST_CASE("a bad phone number is refused on leaving the field") {
    Fixture f;
    f.to_form();
    f.fill_applicant();
    f.k.apply(intent::NextPage{});
    f.type(applicant::phone, "0112345678");  // no mobile prefix 01
    CHECK(error_of(f, applicant::phone) == "validation.phone");
    f.k.apply(intent::NextPage{});
    CHECK(f.k.location().page == 1);
    f.retype(applicant::phone, "0912345678");
    CHECK(error_of(f, applicant::phone).empty());
}

TEST_CASE("a birth date in the future is refused, for the applicant and a procedure field") {
    Fixture f;  // the clock reads 2026-11-22
    f.to_form();
    f.k.apply(intent::SetValue{std::string(applicant::date_of_birth), "2027-01-01"});
    CHECK(error_of(f, applicant::date_of_birth) == "validation.date_future");
    f.k.apply(intent::SetValue{std::string(applicant::date_of_birth), "1990-01-01"});
    CHECK(error_of(f, applicant::date_of_birth).empty());
    f.k.apply(intent::SetValue{"tre_ngay_sinh", "2026-12-01"});
    CHECK(error_of(f, "tre_ngay_sinh") == "validation.date_future");
}

TEST_CASE("the form's applicant fields are the store's: same codes, limits and rules") {
    Fixture f;
    f.to_form();
    for (const auto& def : catalog::applicant_fields()) {
        const auto* shown = f.k.plan()->find("applicant." + def.code);
        REQUIRE_MESSAGE(shown != nullptr, def.code);
        CHECK(shown->type == def.type);
        CHECK(shown->required == def.required);
        CHECK(shown->max_length == def.max_length);
        CHECK_FALSE(shown->label.vi.empty());  // labelled from locale/
    }
    // A name longer than the store takes cannot be typed.
    f.type(applicant::full_name, std::string(150, '1'));
    CHECK(f.k.session().value(applicant::full_name).size() == 100);
}

TEST_CASE("a store refusal marks the fields it names and opens the first bad page") {
    Fixture f;
    f.to_review();
    f.k.apply(intent::Confirm{});
    REQUIRE(f.k.location().screen == Screen::saving);
    f.k.on(event::SubmitFailed{"ui.error.invalid_draft", {"fields.tre_ho_ten", "applicant.phone"}});
    CHECK(f.k.location().screen == Screen::form);
    CHECK(f.k.location().page == f.k.plan()->page_of(applicant::phone));  // the earlier page
    // Both pass the flow's checks, so the refusal itself is named next to each field.
    CHECK(error_of(f, applicant::phone) == "validation.rejected");
    CHECK(error_of(f, "tre_ho_ten") == "validation.rejected");
    CHECK(f.k.session().value("tre_ho_ten") == "Bình");  // nothing typed is lost
    // Fixing it returns to the review.
    f.k.apply(intent::NextPage{});
    CHECK(f.k.location().screen == Screen::review);
}
