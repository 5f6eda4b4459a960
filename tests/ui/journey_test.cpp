// The whole citizen journey through the production binary under SDL's offscreen driver:
// Telex search on the on-screen keyboard, a citizen ID scanned through the FIFO scanner,
// the birth registration form, review, confirm; the dossier is then in the real store
// (quay.db in the kiosk's data directory) and the portal simulator receives it.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include "kiosk_run.hpp"
#include "quay/clock.hpp"
#include "quay/store/store.hpp"
#include "scripted_store.hpp"
#include "sim.hpp"

using quay::test::KioskDir;

namespace {

// Fills the birth registration (1.001193). The pages follow the form plan
// (quay/flow/form_plan.hpp): the applicant (which the ID card scan fills), contact, then
// the catalogue's groups at most four fields a page: request; child 1/2 and 2/2; mother
// 1/2 and 2/2 (only optional fields); father 1/2 and 2/2 (all optional): nine pages.
// Relationship, ethnicity and nationality are picked from their lists (#pick:0: Cha, Kinh,
// Việt Nam), places of birth and origin typed.
const std::string kJourney = std::string(R"(tap #home.search
osk "khai sinh"
wait-for item #proc:1.001193
screenshot search
tap #proc:1.001193
expect screen procedure
tap #action.start
expect screen form
expect item "Bước 1/9"
scan "001090123456||Nguyễn Văn An|01011990|Nam|Hà Nội|15042021\r"
wait-for item "Nguyễn Văn An" 10
expect item "001090123456"
expect item "01/01/1990"
screenshot applicant
tap #action.next
expect item "Bước 2/9"
tap #field:applicant.phone
text "0912345678"
expect item "0912345678"
tap #action.next
expect item "Bước 3/9"
tap #field:quan_he_voi_nguoi_duoc_khai_sinh
expect screen picker
tap #pick:0
expect screen form
expect item "Cha"
tap #action.next
expect item "Bước 4/9"
tap #field:tre_ho_ten
text "Nguyễn Minh Khang"
expect item "Nguyễn Minh Khang"
tap #field:tre_ngay_sinh
tap #date:day-
tap #date:day-
tap #date:done
expect item "20/11/2026"
tap #option:tre_gioi_tinh:Nam
tap #field:tre_dan_toc
tap #pick:0
expect item "Kinh"
screenshot child
tap #action.next
expect item "Bước 5/9"
tap #field:tre_quoc_tich
tap #pick:0
tap #field:tre_noi_sinh
text "Hà Nội"
tap #key:done
tap #field:tre_que_quan
text "Hà Nội"
tap #action.next
expect item "Bước 6/9"
)") + quay::test::kMotherPage +
                             R"(tap #action.next
expect item "Bước 7/9"
tap #action.next
expect item "Bước 8/9"
tap #action.next
expect item "Bước 9/9"
tap #action.next
expect screen review
expect item "Nguyễn Văn An"
screenshot review
drag #edit:0 0 -900
screenshot review_scrolled
expect item "Nguyễn Minh Khang"
expect item "20/11/2026"
tap #action.confirm
expect screen review
expect item "Vui lòng đánh dấu vào ô cam đoan ở cuối trang trước khi nộp."
drag 540 1400 0 -900
drag 540 1400 0 -900
drag 540 1400 0 -900
drag 540 1400 0 -900
drag 540 1400 0 -900
drag 540 1400 0 -900
drag 540 1400 0 -900
drag 540 1400 0 -900
expect item #review.declare
tap #review.declare
tap #action.confirm
wait-for screen receipt 30
expect item "TEST01-261122-0001"
screenshot receipt
wait-gone "Hồ sơ đã được lưu trên ki-ốt này và sẽ được gửi tự động khi có mạng." 30
expect screen receipt
screenshot delivered
)";

// Runs the script on a kiosk with the scanner FIFO (and `extra` TOML) and returns the one
// dossier in its real store (quay.db in the data directory), birth registration with the
// first receipt code of the test clock's day.
quay::store::Item run_journey(const KioskDir& d, const std::string& extra,
                              const std::string& script) {
    const auto items = quay::test::run_with_scanner(d, extra, script);
    REQUIRE(items.size() == 1);
    CHECK(items[0].procedure_code == "1.001193");
    CHECK(items[0].receipt_code == "TEST01-261122-0001");
    return items[0];
}

}  // namespace

TEST_CASE("journey: search in Telex, scan the ID card, fill, confirm; stored and delivered") {
    KioskDir d("journey");
    std::filesystem::create_directories(d.path() / "sim");
    quay::testing::Sim sim(d.path() / "sim");
    const auto item = run_journey(d,
                                  "[portal]\nurl = \"" + sim.url() + "\"\ntoken_file = \"" +
                                      sim.token_file().string() + "\"\n",
                                  kJourney);
    CHECK(item.state == quay::store::State::delivered);
    REQUIRE(item.portal_ref.has_value());
    const auto got = sim.dossier(item.receipt_code);
    REQUIRE(got.has_value());
    // The exact bytes the portal received: what was typed, picked and scanned.
    const auto body = nlohmann::json::parse(got->at("body").get<std::string>());
    CHECK(body.at("procedure_code") == "1.001193");
    CHECK(body.at("receipt_code") == "TEST01-261122-0001");
    CHECK(body.at("applicant").at("full_name") == "Nguyễn Văn An");
    CHECK(body.at("applicant").at("id_number") == "001090123456");
    CHECK(body.at("applicant").at("phone") == "0912345678");
    const auto& fields = body.at("fields");
    CHECK(fields.at("tre_ho_ten") == "Nguyễn Minh Khang");
    CHECK(fields.at("tre_ngay_sinh") == "2026-11-20");
    CHECK(fields.at("tre_gioi_tinh") == "Nam");
    CHECK(fields.at("me_ho_ten") == "Trần Thị Bình");
    CHECK(fields.at("me_nam_sinh") == 1992);
    // Picked from the lists (docs/pickers.md), sent as if typed.
    CHECK(fields.at("quan_he_voi_nguoi_duoc_khai_sinh") == "Cha");
    CHECK(fields.at("tre_dan_toc") == "Kinh");
    CHECK(fields.at("tre_quoc_tich") == "Việt Nam");
    CHECK(fields.at("me_dan_toc") == "Kinh");
    CHECK(fields.at("me_quoc_tich") == "Việt Nam");
    CHECK_FALSE(fields.contains("cha_ho_ten"));
}

TEST_CASE("offline kiosk: the dossier is stored and waits; nothing of it stays on screen") {
    KioskDir d("journey_offline");
    std::string script = kJourney;
    script = script.substr(0, script.find("wait-gone"));  // no portal: it stays pending
    script +=
        "drag 540 1400 0 -500\n"  // the delivery banner sits under the code and next steps
        "expect item \"Hồ sơ đã được lưu trên ki-ốt này và sẽ được gửi tự động khi có mạng.\"\n"
        "tap #action.done\n"
        "expect screen home\n"
        "expect no-item \"Nguyễn Văn An\"\n"
        "expect no-item \"TEST01-261122-0001\"\n"
        // The same procedure again: a fresh form, nothing of the last person in it.
        "tap #home.search\n"
        "expect no-item \"khai sinh\"\n"
        "osk \"khai sinh\"\n"
        "wait-for item #proc:1.001193\n"
        "tap #proc:1.001193\n"
        "tap #action.start\n"
        "expect item \"Bước 1/9\"\n"
        "expect no-item \"Nguyễn Văn An\"\n"
        "expect no-item \"001090123456\"\n"
        "screenshot fresh_form\n";
    const auto item = run_journey(d, "", script);
    CHECK(item.state == quay::store::State::pending);
    CHECK_FALSE(item.portal_ref.has_value());
}
