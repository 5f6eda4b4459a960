// queue.numbers from the command line (docs/receipts.md "Queue numbers"): submit and
// receipt print the counter queue number, the slip carries it, a restart continues it;
// without the option nothing changes.
#include <doctest/doctest.h>

#include "common.hpp"

using namespace quay::testing;
using nlohmann::json;

TEST_CASE("queue numbers: in submit and receipt output, continuing across processes") {
    TempDir scratch("queue-number");
    KioskOptions o;
    o.extra_toml = "\n[queue]\nnumbers = true\n";
    Fixture f("queue-number", {}, o);
    const auto first = f.kiosk.submit(f.kiosk.draft());
    const auto second = f.kiosk.submit(f.kiosk.draft());  // another quayctl process
    CHECK(first.at("queue_number") == 1);
    CHECK(second.at("queue_number") == 2);
    const auto png = scratch.path() / "slip.png";
    const auto vi = f.kiosk.ok({"receipt", id_of(second), "--out", png.string()});
    CHECK(vi.at("queue_number") == 2);
    CHECK(vi.at("queue_field") == "Hộ tịch");  // the procedure's lĩnh vực, in the slip's language
    const auto en = f.kiosk.ok({"receipt", id_of(second), "--out", png.string(), "--lang", "en"});
    CHECK(en.at("queue_field").get<std::string>().starts_with("Civil status"));
    // Delivery does not change it.
    deliver_ok(f);
    CHECK(f.kiosk.ok({"receipt", id_of(first), "--out", png.string()}).at("queue_number") == 1);
}

TEST_CASE("queue numbers: absent without the option") {
    TempDir scratch("queue-number-off");
    Fixture f("queue-number-off");
    const auto s = f.kiosk.submit(f.kiosk.draft());
    CHECK_FALSE(s.contains("queue_number"));
    const auto png = scratch.path() / "slip.png";
    CHECK_FALSE(f.kiosk.ok({"receipt", id_of(s), "--out", png.string()}).contains("queue_number"));
}
