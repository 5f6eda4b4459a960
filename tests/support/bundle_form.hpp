#pragma once
// Fills a flow::Kiosk's form (a bundle's or one procedure's) with values each field's own
// validation takes, page by page, up to the review: the flow's tests and the bundle
// receipt test use it to get drafts exactly as the kiosk builds them.

#include <string>

#include "quay/flow/kiosk.hpp"

namespace quay::testing {

inline std::string value_for(const catalog::FormField& f) {
    using catalog::FieldType;
    switch (f.type) {
        case FieldType::date:
            return f.code == "applicant.date_of_birth" ? "1990-01-01" : "2026-11-01";
        case FieldType::phone:
            return "0912345678";
        case FieldType::id_number:
            return "001090123456";
        case FieldType::number:
            if (f.max && *f.max < 1990) return std::to_string(static_cast<int>(*f.max));
            if (f.min && *f.min > 1990) return std::to_string(static_cast<int>(*f.min));
            return "1990";
        case FieldType::choice:
            return f.options.front().value;
        case FieldType::email:
            return "";
        case FieldType::text:
            break;
    }
    return "Nguyễn Văn An";
}

// Required fields and ID numbers get a value; returns the page a NextPage refused (the
// kiosk stays there), or -1 once the review is on screen.
inline int fill_to_review(flow::Kiosk& k) {
    while (k.location().screen == flow::Screen::form) {
        const auto& page = k.plan()->pages()[static_cast<std::size_t>(k.location().page)];
        for (const auto* f : page.fields)
            if (f->required || f->type == catalog::FieldType::id_number)
                k.apply(flow::intent::SetValue{f->code, value_for(*f)});
        const int before = k.location().page;
        k.apply(flow::intent::NextPage{});
        if (k.location().screen == flow::Screen::form && k.location().page == before) return before;
    }
    return -1;
}

}  // namespace quay::testing
