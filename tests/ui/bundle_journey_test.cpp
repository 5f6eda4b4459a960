// Liên thông bundles through the production binary (docs/bundles.md): the birth bundle
// from the home screen's life event and its guided questions, the death bundle from the
// death registration's page; one form, one review, one confirm, one receipt listing every
// dossier. Online, the portal simulator gets each dossier once with one bundle_id; offline,
// every dossier of the bundle waits in the store with the same bundle_id and is delivered
// once each when the portal is back (quayctl deliver --until-idle).
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <chrono>
#include <set>
#include <sstream>

#include "kiosk_run.hpp"
#include "process.hpp"
#include "quay/clock.hpp"
#include "quay/store/store.hpp"
#include "scripted_store.hpp"
#include "sim.hpp"

using quay::test::KioskDir;

namespace {

const char* const kScan = "scan \"001090123456||Nguyễn Văn An|01011990|Nam|Hà Nội|15042021\\r\"\n";

// To the bottom of the review (its declaration), whatever its length.
std::string to_the_declaration() {
    std::string s;
    for (int i = 0; i < 6; ++i)
        s += "drag 540 1400 0 -900\n";
    return s;
}

// Home → "Sinh con" → the birth questions (no father named, born in hospital, on time) →
// "Nộp cả 2 thủ tục": the applicant once, the birth registration (its father's pages
// skipped by the answers), the permanent residence registration; review; confirm.
std::string birth_script() {
    return std::string(R"(tap #event:birth
expect screen procedure_list
tap #guide:khai_sinh
expect screen guided
tap #answer:new
tap #answer:no_father
tap #answer:hospital
tap #answer:on_time
expect screen guided_outcome
expect item #bundle.offer
screenshot outcome
tap #bundle.start
expect screen form
expect item "Bước 1/10"
expect item "Thông tin chung cho cả 2 thủ tục"
)") + kScan +
           R"(wait-for item "Nguyễn Văn An" 10
tap #action.next
expect item "Bước 2/10"
tap #field:applicant.phone
text "0912345678"
tap #action.next
expect item "Bước 3/10"
expect item "Thủ tục 1 trên 2: Đăng ký khai sinh"
tap #field:quan_he_voi_nguoi_duoc_khai_sinh
tap #pick:0
tap #action.next
expect item "Bước 4/10"
tap #field:tre_ho_ten
text "Nguyễn Minh Khang"
tap #key:done
tap #field:tre_ngay_sinh
tap #date:day-
tap #date:day-
tap #date:done
tap #option:tre_gioi_tinh:Nam
tap #field:tre_dan_toc
tap #pick:0
screenshot bundle_form
tap #action.next
expect item "Bước 5/10"
tap #field:tre_quoc_tich
tap #pick:0
tap #picker:tre_noi_sinh
expect screen picker
tap #pick:0
tap #picker:tre_que_quan
tap #pick:0
tap #action.next
expect item "Bước 6/10"
)" + std::string(quay::test::kMotherPage) +
           R"(tap #action.next
expect item "Bước 7/10"
tap #action.next
expect item "Bước 8/10"
expect item "Thủ tục 2 trên 2: Đăng ký thường trú"
expect no-item #field:applicant.full_name
expect item "Đăng ký thường trú cho trẻ mới sinh"
screenshot bundle_form_second
tap #action.next
expect item "Bước 9/10"
tap #action.next
expect item "Bước 10/10"
tap #action.next
expect screen review
expect item #review.shared
screenshot bundle_review
)" + to_the_declaration() +
           R"(expect item #review.declare
tap #review.declare
expect item "Xác nhận nộp 2 hồ sơ"
tap #action.confirm
wait-for screen receipt 30
expect item "Đã lưu 2 hồ sơ nộp liên thông"
expect item "TEST01-261122-0001"
expect item "TEST01-261122-0002"
screenshot bundle_receipt
)";
}

// The death registration's page → "Nộp cả 3 thủ tục": the deceased asked once for all three.
std::string death_script() {
    return std::string(R"(tap #home.search
osk "khai tuwr"
wait-for item #proc:1.000656
tap #proc:1.000656
expect screen procedure
expect item #bundle.offer
tap #bundle.start
expect screen form
expect item "Bước 1/11"
)") + kScan +
           R"(wait-for item "Nguyễn Văn An" 10
tap #action.next
tap #field:applicant.phone
text "0912345678"
tap #action.next
expect item "Thủ tục 1 trên 3: Đăng ký khai tử"
tap #field:quan_he_voi_nguoi_chet
tap #pick:0
tap #action.next
expect item "Bước 4/11"
tap #field:nguoi_chet_ho_ten
text "Trần Văn Cường"
tap #key:done
tap #field:nguoi_chet_ngay_sinh
tap #date:done
tap #option:nguoi_chet_gioi_tinh:Nam
tap #field:nguoi_chet_dan_toc
tap #pick:0
tap #action.next
expect item "Bước 5/11"
tap #field:nguoi_chet_quoc_tich
tap #pick:0
tap #field:nguoi_chet_noi_cu_tru_cuoi
text "Hà Nội"
tap #key:done
tap #action.next
expect item "Bước 6/11"
tap #field:ngay_chet
tap #date:day-
tap #date:done
tap #field:noi_chet
text "Hà Nội"
tap #key:done
tap #field:nguyen_nhan_chet
text "Bệnh già"
tap #key:done
tap #action.next
expect item "Bước 7/11"
tap #action.next
expect item "Bước 8/11"
expect item "Thủ tục 2 trên 3: Xóa đăng ký thường trú"
expect no-item #field:nguoi_bi_xoa_ho_ten
tap #field:noi_dung_de_nghi
text "Xóa đăng ký thường trú"
tap #key:done
tap "Đã chết/mất tích"
tap #action.next
expect item "Bước 9/11"
tap #action.next
expect item "Bước 10/11"
expect item "Thủ tục 3 trên 3: Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội"
expect no-item #field:nguoi_chet_ho_ten
tap "Đang hưởng trợ cấp xã hội hằng tháng"
tap #action.next
expect item "Bước 11/11"
tap #field:nguoi_to_chuc_mai_tang_quan_he
tap #pick:0
tap #action.next
expect screen review
)" + to_the_declaration() +
           R"(tap #review.declare
tap #action.confirm
wait-for screen receipt 30
expect item "Đã lưu 3 hồ sơ nộp liên thông"
expect item "TEST01-261122-0001"
screenshot death_receipt
)";
}

std::string portal(const quay::testing::Sim& sim) {
    return "[portal]\nurl = \"" + sim.url() + "\"\ntoken_file = \"" + sim.token_file().string() +
           "\"\n";
}

std::string bundle_id_of(const quay::store::Item& item) {
    return nlohmann::json::parse(*item.body).value("bundle_id", std::string());
}

// Every dossier once at the simulator, all with the same bundle_id as in the store.
void check_at_portal(const quay::testing::Sim& sim, const std::vector<quay::store::Item>& items,
                     const std::vector<std::string>& procedures) {
    REQUIRE(items.size() == procedures.size());
    CHECK(sim.dossier_count() == static_cast<std::int64_t>(items.size()));
    const std::string bundle = bundle_id_of(items[0]);
    CHECK_FALSE(bundle.empty());
    std::set<std::string> seen;
    for (std::size_t i = 0; i < items.size(); ++i) {
        CHECK(items[i].procedure_code == procedures[i]);
        CHECK(items[i].state == quay::store::State::delivered);
        const auto got = sim.dossier(items[i].receipt_code);
        REQUIRE(got.has_value());
        CHECK(got->at("bundle_id") == bundle);
        seen.insert(got->at("dossier_id").get<std::string>());
    }
    CHECK(seen.size() == items.size());
}

// Offline: all stored, pending, one bundle_id; then delivered once each by quayctl.
void check_offline_then_delivered(const KioskDir& d, const std::vector<quay::store::Item>& items,
                                  const std::vector<std::string>& procedures) {
    REQUIRE(items.size() == procedures.size());
    const std::string bundle = bundle_id_of(items[0]);
    CHECK_FALSE(bundle.empty());
    for (std::size_t i = 0; i < items.size(); ++i) {
        CHECK(items[i].procedure_code == procedures[i]);
        CHECK(items[i].state == quay::store::State::pending);
        CHECK(bundle_id_of(items[i]) == bundle);
    }
    std::filesystem::create_directories(d.path() / "sim");
    quay::testing::Sim sim(d.path() / "sim");
    const auto cfg = d.write_config(portal(sim));
    const auto r =
        quay::testing::run({std::string(QUAY_BINARY_DIR) + "/kiosk/app/quayctl", "--config",
                            cfg.string(), "deliver", "--until-idle", "--timeout", "60"},
                           {.env = {}, .timeout = std::chrono::seconds(120)});
    REQUIRE_MESSAGE(r.exit_code == 0, r.describe());
    quay::SystemClock clock;
    auto store = quay::store::Store::open(d.path() / "data", clock);
    std::vector<quay::store::Item> after;
    for (const auto& i : store.items())
        after.push_back(*store.get(i.dossier_id));
    check_at_portal(sim, after, procedures);
}

const std::vector<std::string> kBirth{"1.001193", "1.004222"};
const std::vector<std::string> kDeath{"1.000656", "1.003197", "1.001731"};

// What a script asks of the citizen: taps, scrolls, card scans and characters typed (on
// the keyboard or the on-screen keys; code points, so "ễ" is one).
struct Effort {
    int taps = 0, scrolls = 0, scans = 0, chars = 0;
};

Effort effort_of(const std::string& script) {
    Effort e;
    std::istringstream in(script);
    for (std::string line; std::getline(in, line);) {
        if (line.starts_with("tap ") || line.starts_with("fast-tap ")) ++e.taps;
        if (line.starts_with("drag ")) ++e.scrolls;
        if (line.starts_with("scan ")) ++e.scans;
        if (line.starts_with("text \"") || line.starts_with("osk \"")) {
            const auto text = line.substr(line.find('"') + 1, line.rfind('"') - line.find('"') - 1);
            for (unsigned char c : text)
                e.chars += (c & 0xC0) != 0x80;
        }
    }
    return e;
}

}  // namespace

// docs/bundles.md "How long it takes": typing at 20 characters a minute (3 s each), 2 s for
// each tap or scroll (finding the next button included), 5 s to lay the ID card on the reader.
TEST_CASE("bundle journey: what the birth bundle asks of a citizen, home screen to receipt") {
    const auto e = effort_of(birth_script());
    const int seconds = 2 * (e.taps + e.scrolls) + 5 * e.scans + 3 * e.chars;
    MESSAGE("birth bundle: " << e.taps << " taps, " << e.scrolls << " scrolls, " << e.scans
                             << " scan, " << e.chars << " characters typed: " << seconds
                             << " s at 2 s a tap or scroll, 5 s a scan, 20 characters a minute");
    CHECK(seconds < 300);  // the goal (issue 13): a longer form fails; docs/bundles.md
}

TEST_CASE(
    "bundle journey, online: the birth bundle from the home screen, once each at the portal") {
    KioskDir d("bundle_birth_online");
    std::filesystem::create_directories(d.path() / "sim");
    quay::testing::Sim sim(d.path() / "sim");
    const auto started = std::chrono::steady_clock::now();
    const auto items = quay::test::run_with_scanner(
        d, portal(sim),
        birth_script() +
            "wait-gone \"Đã lưu trên ki-ốt, sẽ tự gửi khi có mạng\" 30\n"
            "screenshot bundle_delivered\n");
    MESSAGE("the scripted birth bundle ran in "
            << std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - started)
                   .count()
            << " ms (headless, software renderer)");
    check_at_portal(sim, items, kBirth);
    const auto body = nlohmann::json::parse(*items[0].body);
    CHECK(body.at("fields").at("tre_ho_ten") == "Nguyễn Minh Khang");
    CHECK_FALSE(body.at("fields").contains("cha_ho_ten"));
    const auto second = nlohmann::json::parse(*items[1].body);
    CHECK(second.at("applicant") == body.at("applicant"));
    // Prefilled by the bundle (docs/bundles.md "Prefilled"): the card's address, the usual request.
    CHECK(second.at("fields").at("dia_chi_dang_ky") == body.at("applicant").at("address"));
    CHECK(second.at("fields").at("noi_dung_de_nghi") == "Đăng ký thường trú cho trẻ mới sinh");
}

TEST_CASE("bundle journey, offline: the birth bundle waits whole, then is delivered once each") {
    KioskDir d("bundle_birth_offline");
    check_offline_then_delivered(d, quay::test::run_with_scanner(d, "", birth_script()), kBirth);
}

TEST_CASE("bundle journey, online: the death bundle from its procedure page") {
    KioskDir d("bundle_death_online");
    std::filesystem::create_directories(d.path() / "sim");
    quay::testing::Sim sim(d.path() / "sim");
    const auto items = quay::test::run_with_scanner(
        d, portal(sim),
        death_script() + "wait-gone \"Đã lưu trên ki-ốt, sẽ tự gửi khi có mạng\" 30\n");
    check_at_portal(sim, items, kDeath);
    for (const auto& item : items) {
        const auto fields = nlohmann::json::parse(*item.body).at("fields");
        CHECK((fields.value("nguoi_chet_ho_ten", std::string()) == "Trần Văn Cường" ||
               fields.value("nguoi_bi_xoa_ho_ten", std::string()) == "Trần Văn Cường"));
    }
}

TEST_CASE("bundle journey, offline: the death bundle waits whole, then is delivered once each") {
    KioskDir d("bundle_death_offline");
    check_offline_then_delivered(d, quay::test::run_with_scanner(d, "", death_script()), kDeath);
}
