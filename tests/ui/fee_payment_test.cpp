// The fee's VietQR from the touchscreen: guided answers settle what is owed, the review
// says it, and the receipt screen shows the same payload the printed slip carries
// (`quayctl receipt`), for a catalogue whose residence outcome leaves one fee line.
#include <doctest/doctest.h>

#include <fstream>

#include "kiosk.hpp"
#include "kiosk_run.hpp"
#include "quay/embedded.hpp"

namespace {

// The bundled catalogue without the online-filing fee lines: after "not exempt" the one
// line left is the in-person 20.000 đ.
std::filesystem::path in_person_catalog(const std::filesystem::path& dir) {
    auto c = nlohmann::json::parse(*quay::embedded::assets::find("catalog.json"));
    for (auto& g : c.at("guides"))
        for (auto& n : g.at("nodes")) {
            if (!n.contains("fees")) continue;
            auto& fees = n.at("fees");
            for (auto it = fees.begin(); it != fees.end();)
                it = it->at("fee").get<std::string>().ends_with("_truc_tuyen") ? fees.erase(it)
                                                                               : it + 1;
        }
    // Inferred marks point into fee arrays by index: drop them with the lines they named.
    for (auto& g : c.at("guides"))
        if (g.contains("provenance")) g["provenance"]["inferred"] = nlohmann::json::array();
    const auto path = dir / "catalog.json";
    std::ofstream(path) << c.dump();
    return path;
}

constexpr const char* kToReview = R"(tap #event:moving_house
tap #guide:cu_tru
tap #answer:permanent
tap #answer:own
tap #answer:no
expect screen guided_outcome
tap #action.start
expect screen form
tap #field:applicant.full_name
text "Nguyễn Văn An"
tap #field:applicant.id_number
text "001090123456"
tap #field:applicant.date_of_birth
tap #date:done
tap #field:applicant.address
text "Số 5, thôn Đông"
tap #action.next
tap #field:applicant.phone
text "0912345678"
tap #action.next
tap #field:noi_dung_de_nghi
text "Đăng ký thường trú"
tap #field:dia_chi_dang_ky
text "Số 5, thôn Đông"
tap #action.next
tap #action.next
tap #action.next
expect screen review
)";

}  // namespace

TEST_CASE("the fee the answers settle: on the review, and as the slip's VietQR on screen") {
    quay::test::KioskDir d("fee-payment");
    std::filesystem::create_directories(d.path() / "kiosk");
    quay::testing::KioskOptions o;
    o.catalog_file = in_person_catalog(d.path());
    o.extra_toml =
        "[payment]\nbank_bin = \"970436\"\naccount = \"0011001234567\"\n"
        "account_name = \"UBND XA DONG ANH\"\n";
    const quay::testing::Kiosk kiosk(d.path() / "kiosk", "http://127.0.0.1:9", "test-token", o);

    std::string script = kToReview;
    for (int i = 0; i < 8; ++i)
        script += "drag 540 1400 0 -900\n";
    script +=
        "expect item \"Lệ phí phải nộp: 20.000\u00a0đ\"\n"
        "screenshot review_fee\n"
        "tap #review.declare\n"
        "tap #action.confirm\n"
        "wait-for screen receipt 30\n"
        "drag 540 1400 0 -900\n"
        "drag 540 1400 0 -900\n"
        "expect item #receipt.payment_qr\n"
        "expect item \"Lệ phí: 20.000\u00a0đ\"\n"
        "expect item \"Người nhận: UBND XA DONG ANH\"\n"
        "screenshot receipt_fee\n";
    const auto r = d.run_script(kiosk.config(), script);
    REQUIRE_MESSAGE(r.exit_code == 0, r.stderr_text);

    // The screen's QR is the slip's payload: amount 20000, the receipt code as purpose.
    const auto queue = kiosk.queue();
    REQUIRE(queue.at("items").size() == 1);
    const std::string id = queue.at("items")[0].at("dossier_id");
    const auto slip = kiosk.ok({"receipt", id, "--out", (d.path() / "slip.png").string()});
    const std::string payload = slip.at("payment_qr");
    CHECK(payload.find("540520000") != std::string::npos);  // tag 54, 5 digits: 20000
    std::ifstream in(d.shots() / "receipt_fee.items.json");
    const auto shot = nlohmann::json::parse(in);
    bool shown = false;
    for (const auto& it : shot.at("items"))
        if (it.at("id") == "receipt.payment_qr") shown = it.at("label") == payload;
    CHECK(shown);
    // And a real decoder reads it off the screen's pixels.
    const auto zbar = quay::testing::run(
        {"/usr/bin/zbarimg", "--raw", "-q", (d.shots() / "receipt_fee.png").string()});
    CHECK_MESSAGE(zbar.out.find(payload) != std::string::npos, zbar.describe());
}
