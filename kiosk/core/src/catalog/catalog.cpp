#include "quay/catalog/catalog.hpp"

#include <algorithm>

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

bool Procedure::inferred(std::string_view part) const {
    // Pointers are "/procedures/N/<part>[/...]" (docs/catalog-format.md, provenance).
    constexpr std::string_view prefix = "/procedures/";
    return std::any_of(
        provenance.inferred.begin(), provenance.inferred.end(), [&](std::string_view ptr) {
            if (!ptr.starts_with(prefix)) return false;
            ptr.remove_prefix(prefix.size());
            const auto slash = ptr.find('/');
            if (slash == std::string_view::npos) return false;
            ptr.remove_prefix(slash + 1);
            return ptr.starts_with(part) && (ptr.size() == part.size() || ptr[part.size()] == '/');
        });
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

const Guide* Catalog::find_guide(std::string_view c) const {
    for (const auto& g : guides) {
        if (g.code == c) return &g;
    }
    return nullptr;
}

const ReferenceList* Catalog::find_list(std::string_view c) const {
    for (const auto& l : lists) {
        if (l.code == c) return &l;
    }
    return nullptr;
}

const GuideNode* Guide::find(std::string_view c) const {
    for (const auto& n : nodes) {
        if (n.code == c) return &n;
    }
    return nullptr;
}

bool Condition::holds(const Answers& answers) const {
    for (const auto& [question, options] : any_of) {
        const auto it = answers.find(question);
        if (it == answers.end()) return false;
        if (std::find(options.begin(), options.end(), it->second) == options.end()) return false;
    }
    return true;
}

}  // namespace quay::catalog
