#include "test_receipts.hpp"

#include <cstdio>

#include "quay/catalog/loader.hpp"
#include "quay/embedded.hpp"
#include "quay/locale/locale.hpp"
#include "quay/receipt/builder.hpp"
#include "sample.hpp"

namespace quay::test {

// Every procedure of the bundled catalogue, then the residence sample (last: the tests
// that need one procedure take the sample, whose office and fees they know).
std::vector<catalog::Procedure> procedures_to_print() {
    std::vector<catalog::Procedure> out = catalog::bundled().procedures;
    out.push_back(residence_procedure());
    return out;
}

std::string receipt_code_for(std::size_t n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "K0042-261121-%04zu", n);
    return buf;
}

std::string expected_url(const std::string& receipt_code) {
    return "https://dichvucong.daklak.gov.vn/tra-cuu?ma=" + receipt_code;
}

receipt::Layout layout_for(const catalog::Procedure& p, const std::string& receipt_code,
                           Language lang, const std::string& state, const std::string& full_name) {
    catalog::Catalog cat;
    cat.procedures.push_back(p);
    const receipt::StoredDossier d{
        body_for(p, receipt_code, full_name).dump(), state,
        state == "delivered" ? std::optional<std::string>("DVC-2026-000123") : std::nullopt};
    const receipt::BuildOptions o{lang,
                                  std::chrono::sys_days{std::chrono::year{2026} / 11 / 21} +
                                      std::chrono::hours{9} + std::chrono::minutes{46},
                                  420};
    static const auto locale = locale::Locale::embedded();
    return receipt::make_layout(receipt::build_receipt(d, cat, receipt_config(), o),
                                locale.strings(lang));
}

}  // namespace quay::test
