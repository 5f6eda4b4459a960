#include "quay/catalog/validate.hpp"

#include <charconv>
#include <cmath>

#include "quay/catalog/lists.hpp"
#include "quay/error.hpp"
#include "quay/idcard/id_number.hpp"
#include "quay/text/utf8.hpp"

namespace quay::catalog {

namespace {
constexpr std::int64_t kMaxFeeDue = 100'000'000;  // far above any commune fee
}  // namespace
namespace {

using std::chrono::year_month_day;

FieldProblem problem(const FormField& f, std::string key, std::string message) {
    return FieldProblem{f.code, std::move(key), std::move(message)};
}

std::optional<year_month_day> parse_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    int y = 0, m = 0, d = 0;
    auto num = [&](std::size_t at, std::size_t n, int& out) {
        const auto r = std::from_chars(s.data() + at, s.data() + at + n, out);
        return r.ec == std::errc() && r.ptr == s.data() + at + n;
    };
    if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return std::nullopt;
    if (!idcard::is_valid_date(y, m, d) || y < 1850) return std::nullopt;
    return year_month_day{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
                          std::chrono::day(static_cast<unsigned>(d))};
}

bool valid_email(std::string_view s) {
    const auto at = s.find('@');
    if (s.size() > 254 || at == std::string_view::npos || at == 0 || s.find('@', at + 1) != s.npos)
        return false;
    const auto domain = s.substr(at + 1);
    const auto dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 2 > domain.size()) return false;
    for (unsigned char c : s) {
        if (c <= ' ' || c == '<' || c == '>' || c == ',' || c == ';' || c == '"') return false;
    }
    return true;
}

FormField field(std::string code, FieldType type, bool required,
                std::optional<int> max_length = std::nullopt) {
    FormField f;
    f.code = std::move(code);
    f.type = type;
    f.required = required;
    f.group = "applicant";
    f.max_length = max_length;
    if (type == FieldType::date) f.not_after = "today";
    return f;
}

}  // namespace

std::optional<std::string> normalise_phone(std::string_view typed) {
    std::string digits;
    for (std::size_t i = 0; i < typed.size(); ++i) {
        const char c = typed[i];
        if (c >= '0' && c <= '9') {
            digits.push_back(c);
        } else if (c == '+' && digits.empty() && i == 0) {
            continue;
        } else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')') {
            return std::nullopt;
        }
    }
    if (typed.starts_with("+") || digits.starts_with("84")) {
        if (!digits.starts_with("84")) return std::nullopt;
        digits = "0" + digits.substr(2);
    }
    const bool mobile = digits.size() == 10 && digits[0] == '0' &&
                        std::string_view("35789").find(digits[1]) != std::string_view::npos;
    const bool landline = digits.size() == 11 && digits.starts_with("02");
    if (!mobile && !landline) return std::nullopt;
    return digits;
}

std::optional<FieldProblem> validate_value(const FormField& f, std::string_view raw,
                                           const TodayRange& today) {
    std::string v;
    try {
        v = std::string(text::trim(text::to_nfc(raw)));
    } catch (const Error&) {
        return problem(f, "validation.encoding", "is not valid text");
    }
    if (v.empty()) {
        if (f.required) return problem(f, "validation.required", "is required");
        return std::nullopt;
    }
    for (unsigned char c : v) {
        if (c < 0x20) return problem(f, "validation.control_chars", "contains a control character");
    }
    switch (f.type) {
        case FieldType::text: {
            const auto limit = static_cast<std::size_t>(f.max_length.value_or(200));
            if (text::decode(v).size() > limit) {
                return problem(f, "validation.too_long",
                               "is longer than " + std::to_string(limit) + " characters");
            }
            return std::nullopt;
        }
        case FieldType::date: {
            const auto d = parse_date(v);
            if (!d) return problem(f, "validation.date", "must be a real date YYYY-MM-DD");
            if (f.not_after == "today" && today.latest && *d > *today.latest) {
                return problem(f, "validation.date_future", "cannot be in the future");
            }
            if (f.not_before == "today" && *d < today.earliest) {
                return problem(f, "validation.date_past", "cannot be in the past");
            }
            return std::nullopt;
        }
        case FieldType::phone:
            if (!normalise_phone(v)) {
                return problem(f, "validation.phone",
                               "must be a Vietnamese mobile (10 digits) or landline number");
            }
            return std::nullopt;
        case FieldType::email:
            if (!valid_email(v)) return problem(f, "validation.email", "must be an email address");
            return std::nullopt;
        case FieldType::id_number: {
            idcard::HolderFacts facts;
            if (today.latest) facts.current_year = static_cast<int>(today.latest->year());
            if (!idcard::check_id_number(v, facts).ok()) {
                return problem(f, "validation.id_number", "must be the 12-digit citizen ID number");
            }
            return std::nullopt;
        }
        case FieldType::number: {
            double n = 0;
            const auto r = std::from_chars(v.data(), v.data() + v.size(), n);
            if (r.ec != std::errc() || r.ptr != v.data() + v.size() || !std::isfinite(n)) {
                return problem(f, "validation.number", "must be a number");
            }
            auto hi = f.max;
            if (f.not_after == "current_year" && today.latest) {
                const double year = static_cast<int>(today.latest->year());
                hi = hi ? std::min(*hi, year) : year;
            }
            if ((f.min && n < *f.min) || (hi && n > *hi)) {
                return problem(f, "validation.number_range", "is out of range");
            }
            return std::nullopt;
        }
        case FieldType::choice:
            for (const auto& o : f.options) {
                if (text::same_text(o.value, v)) return std::nullopt;
            }
            return problem(f, "validation.choice", "must be one of the listed options");
    }
    return std::nullopt;
}

const std::vector<FormField>& applicant_fields() {
    static const std::vector<FormField> fields = [] {
        std::vector<FormField> f = {
            field("full_name", FieldType::text, true, 100),
            field("id_number", FieldType::id_number, true),
            field("date_of_birth", FieldType::date, true),
            field("address", FieldType::text, true, 300),
            field("phone", FieldType::phone, true),
            field("email", FieldType::email, false, 254),
        };
        // The province is picked when the catalogue has the list (docs/pickers.md).
        f[3].list = std::string(kProvincesList);
        return f;
    }();
    return fields;
}

Keyboard keyboard_for(const FormField& f) {
    switch (f.type) {
        case FieldType::text:
            return Keyboard::vietnamese;
        case FieldType::id_number:
        case FieldType::phone:
        case FieldType::number:
            return Keyboard::digits;
        default:
            return Keyboard::plain;
    }
}

YearSpan picker_years(const FormField& f, const TodayRange& today) {
    YearSpan span;
    if (f.not_before == "today") span.first = static_cast<int>(today.earliest.year());
    if (today.latest) {
        const int latest = static_cast<int>(today.latest->year());
        span.last = f.not_after == "today" ? latest : latest + kYearsAhead;
    }
    return span;
}

bool is_person_name(const FormField& f) {
    return f.type == FieldType::text &&
           (f.code == "full_name" || f.code.ends_with(".full_name") || f.code.ends_with("ho_ten"));
}

std::size_t max_chars(const FormField& f) {
    switch (f.type) {
        case FieldType::id_number:
            return 12;
        case FieldType::phone:
            return 15;  // "+84 912 345 678"
        case FieldType::number:
            return 12;
        case FieldType::date:
            return 10;
        default:
            return static_cast<std::size_t>(f.max_length.value_or(200));
    }
}

std::vector<FieldProblem> validate_draft(const nlohmann::json& draft, const Catalog& catalog,
                                         const TodayRange& today) {
    std::vector<FieldProblem> out;
    auto add = [&](std::string where, std::string key, std::string message) {
        out.push_back(FieldProblem{std::move(where), std::move(key), std::move(message)});
    };
    if (!draft.is_object()) {
        add("", "validation.draft", "the draft must be a JSON object");
        return out;
    }
    for (const auto& [k, v] : draft.items()) {
        if (k == "dossier_id" || k == "receipt_code" || k == "kiosk_id" || k == "catalog_version" ||
            k == "created_at") {
            add(k, "validation.kiosk_sets", "is set by the kiosk, not by the draft");
        } else if (k != "procedure_code" && k != "applicant" && k != "fields" && k != "documents" &&
                   k != "fees" && k != "fee_due") {
            add(k, "validation.unknown_field", "is not part of a dossier");
        }
    }
    const Procedure* proc = nullptr;
    if (!draft.contains("procedure_code") || !draft["procedure_code"].is_string()) {
        add("procedure_code", "validation.required", "is required");
    } else if (!(proc = catalog.find(draft["procedure_code"].get<std::string>()))) {
        add("procedure_code", "validation.unknown_procedure", "is not in the catalogue");
    }

    auto check_object = [&](const char* name, const std::vector<FormField>& fields) {
        const auto it = draft.find(name);
        if (it == draft.end() || it->is_null()) {
            for (const auto& f : fields) {
                if (f.required)
                    add(std::string(name) + "." + f.code, "validation.required", "is required");
            }
            return;
        }
        if (!it->is_object()) {
            add(name, "validation.draft", "must be an object");
            return;
        }
        for (const auto& entry : it->items()) {
            const std::string& k = entry.key();  // clang 14 cannot capture structured bindings
            const bool known = std::any_of(fields.begin(), fields.end(),
                                           [&](const FormField& f) { return f.code == k; });
            if (!known)
                add(std::string(name) + "." + k, "validation.unknown_field",
                    "is not a field of this form");
        }
        for (const auto& f : fields) {
            std::string value;
            if (const auto v = it->find(f.code); v != it->end() && !v->is_null()) {
                if (v->is_string()) {
                    value = v->get<std::string>();
                } else if (v->is_number() && f.type == FieldType::number) {
                    value = v->dump();
                } else {
                    add(std::string(name) + "." + f.code, "validation.not_text",
                        "must be a string");
                    continue;
                }
            }
            if (auto p = validate_value(f, value, today)) {
                p->field = std::string(name) + "." + f.code;
                out.push_back(std::move(*p));
            }
        }
    };
    check_object("applicant", applicant_fields());
    if (proc) check_object("fields", proc->fields);
    for (const char* list : {"documents", "fees"}) {
        if (draft.contains(list) && !draft[list].is_array()) {
            add(list, "validation.draft", "must be an array (or left out: the catalogue fills it)");
        }
    }
    // What this citizen owes, in đồng, once the answers settle it (which fee applies,
    // exemptions, copies); the slip's VietQR carries it. Left out: not known.
    if (const auto due = draft.find("fee_due"); due != draft.end()) {
        if (!due->is_number_integer() || due->get<std::int64_t>() < 0 ||
            due->get<std::int64_t>() > kMaxFeeDue)
            add("fee_due", "validation.draft", "must be a whole number of đồng, 0 to 100,000,000");
    }
    return out;
}

}  // namespace quay::catalog
