#pragma once
// "Giấy tờ cần mang": a procedure's documents, fees, time and place on paper, printed from
// the procedure page before any dossier exists (issue 14), so a person can gather the
// papers at home. It says plainly that it is not a receipt.

#include <string_view>

#include "quay/catalog/catalog.hpp"
#include "quay/language.hpp"
#include "quay/locale/locale.hpp"
#include "quay/receipt/civil_time.hpp"
#include "quay/receipt/layout.hpp"

namespace quay::receipt {

struct ChecklistHeader {
    std::string_view centre_name;  // empty: receipt.centre_default
    std::string_view kiosk_id;
    CivilDateTime printed_at;
};

Layout make_checklist(const catalog::Procedure& procedure, Language language,
                      const ChecklistHeader& header, const locale::Strings& strings);

}  // namespace quay::receipt
