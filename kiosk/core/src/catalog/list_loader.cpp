// Reads the reference lists of a format 2 catalogue (docs/catalog-format.md "Reference
// lists"): unique codes, non-empty unique values, keywords as a procedure's, and a
// communes list inside a province of the provinces list.

#include <algorithm>
#include <set>

#include "quay/catalog/lists.hpp"
#include "reader.hpp"

namespace quay::catalog::detail {
namespace {

std::string at(const std::string& ptr, std::size_t i) {
    return ptr + "/" + std::to_string(i);
}

std::vector<std::string> read_names(const Reader& r, const json& j, const std::string& ptr) {
    std::vector<std::string> out;
    const auto& names = r.array(j, ptr);
    std::set<std::string> seen;
    for (std::size_t i = 0; i < names.size(); ++i) {
        auto s = r.string(names[i], at(ptr, i), false);
        if (text::fold_for_search(s).empty())
            r.fail(at(ptr, i), "has nothing to search for (no letter or digit)");
        if (!seen.insert(text::fold_for_search(s)).second) r.fail(at(ptr, i), "is listed twice");
        out.push_back(std::move(s));
    }
    return out;
}

ListItem read_item(const Reader& r, const json& j, const std::string& ptr) {
    r.object(j, ptr, {"value", "label", "keywords", "formerly"}, {"value"});
    ListItem item;
    item.value = r.string(j["value"], ptr + "/value", false);
    if (j.contains("label")) item.label = r.text_of(j["label"], ptr + "/label");
    if (j.contains("keywords")) item.keywords = read_names(r, j["keywords"], ptr + "/keywords");
    if (j.contains("formerly")) item.formerly = read_names(r, j["formerly"], ptr + "/formerly");
    return item;
}

ReferenceList read_list(const Reader& r, const json& j, const std::string& ptr) {
    r.object(j, ptr, {"code", "name", "last_part", "within", "items", "provenance"},
             {"code", "name", "items", "provenance"});
    ReferenceList l;
    l.code = r.code(j["code"], ptr + "/code");
    l.name = r.text_of(j["name"], ptr + "/name");
    if (j.contains("last_part")) l.last_part = r.boolean(j["last_part"], ptr + "/last_part");
    if (j.contains("within")) l.within = r.string(j["within"], ptr + "/within", false);
    const auto& items = r.array(j["items"], ptr + "/items", true);
    std::set<std::string> values;
    for (std::size_t i = 0; i < items.size(); ++i) {
        auto item = read_item(r, items[i], at(ptr + "/items", i));
        if (!values.insert(item.value).second)
            r.fail(at(ptr + "/items", i) + "/value", "is listed twice");
        l.items.push_back(std::move(item));
    }
    l.provenance = read_provenance(r, j["provenance"], ptr + "/provenance");
    return l;
}

}  // namespace

std::vector<ReferenceList> read_lists(Reader& r, const json& j) {
    r.procedure.clear();
    std::vector<ReferenceList> out;
    const auto& lists = r.array(j, "/lists");
    for (std::size_t i = 0; i < lists.size(); ++i) {
        auto l = read_list(r, lists[i], at("/lists", i));
        const bool twice = std::any_of(out.begin(), out.end(),
                                       [&](const ReferenceList& o) { return o.code == l.code; });
        if (twice) r.fail(at("/lists", i) + "/code", "is used twice");
        out.push_back(std::move(l));
    }
    // A communes list belongs to a province of the provinces list.
    const auto provinces = std::find_if(
        out.begin(), out.end(), [](const ReferenceList& l) { return l.code == kProvincesList; });
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i].within.empty()) continue;
        const bool known = provinces != out.end() &&
                           std::any_of(provinces->items.begin(), provinces->items.end(),
                                       [&](const ListItem& p) { return p.value == out[i].within; });
        if (!known) r.fail(at("/lists", i) + "/within", "names no item of the list provinces");
    }
    return out;
}

}  // namespace quay::catalog::detail
