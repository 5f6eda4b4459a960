#include <doctest/doctest.h>

#include "quay/flow/editor.hpp"
#include "quay/flow/navigator.hpp"

using namespace quay::flow;

TEST_CASE("navigator: push, back, back_to, home") {
    Navigator n;
    n.push({Screen::search, {}, 0});
    n.push({Screen::procedure, "1.001193", 0});
    n.push({Screen::procedure, "1.001193", 0});  // the same place twice is one step
    n.push({Screen::form, "1.001193", 0});
    n.push({Screen::form, "1.001193", 1});
    CHECK(n.back_to(Screen::procedure));
    CHECK(n.current().screen == Screen::procedure);
    n.back();
    CHECK(n.current().screen == Screen::search);
    CHECK_FALSE(n.back_to(Screen::review));
    n.home();
    CHECK(n.current().screen == Screen::home);
    CHECK_FALSE(n.can_go_back());
    for (auto s : {Screen::home, Screen::status_result, Screen::staff})
        CHECK(parse_screen(to_string(s)) == s);
    CHECK_FALSE(parse_screen("nowhere"));
}

TEST_CASE("editor: NFC, limits, backspace removes a whole letter") {
    TextEditor e;
    e.begin("Vie\xcc\xa3\xcc\x82t", EditMode::vietnamese, 6);  // NFD in, NFC out
    CHECK(e.value() == "Việt");
    e.space();
    e.key(U'N');
    e.key(U'a');  // over the limit of 6 characters
    CHECK(e.value() == "Việt N");
    e.backspace();
    e.backspace();
    e.backspace();
    CHECK(e.value() == "Việ");  // ệ went whole: NFC, one code point
    e.backspace();
    CHECK(e.value() == "Vi");
    e.wipe();
    CHECK(e.value().empty());
}
