#pragma once
// Internal to the catalogue loader: walks a JSON document keeping the JSON pointer and
// the procedure (or guide) being read, so every problem can say exactly where it is.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>

#include "quay/catalog/catalog.hpp"
#include "quay/catalog/loader.hpp"
#include "quay/text/utf8.hpp"

namespace quay::catalog::detail {

using nlohmann::json;

inline bool is_code_word(std::string_view s) {
    if (s.empty() || s.size() > 64) return false;
    for (char c : s) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    }
    return true;
}

class Reader {
  public:
    explicit Reader(std::string source) : source_(std::move(source)) {}
    std::string procedure;              // what is being read: its code ...
    std::string subject = "procedure";  // ... and what kind of thing it is ("guide")

    [[noreturn]] void fail(const std::string& pointer, const std::string& problem) const {
        throw CatalogError(source_, procedure, pointer, problem, subject);
    }

    const json& object(const json& j, const std::string& ptr, std::set<std::string> allowed,
                       const std::set<std::string>& required) const {
        if (!j.is_object()) fail(ptr, "must be an object");
        for (const auto& [k, v] : j.items()) {
            if (!allowed.contains(k)) fail(ptr + "/" + k, "unknown key");
        }
        for (const auto& k : required) {
            if (!j.contains(k)) fail(ptr + "/" + k, "is required");
        }
        return j;
    }

    std::string string(const json& j, const std::string& ptr, bool allow_empty = true) const {
        if (!j.is_string()) fail(ptr, "must be a string");
        std::string s;
        try {
            s = text::to_nfc(j.get_ref<const std::string&>());
        } catch (const Error& e) {
            fail(ptr, e.what());
        }
        if (!allow_empty && s.empty()) fail(ptr, "must not be empty");
        for (unsigned char c : s) {
            if (c < 0x20 && c != '\n') fail(ptr, "contains a control character");
        }
        return s;
    }

    std::string code(const json& j, const std::string& ptr) const {
        auto s = string(j, ptr);
        if (!is_code_word(s)) fail(ptr, "must match [a-z0-9_]+ (at most 64 characters)");
        return s;
    }

    Text text_of(const json& j, const std::string& ptr, bool vi_required = true) const {
        object(j, ptr, {"vi", "en"}, {"vi", "en"});
        Text t{string(j["vi"], ptr + "/vi"), string(j["en"], ptr + "/en")};
        if (vi_required && t.vi.empty()) fail(ptr + "/vi", "must not be empty");
        return t;
    }

    bool boolean(const json& j, const std::string& ptr) const {
        if (!j.is_boolean()) fail(ptr, "must be true or false");
        return j.get<bool>();
    }

    std::int64_t integer(const json& j, const std::string& ptr, std::int64_t lo,
                         std::int64_t hi) const {
        if (!j.is_number_integer()) fail(ptr, "must be an integer");
        const auto v = j.get<std::int64_t>();
        if (v < lo || v > hi) {
            fail(ptr, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
        }
        return v;
    }

    double number(const json& j, const std::string& ptr) const {
        if (!j.is_number()) fail(ptr, "must be a number");
        return j.get<double>();
    }

    const json& array(const json& j, const std::string& ptr, bool non_empty = false) const {
        if (!j.is_array()) fail(ptr, "must be an array");
        if (non_empty && j.empty()) fail(ptr, "must not be empty");
        return j;
    }

  private:
    std::string source_;
};

Provenance read_provenance(const Reader& r, const json& j, const std::string& ptr);

// Reads the top-level "guides" (format 2) once procedures and life events are read.
std::vector<Guide> read_guides(Reader& r, const json& j, const Catalog& c);

// Reads the top-level "lists" (format 2), before the procedures whose fields name them.
std::vector<ReferenceList> read_lists(Reader& r, const json& j);

}  // namespace quay::catalog::detail
