// The staff's out-of-service switch outlives a restart (one settings row), and a call for
// help is an audit row that carries the screen's name only.
#include <doctest/doctest.h>

#include "../store/temp_dir.hpp"
#include "quay/store/store.hpp"

using quay::ManualClock;
using quay::store::Store;
namespace ev = quay::store::audit_event;

TEST_CASE("out of service is kept across a restart and read before the store opens") {
    quay::test::TempDir dir;
    ManualClock clock{std::chrono::system_clock::time_point(std::chrono::seconds(1795312800))};
    CHECK_FALSE(Store::out_of_service(dir.path()));  // no store yet
    {
        auto store = Store::open(dir.path(), clock);
        CHECK_FALSE(store.out_of_service_since());
        store.set_out_of_service(true);
        const auto since = store.out_of_service_since();
        REQUIRE(since);
        clock.advance(std::chrono::minutes(5));
        store.set_out_of_service(true);  // again: the first time stays
        CHECK(store.out_of_service_since() == since);
    }
    CHECK(Store::out_of_service(dir.path()));  // the kiosk's start, after a restart
    {
        auto store = Store::open(dir.path(), clock);
        CHECK(store.out_of_service_since());
        store.set_out_of_service(false);
        CHECK_FALSE(store.out_of_service_since());
    }
    CHECK_FALSE(Store::out_of_service(dir.path()));
}

TEST_CASE("a call for help is an audit row without personal data") {
    quay::test::TempDir dir;
    ManualClock clock{std::chrono::system_clock::time_point(std::chrono::seconds(1795312800))};
    auto store = Store::open(dir.path(), clock);
    store.audit(ev::help_call, {{"by", "citizen"}, {"code", "form"}});
    CHECK_THROWS(store.audit(ev::help_call, {{"by", "citizen"}, {"name", "Nguyễn Văn An"}}));
    CHECK(store.audit_counts(std::chrono::hours(24)).at("help_call") == 1);
}
