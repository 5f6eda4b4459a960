#include "validate.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <memory>
#include <regex>

namespace quay::portal_sim {

namespace {

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int number(std::string_view s) {
    int n = 0;
    for (char c : s)
        n = n * 10 + (c - '0');
    return n;
}

bool is_rfc3339(const std::string& s) {
    static const std::regex re(
        R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$)");
    return std::regex_match(s, re) && is_date(std::string_view(s).substr(0, 10));
}

class Checker {
  public:
    void problem(std::string field, std::string message) {
        details_.push_back({{"field", std::move(field)}, {"message", std::move(message)}});
    }
    // A non-empty string at obj[key]; returns it or nullptr.
    const std::string* text(const nlohmann::json& obj, const std::string& key,
                            const std::string& path, bool allow_null = false) {
        if (!obj.contains(key)) {
            problem(path, "missing");
            return nullptr;
        }
        const auto& v = obj[key];
        if (allow_null && v.is_null()) return nullptr;
        if (!v.is_string()) {
            problem(path, allow_null ? "must be a string or null" : "must be a string");
            return nullptr;
        }
        if (!allow_null && v.get_ref<const std::string&>().empty()) {
            problem(path, "must not be empty");
            return nullptr;
        }
        return &v.get_ref<const std::string&>();
    }
    // Every string in the document is NFC.
    void nfc(const nlohmann::json& v, const std::string& path) {
        if (v.is_string()) {
            if (!is_nfc(v.get_ref<const std::string&>())) problem(path, "not NFC");
        } else if (v.is_object()) {
            for (const auto& [k, child] : v.items()) {
                const std::string child_path = path.empty() ? k : path + "." + k;
                if (!is_nfc(k)) problem(child_path, "key not NFC");
                nfc(child, child_path);
            }
        } else if (v.is_array()) {
            for (std::size_t i = 0; i < v.size(); ++i)
                nfc(v[i], path + "[" + std::to_string(i) + "]");
        }
    }
    nlohmann::json take() { return std::move(details_); }

  private:
    nlohmann::json details_ = nlohmann::json::array();
};

void check_applicant(Checker& c, const nlohmann::json& body) {
    if (!body.contains("applicant") || !body["applicant"].is_object()) {
        c.problem("applicant", "must be an object");
        return;
    }
    const auto& a = body["applicant"];
    c.text(a, "full_name", "applicant.full_name");
    if (const auto* id = c.text(a, "id_number", "applicant.id_number")) {
        if (id->size() != 12 || !all_digits(*id)) {
            c.problem("applicant.id_number", "must be 12 digits");
        }
    }
    if (const auto* dob = c.text(a, "date_of_birth", "applicant.date_of_birth")) {
        if (!is_date(*dob)) c.problem("applicant.date_of_birth", "must be YYYY-MM-DD");
    }
    if (const auto* phone = c.text(a, "phone", "applicant.phone", true); phone && !phone->empty()) {
        const std::string_view digits =
            phone->front() == '+' ? std::string_view(*phone).substr(1) : std::string_view(*phone);
        if (!all_digits(digits) || digits.size() < 9 || digits.size() > 12) {
            c.problem("applicant.phone", "not a phone number");
        }
    }
    if (const auto* email = c.text(a, "email", "applicant.email", true);
        email && !email->empty() && email->find('@') == std::string::npos) {
        c.problem("applicant.email", "not an e-mail address");
    }
    c.text(a, "address", "applicant.address", true);
}

bool whole(const nlohmann::json& v) {
    return v.is_number_integer() && v.get<long long>() >= 0;
}

// An array of {code, name, ...} objects; item checks the rest of each.
void check_items(Checker& c, const nlohmann::json& body, const std::string& key,
                 const std::function<void(const nlohmann::json&, const std::string&)>& item) {
    if (!body.contains(key) || !body[key].is_array()) {
        c.problem(key, "must be an array");
        return;
    }
    const auto& list = body[key];
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string p = key + "[" + std::to_string(i) + "]";
        if (!list[i].is_object()) {
            c.problem(p, "must be an object");
            continue;
        }
        c.text(list[i], "code", p + ".code");
        c.text(list[i], "name", p + ".name");
        item(list[i], p);
    }
}

void check_lists(Checker& c, const nlohmann::json& body) {
    if (!body.contains("fields") || !body["fields"].is_object()) {
        c.problem("fields", "must be an object");
    } else {
        for (const auto& [k, v] : body["fields"].items()) {
            if (v.is_object() || v.is_array()) c.problem("fields." + k, "must be a plain value");
        }
    }
    check_items(c, body, "documents", [&](const nlohmann::json& d, const std::string& p) {
        if (!d.contains("original") || !d["original"].is_boolean()) {
            c.problem(p + ".original", "must be true or false");
        }
        if (!d.contains("copies") || !whole(d["copies"])) {
            c.problem(p + ".copies", "must be a whole number >= 0");
        }
    });
    check_items(c, body, "fees", [&](const nlohmann::json& f, const std::string& p) {
        if (!f.contains("amount") || !(f["amount"].is_null() || whole(f["amount"]))) {
            c.problem(p + ".amount", "must be whole đồng >= 0 or null");
        }
    });
}

}  // namespace

bool is_uuid(std::string_view s) {
    static const std::regex re(
        "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    return std::regex_match(s.begin(), s.end(), re);
}

bool is_nfc(std::string_view s) {
    struct Free {
        void operator()(utf8proc_uint8_t* p) const { std::free(p); }
    };
    // utf8proc allocates with malloc; the result is freed by the unique_ptr.
    std::unique_ptr<utf8proc_uint8_t, Free> nfc(
        utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(std::string(s).c_str())));
    return nfc && std::string_view(reinterpret_cast<const char*>(nfc.get())) == s;
}

bool is_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    const auto y = s.substr(0, 4), m = s.substr(5, 2), d = s.substr(8, 2);
    if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return false;
    const int year = number(y), month = number(m), day = number(d);
    if (month < 1 || month > 12 || day < 1) return false;
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= days[month - 1] + (month == 2 && leap ? 1 : 0);
}

nlohmann::json validate_dossier(const nlohmann::json& body, std::string_view kiosk_id,
                                const std::set<std::string>& procedures) {
    Checker c;
    if (const auto* id = c.text(body, "dossier_id", "dossier_id"); id && !is_uuid(*id)) {
        c.problem("dossier_id", "must be a UUID");
    }
    const auto* kiosk = c.text(body, "kiosk_id", "kiosk_id");
    if (kiosk && *kiosk != kiosk_id) c.problem("kiosk_id", "does not match X-Kiosk-Id");
    if (const auto* code = c.text(body, "receipt_code", "receipt_code"); code && kiosk) {
        // <kiosk id>-<YYMMDD>-<NNNN>
        const std::string prefix = *kiosk + "-";
        const std::string_view rest = std::string_view(*code).substr(
            code->rfind(prefix, 0) == 0 ? prefix.size() : code->size());
        const bool shape =
            rest.size() >= 11 && rest[6] == '-' && all_digits(rest.substr(0, 6)) &&
            all_digits(rest.substr(7)) &&
            is_date("20" + std::string(rest.substr(0, 2)) + "-" + std::string(rest.substr(2, 2)) +
                    "-" + std::string(rest.substr(4, 2)));
        if (!shape) c.problem("receipt_code", "must be <kiosk id>-<YYMMDD>-<NNNN>");
    }
    if (const auto* proc = c.text(body, "procedure_code", "procedure_code");
        proc && !procedures.empty() && !procedures.contains(*proc)) {
        c.problem("procedure_code", "unknown procedure");
    }
    c.text(body, "catalog_version", "catalog_version");
    if (const auto* at = c.text(body, "created_at", "created_at"); at && !is_rfc3339(*at)) {
        c.problem("created_at", "must be RFC 3339 with an offset");
    }
    check_applicant(c, body);
    check_lists(c, body);
    c.nfc(body, "");
    return c.take();
}

}  // namespace quay::portal_sim
