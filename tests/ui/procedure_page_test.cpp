// The procedure page never lets a list nobody sourced read as the whole truth: where the
// catalogue marks documents, fees or time as inferred (Procedure::inferred), the page says
// to ask the staff (docs/catalog-format.md "Procedure"); a fully sourced page does not.
#include <doctest/doctest.h>

#include <string>

#include "kiosk.hpp"
#include "kiosk_run.hpp"
#include "quay/platform/script.hpp"

using namespace quay;

namespace {

constexpr const char* kAskStaff =
    "Phần này chưa được đối chiếu đủ với văn bản chính thức: vui lòng hỏi cán bộ.";

// Opens the procedure found by `query`, then scrolls down the page until the item `label`
// (its exact text, or #id) is in view; whether it ever was.
bool seen_on_page(const std::string& name, const std::string& query, const std::string& code,
                  const std::string& label) {
    test::KioskDir d(name);
    kiosk_app::Options o;
    o.config = d.write_config();
    o.headless = true;
    o.size = {1080, 1920};
    o.fixed_clock = true;
    kiosk_app::KioskProcess k(o);
    k.play(
        platform::parse_script("tap #home.search\n"
                               "osk \"" +
                               query +
                               "\"\n"
                               "wait-for item #proc:" +
                               code +
                               "\n"
                               "tap #proc:" +
                               code +
                               "\n"
                               "expect screen procedure\n"));
    for (int drag = 0; drag < 12; ++drag) {
        if (k.app().find_item(label)) return true;
        k.play(platform::parse_script("drag 540 1500 0 -500\n"));
    }
    return k.app().find_item(label).has_value();
}

}  // namespace

TEST_CASE("procedure page: 'ask the staff' where the catalogue's values are inferred") {
    // 1.001612 (household business): documents, fees and time from secondary sources.
    CHECK(seen_on_page("ask-staff-inferred", "ho kinh doanh", "1.001612", kAskStaff));
    // 1.001193 (birth registration): every part sourced, so the page never says it; its
    // last line comes into view, so the scrolling did reach the bottom.
    CHECK_FALSE(seen_on_page("ask-staff-sourced", "khai sinh", "1.001193", kAskStaff));
    CHECK(
        seen_on_page("ask-staff-bottom", "khai sinh", "1.001193", "Cập nhật lần cuối: 01/11/2026"));
}
