// Every item the keys can reach has a name voice mode can say (issue 15: "every screen,
// button, field ... spoken"): the real app walks the screens the birth registration's
// journey (ui_voice_birth_test, which checks the same at each of its steps) does not pass:
// search with its keyboard, life events, fields, guided questions and their outcome, a
// picker's filter, the date picker, the leave prompt, the help panel, the status lookup,
// in Vietnamese and English. An icon or sign ("+", "−1", ",") needs a "voice2.item.<id>"
// name in locale/<lang>/voice2.json.
#include <doctest/doctest.h>

#include "kiosk_run.hpp"
#include "quay/platform/script.hpp"
#include "voice_golden.hpp"

using namespace quay;

namespace {

struct Stop {
    const char* name;
    const char* script;
};

const Stop kStops[] = {
    {"home", ""},
    {"search, keyboard open", "tap #home.search\n"},
    {"search, results", "osk \"ho tich\"\n"},
    {"browse events",
     "tap #nav.home\ntap #home.search\nosk \"zzz\"\ntap #key:done\ntap #search.browse\n"},
    {"procedure list", "tap #nav.home\ntap #event:moving_house\n"},
    {"guided question", "tap #guide:cu_tru\n"},
    {"guided outcome", "tap #answer:permanent\ntap #answer:relative\ntap #answer:no\n"},
    {"browse fields", "tap #nav.home\ntap #home.fields\n"},
    {"procedure", "tap #nav.home\ntap #event:birth\ntap #proc:1.001193\n"},
    {"form", "tap #action.start\n"},
    {"letter keyboard", "tap #field:applicant.full_name\n"},
    {"digit pad", "tap #field:applicant.id_number\n"},
    {"date picker", "tap #key:done\ntap #field:applicant.date_of_birth\n"},
    {"picker", "tap #date:done\ndrag 540 1400 0 -600\ntap #picker:applicant.address\n"},
    {"picker filter", "tap #field:picker.filter\nosk \"ha\"\n"},
    {"leave prompt", "tap #key:done\ntap #pick:0\ntap #nav.home\n"},
    {"help panel", "tap #confirm_home.stay\ntap #help.call\n"},
    {"status", "tap #help.close\ntap #nav.home\ntap #confirm_home.leave\ntap #home.status\n"},
    // A liên thông bundle (docs/bundles.md): its offer on a guided outcome, its form.
    {"bundle offer",
     "tap #nav.home\ntap #event:birth\ntap #guide:khai_sinh\ntap #answer:new\n"
     "tap #answer:no_father\ntap #answer:hospital\ntap #answer:on_time\n"},
    {"bundle form", "tap #bundle.start\n"},
};

void walk(kiosk_app::KioskProcess& k, const char* language) {
    k.play(platform::parse_script(std::string("tap #lang.") + language + "\nframes 3\n"));
    for (const auto& stop : kStops) {
        k.play(platform::parse_script(std::string(stop.script) + "frames 3\n"));
        test::check_spoken_names(k.app().kiosk(), std::string(language) + ": " + stop.name);
    }
    k.play(platform::parse_script("tap #nav.home\nframes 3\n"));
}

}  // namespace

TEST_CASE("every item the keys reach, on every screen, has a name the engine can say") {
    test::KioskDir d("spoken-names");
    kiosk_app::KioskProcess k(test::headless_options(d.write_config()));
    walk(k, "vi");
    walk(k, "en");
}
