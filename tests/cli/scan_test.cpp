// quayctl scan --from FILE over the eight samples of cccd-qr.md and hostile input.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "quay/idcard/scan.hpp"
#include "run.hpp"

namespace fs = std::filesystem;
using quay::test::run_quayctl;

namespace {

fs::path write_temp(const std::string& bytes) {
    char tmpl[] = "/tmp/quay-scan-XXXXXX";
    const int fd = ::mkstemp(tmpl);
    ::close(fd);
    std::ofstream(tmpl, std::ios::binary) << bytes;
    return tmpl;
}

}  // namespace

TEST_CASE("every sample of the data file scans to what it expects") {
    const auto doc = nlohmann::json::parse(
        quay::test::slurp(fs::path(QUAY_SOURCE_DIR) / "tests/data/idcard/cccd-samples.json"));
    int checked = 0;
    for (const auto& s : doc["samples"]) {
        const auto file = write_temp(s["raw"].get<std::string>());
        const auto r = run_quayctl({"scan", "--from", file.string()});
        fs::remove(file);
        const auto& want = s["expected"];
        if (want["ok"].get<bool>()) {
            REQUIRE_MESSAGE(r.exit_code == 0, s["name"] << ": " << r.err);
            const auto got = nlohmann::json::parse(r.out);
            CHECK(got["kind"] == "citizen_id");
            for (const char* k : {"id_number", "old_id_number", "full_name", "date_of_birth", "sex",
                                  "address", "issue_date"}) {
                CHECK_MESSAGE(got[k] == want[k], s["name"] << " " << k);
            }
        } else {
            CHECK(r.exit_code == 2);
            const auto e = nlohmann::json::parse(r.last_err_line());
            CHECK(e["error"] == "unrecognised_scan");
            CHECK(e["message"].get<std::string>().find(want["error"].get<std::string>()) !=
                  std::string::npos);
        }
        ++checked;
    }
    CHECK(checked == 8);
}

TEST_CASE("receipt codes, bare or in our status URL; garbage is a plain error") {
    auto file = write_temp("https://dichvucong.gov.vn/tra-cuu?ma=K0042-261122-0007\r\n");
    auto r = run_quayctl({"scan", "--from", file.string()});
    CHECK(r.exit_code == 0);
    CHECK(nlohmann::json::parse(r.out) ==
          nlohmann::json{{"kind", "receipt_code"}, {"receipt_code", "K0042-261122-0007"}});
    fs::remove(file);

    for (const std::string& junk : {std::string("hello"), std::string("\xff\xfe\x00\x01", 4),
                                    std::string(100000, '|'), std::string()}) {
        file = write_temp(junk);
        r = run_quayctl({"scan", "--from", file.string()});
        fs::remove(file);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(nlohmann::json::parse(r.last_err_line())["error"] == "unrecognised_scan");
    }
    r = run_quayctl({"scan", "--from", "/nonexistent/scan.txt"});
    CHECK(r.exit_code == 2);
}

TEST_CASE("find_receipt_code is strict about its shape") {
    using quay::idcard::find_receipt_code;
    CHECK(find_receipt_code("K0042-261122-0007") == "K0042-261122-0007");
    CHECK(find_receipt_code("ma=DEV01-261301-0001") == std::nullopt);  // month 13
    CHECK(find_receipt_code("K0042-261122-00071") == std::nullopt);
    CHECK(find_receipt_code("xK0042-261122-0007") == std::nullopt);
    CHECK(find_receipt_code("ABCDEFGHIJKLMNOPQ-261122-0007") == std::nullopt);  // 17 chars
}
