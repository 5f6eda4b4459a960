// Receipt facts and words: working-day dates, amounts, masking, the honest delivery state,
// privacy (no address, ID number, e-mail or full phone on a loose slip), both languages.
#include <doctest/doctest.h>

#include "quay/error.hpp"
#include "quay/locale/locale.hpp"
#include "quay/locale/words.hpp"
#include "quay/receipt/builder.hpp"
#include "quay/receipt/checklist.hpp"
#include "quay/receipt/format.hpp"
#include "quay/receipt/layout.hpp"
#include "quay/receipt/printer.hpp"
#include "quay/text/utf8.hpp"
#include "sample.hpp"

using namespace quay;
using namespace quay::receipt;

namespace {

const locale::Locale& strings() {
    static const auto l = locale::Locale::embedded();
    return l;
}

std::chrono::system_clock::time_point at(int y, unsigned m, unsigned d, int h, int min) {
    // Local time at +07:00 → UTC.
    return std::chrono::sys_days{std::chrono::year{y} / m / d} + std::chrono::hours{h - 7} +
           std::chrono::minutes{min};
}

catalog::Catalog residence_catalog() {
    catalog::Catalog c;
    c.procedures.push_back(test::residence_procedure());
    return c;
}

ReceiptData build(const std::string& state, Language lang = Language::vi,
                  std::optional<std::string> ref = std::nullopt) {
    const auto cat = residence_catalog();
    const StoredDossier d{test::body_for(cat.procedures[0], "K0042-261121-0007").dump(), state,
                          std::move(ref)};
    return build_receipt(d, cat, test::receipt_config(), {lang, at(2026, 11, 21, 16, 50), 420});
}

}  // namespace

TEST_CASE("working days skip weekends") {
    CHECK(weekday({2026, 11, 21}) == 6);                                    // Saturday
    CHECK(add_working_days({2026, 11, 20}, 1) == CivilDate{2026, 11, 23});  // Fri → Mon
    CHECK(add_working_days({2026, 11, 21}, 0) == CivilDate{2026, 11, 23});  // Sat counts from Mon
    CHECK(add_working_days({2026, 11, 22}, 1) == CivilDate{2026, 11, 24});  // Sun → Tue
    CHECK(add_working_days({2026, 11, 25}, 7) == CivilDate{2026, 12, 4});   // Wed + 7 → Fri
    CHECK(add_working_days({2026, 12, 31}, 1) == CivilDate{2027, 1, 1});    // across the year
    CHECK(add_working_days({2028, 2, 28}, 1) == CivilDate{2028, 2, 29});    // leap day
}

TEST_CASE("RFC 3339 local times") {
    const auto t = parse_rfc3339_local("2026-11-22T09:15:02+07:00");
    CHECK(t == CivilDateTime{{2026, 11, 22}, 9, 15});
    CHECK(parse_rfc3339_local("2026-11-22T09:15:02.123Z").minute == 15);
    for (const char* bad :
         {"", "2026-11-22", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-22T24:00:00Z",
          "2026-11-22T09:15:02+7", "2026-11-22 09:15:02Z", "2026-11-22T09:15:02+07:00x"}) {
        CHECK_THROWS_AS(parse_rfc3339_local(bad), Error);
    }
}

TEST_CASE("digits: amounts, phones, status URLs") {
    CHECK(locale::group_thousands(0, ".") == "0");
    CHECK(locale::group_thousands(8000, ".") == "8.000");
    CHECK(locale::group_thousands(200000, ".") == "200.000");
    CHECK(locale::group_thousands(1234567, ",") == "1,234,567");
    CHECK(locale::group_thousands(-1000, ".") == "-1.000");
    CHECK(mask_phone("0912345678") == "09xx xxx 678");
    CHECK(mask_phone("+84 912 345 678") == "84xxx xxx 678");
    CHECK(mask_phone("12345") == "");
    CHECK(status_url("https://x.vn/s?ma={receipt_code}&r={receipt_code}", "K1-2") ==
          "https://x.vn/s?ma=K1-2&r=K1-2");
    CHECK(status_url("https://x.vn/{receipt_code}", "A B/é") == "https://x.vn/A%20B%2F%C3%A9");
    CHECK(status_url("https://x.vn/s", "K1") == "https://x.vn/s");
}

TEST_CASE("a stored dossier: provisional date, office that acts, fees, honest state") {
    const auto r = build("pending");
    CHECK(r.delivery == DeliveryState::stored);
    CHECK(r.received_at == CivilDateTime{{2026, 11, 21}, 16, 45});
    REQUIRE(r.expected_on);
    CHECK(*r.expected_on == CivilDate{2026, 12, 2});  // Sat → Mon 23 + 7 working days
    const auto text = make_layout(r, strings().strings(Language::vi)).plain_text();
    CHECK(text.find("BIÊN NHẬN HỒ SƠ NỘP TẠI KI-ỐT") != std::string::npos);
    CHECK(text.find("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ") == std::string::npos);
    CHECK(text.find("Hồ sơ chờ cán bộ kiểm tra, tiếp nhận") != std::string::npos);
    CHECK(text.find("Cơ quan giải quyết: Công an cấp xã") != std::string::npos);
    CHECK(text.find("16 giờ 45 phút, ngày 21 tháng 11 năm 2026") != std::string::npos);
    CHECK(text.find("(dự kiến): Thứ Tư, ngày 02 tháng 12 năm 2026") != std::string::npos);
    CHECK(text.find("20.000\u00A0đ") != std::string::npos);
    CHECK(text.find("do HĐND tỉnh quy định") != std::string::npos);
    CHECK(text.find("Miễn phí") != std::string::npos);
    CHECK(text.find("[BS×2] Giấy tờ, tài liệu") != std::string::npos);
    CHECK(text.find("[BC][BS] Văn bản đồng ý") != std::string::npos);
    CHECK(text.find("Hồ sơ lưu tại ki-ốt, sẽ tự động gửi") != std::string::npos);
    CHECK(text.find("Cổng dịch vụ công đã nhận") == std::string::npos);
    CHECK(text.find("Ki-ốt K0042 · In lúc 16:50 21/11/2026") != std::string::npos);
    // Privacy: only the name and a masked phone.
    CHECK(text.find("Nguyễn Văn An") != std::string::npos);
    CHECK(text.find("09xx xxx 678") != std::string::npos);
    for (const char* secret : {"0912345678", "001090123456", "Số 5, thôn Đông", "1990"})
        CHECK_MESSAGE(text.find(secret) == std::string::npos, secret);
}

TEST_CASE("the slip says what to do now, before the details (issue 14)") {
    auto r = build("pending");
    const auto text = make_layout(r, strings().strings(Language::vi)).plain_text();
    const auto now = text.find("VIỆC CẦN LÀM BÂY GIỜ");
    REQUIRE(now != std::string::npos);
    CHECK(now < text.find("Thủ tục:"));
    CHECK(text.find("1. Mang biên nhận này và các giấy tờ dưới đây (bản chính [BC], bản sao [BS]) "
                    "đến bộ phận một cửa") != std::string::npos);
    // 20.000 đ, a free line and a council-set fee: alternatives, not a sum. Which applies
    // is the officer's to say.
    CHECK(text.find("2. Nộp phí, lệ phí tại bộ phận một cửa: cán bộ cho biết khoản nào áp dụng "
                    "(mục Phí, lệ phí).") != std::string::npos);
    CHECK(text.find("3. Hẹn trả kết quả (dự kiến): Thứ Tư, ngày 02 tháng 12 năm 2026.") !=
          std::string::npos);
    CHECK(text.find("Khi nhận kết quả: mang biên nhận này và thẻ căn cước.") != std::string::npos);

    r.fees = {{"Lệ phí", 0}};
    r.expected_on.reset();
    const auto free = make_layout(r, strings().strings(Language::vi)).plain_text();
    CHECK(free.find("2. Không phải nộp phí, lệ phí.") != std::string::npos);
    CHECK(free.find("3. Hẹn trả kết quả (dự kiến): theo quy định của thủ tục.") !=
          std::string::npos);
    // In person 20.000 đ or online 10.000 đ: never "30.000 đ".
    r.fees = {{"Lệ phí (nộp trực tiếp)", 20000}, {"Lệ phí (nộp trực tuyến)", 10000}};
    const auto alternatives = make_layout(r, strings().strings(Language::vi)).plain_text();
    CHECK(alternatives.find("30.000") == std::string::npos);
    CHECK(alternatives.find("2. Nộp phí, lệ phí tại bộ phận một cửa: cán bộ cho biết") !=
          std::string::npos);
    const auto en = make_layout(r, strings().strings(Language::en)).plain_text();
    CHECK(en.find("WHAT TO DO NOW") != std::string::npos);
    CHECK(en.find("2. Pay the fee at the service desk: the officer says which line applies "
                  "(Fees).") != std::string::npos);
    // Lines that agree: that amount.
    r.fees = {{"Lệ phí", 8000}};
    CHECK(make_layout(r, strings().strings(Language::en))
              .plain_text()
              .find("2. Pay the fee at the service desk: 8,000\u00A0VND.") != std::string::npos);
    // What the answers settled (fee_due) wins over the lines; with a VietQR, say so.
    r.fees = {{"Lệ phí (nộp trực tiếp)", 20000}, {"Lệ phí (nộp trực tuyến)", 10000}};
    r.fee_due = 20000;
    CHECK(make_layout(r, strings().strings(Language::vi))
              .plain_text()
              .find("2. Nộp phí, lệ phí tại bộ phận một cửa: 20.000\u00A0đ.") != std::string::npos);
    r.payment_qr = "000201010212";
    r.payment_amount_dong = 20000;
    CHECK(make_layout(r, strings().strings(Language::vi))
              .plain_text()
              .find("2. Nộp lệ phí 20.000\u00A0đ tại bộ phận một cửa, hoặc chuyển khoản bằng mã "
                    "VietQR bên dưới.") != std::string::npos);
    r.fee_due = 0;
    r.payment_qr.clear();
    CHECK(make_layout(r, strings().strings(Language::vi))
              .plain_text()
              .find("2. Không phải nộp phí, lệ phí.") != std::string::npos);

    r.personal_data_purged = true;  // a reprint years later: the errand is long done
    CHECK(make_layout(r, strings().strings(Language::vi)).plain_text().find("VIỆC CẦN LÀM") ==
          std::string::npos);
}

TEST_CASE("delivered and dead dossiers say so") {
    const auto delivered = build("delivered", Language::vi, "DVC-2026-000123");
    CHECK(delivered.delivery == DeliveryState::delivered);
    CHECK(make_layout(delivered, strings().strings(Language::vi))
              .plain_text()
              .find("Cổng dịch vụ công đã nhận, mã: DVC-2026-000123") != std::string::npos);
    CHECK(build("in_flight").delivery == DeliveryState::stored);
    CHECK(build("dead").delivery == DeliveryState::needs_staff);
    CHECK_THROWS_AS(build("delivered"), Error);  // no reference: not delivered
    CHECK_THROWS_AS(build("lost"), Error);
}

TEST_CASE("English when the citizen chose English") {
    const auto r = build("pending", Language::en);
    const auto text = make_layout(r, strings().strings(Language::en)).plain_text();
    CHECK(text.find("HOA PHU COMMUNE") != std::string::npos);
    CHECK(text.find("Permanent residence registration") != std::string::npos);
    CHECK(text.find("Commune police") != std::string::npos);
    CHECK(text.find("[C×2] Proof of lawful ownership") != std::string::npos);
    CHECK(text.find("16:45, 21 November 2026") != std::string::npos);
    CHECK(text.find("Wednesday 2 December 2026") != std::string::npos);
    CHECK(text.find("20,000\u00A0VND") != std::string::npos);
    CHECK(text.find("Saved on this kiosk") != std::string::npos);
    CHECK(text.find("Nguyễn Văn An") != std::string::npos);  // names are never translated
}

TEST_CASE("a procedure the catalogue no longer has still gives a receipt") {
    const auto proc = test::residence_procedure();
    const StoredDossier d{test::body_for(proc, "K0042-261121-0008").dump(), "pending", {}};
    const auto r = build_receipt(d, catalog::Catalog{}, test::receipt_config(),
                                 {Language::vi, at(2026, 11, 21, 17, 0), 420});
    CHECK(r.procedure_name.empty());
    CHECK_FALSE(r.expected_on);
    const auto text = make_layout(r, strings().strings(Language::vi)).plain_text();
    CHECK(text.find("Thủ tục: 1.004222") != std::string::npos);
    CHECK(text.find("theo quy định của thủ tục") != std::string::npos);
    CHECK(text.find("Tờ khai thay đổi thông tin cư trú") != std::string::npos);  // body names
}

TEST_CASE("malformed bodies are refused with a clear error") {
    const auto cat = residence_catalog();
    auto good = test::body_for(cat.procedures[0], "K0042-261121-0009");
    const auto refuse = [&](nlohmann::json body, const char* what) {
        const StoredDossier d{body.dump(), "pending", {}};
        try {
            build_receipt(d, cat, test::receipt_config(), {});
            FAIL("accepted: " << what);
        } catch (const Error& e) {
            CHECK(e.code() == "bad_dossier");
            CHECK_MESSAGE(std::string(e.what()).find(what) != std::string::npos, e.what());
        }
    };
    CHECK_THROWS_AS(
        build_receipt(StoredDossier{"{not json", "pending", {}}, cat, test::receipt_config(), {}),
        Error);
    auto b = good;
    b.erase("receipt_code");
    refuse(b, "receipt_code");
    b = good;
    b["applicant"].erase("full_name");
    refuse(b, "full_name");
    b = good;
    b["documents"][0]["copies"] = -1;
    refuse(b, "copies");
    b = good;
    b["fees"][0]["amount"] = "8000";
    refuse(b, "amount");
    b = good;
    b["created_at"] = "yesterday";
    CHECK_THROWS_AS(
        build_receipt(StoredDossier{b.dump(), "pending", {}}, cat, test::receipt_config(), {}),
        Error);
}

TEST_CASE("after the retention period: a receipt without personal details") {
    const auto cat = residence_catalog();
    const DossierSummary s{
        "K0042-261121-0010", "1.004222",       "2026-11-21T16:45:02+07:00", "K0042",
        "delivered",         "DVC-2026-000999"};
    const auto r =
        build_receipt(s, cat, test::receipt_config(), {Language::vi, at(2026, 12, 30, 8, 0), 420});
    CHECK(r.personal_data_purged);
    const auto text = make_layout(r, strings().strings(Language::vi)).plain_text();
    CHECK(text.find("K0042-261121-0010") != std::string::npos);
    CHECK(text.find("Đăng ký thường trú") != std::string::npos);
    CHECK(text.find("DVC-2026-000999") != std::string::npos);
    CHECK(text.find("đã được xóa khỏi ki-ốt") != std::string::npos);
    CHECK(text.find("Người nộp") == std::string::npos);
    CHECK(text.find("Thành phần hồ sơ") == std::string::npos);
}

TEST_CASE("text from the body is NFC on the receipt") {
    const auto cat = residence_catalog();
    auto body = test::body_for(cat.procedures[0], "K0042-261121-0011",
                               "Nguye\xcc\x82\xcc\x83n Va\xcc\x86n A\xcc\x82n");  // NFD
    const auto r =
        build_receipt(StoredDossier{body.dump(), "pending", {}}, cat, test::receipt_config(), {});
    CHECK(r.applicant_name == "Nguyễn Văn Ân");
    CHECK(text::is_nfc(make_layout(r, strings().strings(Language::vi)).plain_text()));
}

TEST_CASE("printer results in the heartbeat's words") {
    CHECK(heartbeat_state({PrintOutcome::printed, false, ""}) == "ok");
    CHECK(heartbeat_state({PrintOutcome::printed, true, ""}) == "paper_near_end");
    CHECK(heartbeat_state({PrintOutcome::paper_out, false, ""}) == "paper_out");
    CHECK(heartbeat_state({PrintOutcome::offline, false, ""}) == "offline");
    CHECK(to_string(PrintOutcome::cover_open) == "cover_open");
}

TEST_CASE("the document checklist, printed before any dossier, says it is not a receipt") {
    const auto proc = test::residence_procedure();
    const auto vi = make_checklist(proc, Language::vi, {"", "K0042", {{2026, 11, 21}, 9, 5}},
                                   strings().strings(Language::vi))
                        .plain_text();
    CHECK(vi.find("GIẤY TỜ CẦN MANG") != std::string::npos);
    CHECK(vi.find(proc.name.vi) != std::string::npos);
    CHECK(vi.find("[BS×2] Giấy tờ, tài liệu") != std::string::npos);
    CHECK(vi.find("20.000\u00A0đ") != std::string::npos);
    CHECK(vi.find("Đây không phải biên nhận") != std::string::npos);
    CHECK(vi.find("Mã hồ sơ") == std::string::npos);  // no dossier, no code
    const auto en = make_checklist(proc, Language::en, {"", "K0042", {{2026, 11, 21}, 9, 5}},
                                   strings().strings(Language::en))
                        .plain_text();
    CHECK(en.find("DOCUMENTS TO BRING") != std::string::npos);
    CHECK(en.find("This is not a receipt") != std::string::npos);
    CHECK(vi.find("hỏi cán bộ") == std::string::npos);  // every part from a source
}

TEST_CASE("the checklist says to ask the staff about a part not from a source") {
    auto proc = test::residence_procedure();
    proc.fees.clear();
    proc.provenance.inferred = {"/procedures/3/fees", "/procedures/3/documents/1"};
    const auto text = make_checklist(proc, Language::vi, {"", "K0042", {{2026, 11, 21}, 9, 5}},
                                     strings().strings(Language::vi))
                          .plain_text();
    const std::string ask = "chưa được đối chiếu đủ với văn bản chính thức: hỏi cán bộ.";
    const auto first = text.find(ask);
    REQUIRE(first != std::string::npos);                    // under the documents
    CHECK(text.find("Phí, lệ phí") != std::string::npos);   // the fees' heading, no fee listed
    CHECK(text.find(ask, first + 1) != std::string::npos);  // and under it
}
