// Citizen ID QR parser and ID-number checks: cccd-qr.md's samples S1-S8 with their exact
// expected outputs (tests/data/idcard/cccd-samples.json), the listed rejects, hostile input.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "quay/idcard/id_number.hpp"
#include "quay/idcard/qr.hpp"
#include "quay/text/utf8.hpp"

using namespace quay::idcard;

namespace {

nlohmann::json samples() {
    std::ifstream in(QUAY_SOURCE_DIR "/tests/data/idcard/cccd-samples.json");
    REQUIRE(in.good());
    return nlohmann::json::parse(in).at("samples");
}

std::string sample_raw(const std::string& name) {
    for (const auto& s : samples())
        if (s.at("name") == name) return s.at("raw").get<std::string>();
    FAIL("no sample " << name);
    return {};
}

QrError expect_error(std::string_view raw, QrErrorCode code) {
    const QrResult r = parse_citizen_id_qr(raw);
    const auto* e = std::get_if<QrError>(&r);
    REQUIRE_MESSAGE(e != nullptr, "parsed although it should fail: " << to_json(r).dump());
    CHECK_MESSAGE(e->code == code, "got " << to_string(e->code) << ": " << e->detail);
    CHECK_FALSE(e->detail.empty());
    return *e;
}

CitizenId expect_ok(std::string_view raw) {
    const QrResult r = parse_citizen_id_qr(raw);
    const auto* id = std::get_if<CitizenId>(&r);
    REQUIRE_MESSAGE(id != nullptr, "rejected: " << to_json(r).dump());
    return *id;
}

// S1 with one field replaced (1-based index).
std::string s1_with(std::size_t field, const std::string& value) {
    std::vector<std::string> f;
    std::stringstream ss(sample_raw("S1"));
    for (std::string part; std::getline(ss, part, '|');)
        f.push_back(part);
    f.at(field - 1) = value;
    std::string out;
    for (std::size_t i = 0; i < f.size(); ++i)
        out += (i ? "|" : "") + f[i];
    return out;
}

}  // namespace

TEST_CASE("samples S1-S8 give exactly the documented output") {
    const auto all = samples();
    REQUIRE(all.size() == 8);
    for (const auto& s : all) {
        CAPTURE(s.at("name").get<std::string>());
        const nlohmann::json got = to_json(parse_citizen_id_qr(s.at("raw").get<std::string>()));
        CHECK(got == s.at("expected"));
        if (got.at("ok") == true) {
            CHECK(quay::text::is_nfc(got.at("full_name").get<std::string>()));
            CHECK(quay::text::is_nfc(got.at("address").get<std::string>()));
        }
    }
}

TEST_CASE("NFD input (S6) parses to exactly S1") {
    const std::string s6 = sample_raw("S6");
    CHECK_FALSE(quay::text::is_nfc(s6));
    CHECK(to_json(parse_citizen_id_qr(s6)) == to_json(parse_citizen_id_qr(sample_raw("S1"))));
}

TEST_CASE("scanner line endings and surrounding blanks are stripped") {
    const std::string s1 = sample_raw("S1");
    const auto want = to_json(parse_citizen_id_qr(s1));
    for (const std::string& raw : {s1 + "\r\n", s1 + "\n", s1 + "\r", "\r\n" + s1 + " \t\r\n"}) {
        CHECK(to_json(parse_citizen_id_qr(raw)) == want);
    }
    // A line ending after a trailing separator keeps the empty extra field (S3's case).
    CHECK(expect_ok(s1 + "|\r\n").extra_fields == std::vector<std::string>{""});
}

TEST_CASE("the listed rejects") {
    // An ID of 11 digits.
    expect_error(s1_with(1, "00109900000"), QrErrorCode::unknown_layout);
    // 31 February.
    expect_error(s1_with(4, "31022001"), QrErrorCode::invalid_field);
    // Sex "nu".
    expect_error(s1_with(5, "nu"), QrErrorCode::invalid_field);
    // Empty payload, and one that is only a line ending.
    expect_error("", QrErrorCode::unknown_layout);
    expect_error("\r\n", QrErrorCode::unknown_layout);
}

TEST_CASE("dates follow the calendar") {
    CHECK(expect_ok(s1_with(4, "29022000")).date_of_birth == Date{2000, 2, 29});  // 400-year
    expect_error(s1_with(4, "29021900"), QrErrorCode::invalid_field);             // 100-year
    CHECK(expect_ok(s1_with(4, "29021996")).date_of_birth.iso() == "1996-02-29");
    expect_error(s1_with(4, "29021999"), QrErrorCode::invalid_field);
    for (const char* bad : {"00011999", "01001999", "01131999", "32011999", "1011999", "010119990",
                            "01-01-99", "0101199a", "31041999"}) {
        CAPTURE(bad);
        expect_error(s1_with(4, bad), QrErrorCode::invalid_field);
        expect_error(s1_with(7, bad), QrErrorCode::invalid_field);
    }
    const auto e = expect_error(s1_with(7, "31022021"), QrErrorCode::invalid_field);
    CHECK(e.detail.find("issue_date") != std::string::npos);
    CHECK(e.detail.find("31022021") == std::string::npos);  // never echoes personal data
}

TEST_CASE("sex is exactly Nam or Nữ, also when Nữ arrives decomposed") {
    CHECK(expect_ok(s1_with(5, "Nu\xcc\x9b\xcc\x83")).sex == Sex::female);  // u + horn + tilde
    for (const char* bad : {"NAM", "nam", "Nu", "NỮ", "Nam ", "M", "F", ""}) {
        CAPTURE(bad);
        expect_error(s1_with(5, bad), QrErrorCode::invalid_field);
    }
}

TEST_CASE("old ID field: empty, 9 or 12 digits; anything else is not the card's layout") {
    CHECK_FALSE(expect_ok(s1_with(2, "")).old_id_number.has_value());
    CHECK(expect_ok(s1_with(2, "012345678901")).old_id_number == "012345678901");
    expect_error(s1_with(2, "0123456789"), QrErrorCode::unknown_layout);
    expect_error(s1_with(2, "01234567a"), QrErrorCode::unknown_layout);
}

TEST_CASE("the 6-field variant needs a non-numeric second field") {
    const CitizenId id =
        expect_ok("048200000005|LÊ VĂN GIẢ ĐỊNH|29022000|Nam|Tổ 0, Đà Nẵng|10102021");
    CHECK(id.layout == QrLayout::six_field);
    CHECK(id.extra_fields.empty());
    expect_error("048200000005|012345678|29022000|Nam|Tổ 0, Đà Nẵng|10102021",
                 QrErrorCode::unknown_layout);
    expect_error("048200000005||29022000|Nam|Tổ 0|10102021", QrErrorCode::unknown_layout);
    // Errors in the 6-field variant name the field by its own position.
    const auto e =
        expect_error("048200000005|LÊ VĂN|29022001|Nam|Tổ 0|10102021", QrErrorCode::invalid_field);
    CHECK(e.detail.find("field 3 (date_of_birth)") != std::string::npos);
}

TEST_CASE("text fields must be present and free of control characters") {
    expect_error(s1_with(3, ""), QrErrorCode::invalid_field);
    expect_error(s1_with(6, ""), QrErrorCode::invalid_field);
    expect_error(s1_with(3, std::string("NGUY\0N", 6)), QrErrorCode::invalid_field);
    expect_error(s1_with(6, "Số 1\nHà Nội"), QrErrorCode::invalid_field);
}

TEST_CASE("mangled text is rejected, not guessed") {
    const auto e = expect_error(sample_raw("S7"), QrErrorCode::mangled_text);
    CHECK(e.detail ==
          "payload contains '?' or U+FFFD: non-ASCII characters were lost in transport");
    expect_error(s1_with(3, "NGUY\xef\xbf\xbdN"), QrErrorCode::mangled_text);  // U+FFFD
    // UTF-8 read as Latin-1 / Windows-1252: "NGUYỄN" became "NGUYá»„N".
    expect_error(s1_with(3, "NGUY\xc3\xa1\xc2\xbb\xe2\x80\x9eN"), QrErrorCode::mangled_text);
    // "Đỗ" read as Latin-1: "Ä\u0090á»\u0097".
    expect_error(s1_with(3, "\xc3\x84\xc2\x90\xc3\xa1\xc2\xbb\xc2\x97"), QrErrorCode::mangled_text);
    // Real Vietnamese with the letters that look like lead bytes is fine.
    CHECK(expect_ok(s1_with(3, "TÃ ÁNH Ì Í Ã")).full_name == "TÃ ÁNH Ì Í Ã");
}

TEST_CASE("invalid UTF-8 is invalid_encoding") {
    const auto e = expect_error(s1_with(3, "NGUY\xff"), QrErrorCode::invalid_encoding);
    CHECK(e.detail.starts_with("invalid encoding"));
    expect_error("001099000001|\xc0\xaf|", QrErrorCode::invalid_encoding);       // overlong
    expect_error("\xed\xa0\x80", QrErrorCode::invalid_encoding);                 // surrogate
    expect_error(sample_raw("S1") + "\xe1\xbb", QrErrorCode::invalid_encoding);  // truncated
}

TEST_CASE("hostile input gives a typed error, never a crash") {
    expect_error(std::string(100000, '|'), QrErrorCode::unknown_layout);
    expect_error(std::string(3000, '|'), QrErrorCode::unknown_layout);
    expect_error(std::string(1 << 20, 'A'), QrErrorCode::unknown_layout);
    expect_error(std::string(64, '\0'), QrErrorCode::unknown_layout);
    expect_error(std::string("001099000001\0|", 14), QrErrorCode::unknown_layout);
    // Thousands of trailing separators still fit a QR: kept raw, as extra fields.
    const CitizenId many = expect_ok(sample_raw("S1") + std::string(2000, '|'));
    CHECK(many.extra_fields.size() == 2000);
    expect_error(sample_raw("S1") + std::string(max_qr_payload_bytes, '|'),
                 QrErrorCode::unknown_layout);
}

TEST_CASE("warnings: unknown province, disagreeing year, issue before birth") {
    const CitizenId unknown = expect_ok(s1_with(1, "003099000001"));
    CHECK(unknown.id_province_code == "003");
    CHECK_FALSE(unknown.id_province_name.has_value());
    CHECK(to_json(unknown).at("id_province_name").is_null());
    CHECK(to_json(unknown).at("warnings") == nlohmann::json{"unknown_province_code"});
    CHECK(to_json(expect_ok(s1_with(4, "01011998"))).at("warnings") ==
          nlohmann::json{"birth_year_mismatch_with_id"});
    CHECK(to_json(expect_ok(s1_with(7, "01011990"))).at("warnings") ==
          nlohmann::json{"issue_date_before_birth"});
    CHECK(to_json(expect_ok(s1_with(1, "001399000001"))).at("warnings") ==
          nlohmann::json{"sex_mismatch_with_id", "birth_year_mismatch_with_id"});
}

TEST_CASE("check_id_number alone: structure, province, century and sex digit") {
    const IdNumberCheck c = check_id_number("079301000002");
    REQUIRE(c.ok());
    CHECK(c.info->province_code == "079");
    CHECK(c.info->province_name == "TP. Hồ Chí Minh");
    CHECK(c.info->sex == Sex::female);
    CHECK(c.info->birth_year == 2001);
    CHECK(c.warnings.empty());

    struct Row {
        const char* id;
        Sex sex;
        int year;
    };
    for (const Row& r :
         {Row{"001099000001", Sex::male, 1999}, Row{"001199000001", Sex::female, 1999},
          Row{"001200000001", Sex::male, 2000}, Row{"001500000001", Sex::female, 2100},
          Row{"001699000001", Sex::male, 2299}, Row{"001999000001", Sex::female, 2399}}) {
        CAPTURE(r.id);
        const auto k = check_id_number(r.id);
        REQUIRE(k.ok());
        CHECK(k.info->sex == r.sex);
        CHECK(k.info->birth_year == r.year);
    }

    CHECK(check_id_number("07930100000").error == IdNumberError::wrong_length);
    CHECK(check_id_number("0793010000021").error == IdNumberError::wrong_length);
    CHECK(check_id_number("").error == IdNumberError::wrong_length);
    CHECK(check_id_number(" 79301000002").error == IdNumberError::not_digits);
    CHECK(check_id_number("07930100000O").error == IdNumberError::not_digits);
    CHECK(check_id_number(std::string("0793010\0"
                                      "0002",
                                      12))
              .error == IdNumberError::not_digits);
    CHECK_FALSE(check_id_number("07930100000٢").ok());  // an Arabic-Indic digit is not 0-9

    // Every code of the doc's table is known; the gaps and codes above 096 are warnings.
    for (const char* known : {"001", "002", "017", "031", "046", "077", "079", "096"}) {
        CHECK(province_name(known).has_value());
    }
    CHECK(*province_name("077") == "Bà Rịa - Vũng Tàu");
    CHECK(*province_name("017") == "Hòa Bình");
    for (const char* gap : {"000", "003", "090", "097", "100", "999", "01", "0010"}) {
        CAPTURE(gap);
        CHECK_FALSE(province_name(gap).has_value());
    }
    const auto abroad = check_id_number("300099000001");
    REQUIRE(abroad.ok());
    CHECK(abroad.warnings == std::vector<IdNumberWarning>{IdNumberWarning::unknown_province_code});
}

TEST_CASE("check_id_number cross-checks what else is known") {
    CHECK(check_id_number("001099000001", {Date{1999, 1, 1}, Sex::male, 2025}).warnings.empty());
    CHECK(check_id_number("001099000001", {Date{1999, 1, 1}, Sex::female, {}}).warnings ==
          std::vector<IdNumberWarning>{IdNumberWarning::sex_mismatch_with_id});
    CHECK(check_id_number("001099000001", {Date{1899, 1, 1}, {}, {}}).warnings ==
          std::vector<IdNumberWarning>{IdNumberWarning::birth_year_mismatch_with_id});
    const auto future = check_id_number("001425000001", {{}, {}, 2025});
    CHECK_FALSE(future.ok());
    CHECK(future.error == IdNumberError::birth_year_in_future);
    CHECK(check_id_number("001225000001", {{}, {}, 2025}).ok());
    CHECK(check_id_number("001226000001", {{}, {}, 2025}).error ==
          IdNumberError::birth_year_in_future);
    CHECK_FALSE(describe(IdNumberError::birth_year_in_future).empty());
}

TEST_CASE("ID numbers are masked for logs") {
    // First four and last four digits stay. (cccd-qr.md's example "0790****0002" does not
    // match its own input's first four digits, 0793.)
    CHECK(mask_id_number("079301000002") == "0793****0002");
    CHECK(mask_id_number("07930100000") == "****");
    CHECK(mask_id_number("07930100000x") == "****");
    CHECK(mask_id_number("") == "****");
}
