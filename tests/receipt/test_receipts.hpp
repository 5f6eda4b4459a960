#pragma once
// Receipt layouts for test dossiers: one per catalogue procedure, and the procedures the
// tests print (the bundled catalogue's, plus a residence procedure with long texts).

#include <string>
#include <vector>

#include "quay/catalog/catalog.hpp"
#include "quay/receipt/layout.hpp"

namespace quay::test {

// The bundled catalogue's procedures, then residence_procedure().
std::vector<catalog::Procedure> procedures_to_print();

std::string receipt_code_for(std::size_t n);  // "K0042-261121-0001", ...
std::string expected_url(const std::string& receipt_code);

receipt::Layout layout_for(const catalog::Procedure& p, const std::string& receipt_code,
                           Language lang = Language::vi, const std::string& state = "pending",
                           const std::string& full_name = "Nguyễn Văn An");

}  // namespace quay::test
