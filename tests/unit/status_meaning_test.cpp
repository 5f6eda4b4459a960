// A dossier's status as the citizen reads it: a state that asks for something or refuses
// the dossier never looks like success, and every state has its words in both languages.
#include <doctest/doctest.h>

#include "quay/flow/status_meaning.hpp"
#include "quay/locale/locale.hpp"

using namespace quay;
using flow::StatusTone;

TEST_CASE("each portal status has its own meaning; only a ready result is success") {
    CHECK(flow::status_meaning("ready_for_pickup").tone == StatusTone::success);
    CHECK(flow::status_meaning("needs_supplement").tone == StatusTone::attention);
    CHECK(flow::status_meaning("rejected").tone == StatusTone::refused);
    CHECK(flow::status_meaning("returned").tone == StatusTone::refused);
    CHECK(flow::status_meaning("received").tone == StatusTone::waiting);
    CHECK(flow::status_meaning("processing").tone == StatusTone::waiting);
    CHECK(flow::status_meaning("something_new").tone == StatusTone::waiting);
    CHECK(flow::status_meaning("needs_supplement").headline !=
          flow::status_meaning("rejected").headline);
}

TEST_CASE("a dossier still on this kiosk says so: queued waits, needs_staff asks for staff") {
    // delivery::held_status answers these two from the store (issue 13, honest status).
    CHECK(flow::status_meaning("queued").tone == StatusTone::waiting);
    CHECK(flow::status_meaning("needs_staff").tone == StatusTone::attention);
    const auto unknown = flow::status_meaning("something_new");
    for (const char* s : {"queued", "needs_staff"}) {
        CAPTURE(s);
        CHECK(flow::status_meaning(s).headline != unknown.headline);
        CHECK(flow::status_meaning(s).next != unknown.next);
    }
}

TEST_CASE("every status's headline, sentence and next step exist in vi and en") {
    const auto locale = locale::Locale::embedded();
    for (const char* s : {"received", "processing", "needs_supplement", "ready_for_pickup",
                          "returned", "rejected", "queued", "needs_staff", "something_new"}) {
        const auto m = flow::status_meaning(s);
        for (const auto key : {m.headline, m.detail, m.next}) {
            CAPTURE(s);
            CHECK_MESSAGE(locale.strings(Language::vi).has(key), key);
            CHECK_MESSAGE(locale.strings(Language::en).has(key), key);
        }
    }
    CHECK(locale.strings(Language::vi).tr("ui.status.headline.needs_supplement") == "Cần bổ sung");
    CHECK(locale.strings(Language::vi).tr("ui.status.headline.rejected") == "Không được chấp nhận");
}
