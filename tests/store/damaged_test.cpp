// After a damaged file was moved aside, the fresh store never hands out a receipt code the
// damaged copy issued: its counters start above the copy's (or at the documented floor
// when the copy cannot be read at all).
#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include "quay/store/store.hpp"
#include "temp_dir.hpp"
#include "test_catalog.hpp"

using namespace quay;

namespace {

ManualClock make_clock() {
    return ManualClock(std::chrono::system_clock::time_point(std::chrono::seconds(1795338902)));
}

std::int64_t number(const std::string& code) {
    return std::stoll(code.substr(code.rfind('-') + 1));
}

std::string submit(store::Store& s) {
    return s.submit(test::sample_draft(), test::small_catalog(), "K0042").receipt_code;
}

}  // namespace

TEST_CASE("receipt numbers continue above a readable damaged copy's") {
    test::TempDir a, b;
    auto clock = make_clock();
    std::string last;
    {
        auto s = store::Store::open(a.path(), clock);
        for (int i = 0; i < 3; ++i)
            last = submit(s);
    }
    std::filesystem::copy_file(a.path() / "quay.db", b.path() / "quay.db.damaged-20261122T091502");
    auto s = store::Store::open(b.path(), clock);
    const std::string next = submit(s);
    CHECK(number(next) == number(last) + 1);
}

TEST_CASE("an unreadable damaged copy starts today's receipt numbers at the floor") {
    test::TempDir dir;
    auto clock = make_clock();
    {
        auto s = store::Store::open(dir.path(), clock);
        submit(s);
    }
    {
        std::fstream f(dir.path() / "quay.db", std::ios::in | std::ios::out | std::ios::binary);
        f << "this is not an SQLite header at all";
    }
    store::Options o;
    o.check_every_open = true;
    CHECK_THROWS_AS(store::Store::open(dir.path(), clock, o), store::DamagedError);
    auto s = store::Store::open(dir.path(), clock, o);
    CHECK(number(submit(s)) == 5001);
    // Floored once per copy, not at every open.
    s = store::Store::open(dir.path(), clock, o);
    CHECK(number(submit(s)) == 5002);
}
