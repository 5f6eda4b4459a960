#include "quay/catalog/catalog.hpp"

namespace quay::catalog {

std::string_view to_string(FieldType t) {
    switch (t) {
        case FieldType::text:
            return "text";
        case FieldType::date:
            return "date";
        case FieldType::phone:
            return "phone";
        case FieldType::email:
            return "email";
        case FieldType::id_number:
            return "id_number";
        case FieldType::number:
            return "number";
        case FieldType::choice:
            return "choice";
    }
    return "text";
}

std::optional<FieldType> parse_field_type(std::string_view s) {
    for (auto t : {FieldType::text, FieldType::date, FieldType::phone, FieldType::email,
                   FieldType::id_number, FieldType::number, FieldType::choice}) {
        if (to_string(t) == s) return t;
    }
    return std::nullopt;
}

const FormField* Procedure::find_field(std::string_view c) const {
    for (const auto& f : fields) {
        if (f.code == c) return &f;
    }
    return nullptr;
}

const Procedure* Catalog::find(std::string_view c) const {
    for (const auto& p : procedures) {
        if (p.code == c) return &p;
    }
    return nullptr;
}

const Bundle* Catalog::find_bundle(std::string_view c) const {
    for (const auto& b : bundles) {
        if (b.code == c) return &b;
    }
    return nullptr;
}

}  // namespace quay::catalog
