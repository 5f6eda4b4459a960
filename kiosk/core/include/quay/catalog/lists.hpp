#pragma once
// Reference lists (catalogue format 2, docs/catalog-format.md "Reference lists"): what a
// picker offers for a text field (ethnicities, nationalities, relationships, provinces),
// the filter typed above it, and the 2025 merger of provinces (docs/pickers.md).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quay/catalog/catalog.hpp"

namespace quay::catalog {

// The list of the 34 province-level units, whose items say what they absorbed (formerly).
inline constexpr std::string_view kProvincesList = "provinces";

// The items matching a filter, compared folded as search is (no diacritics, no case, đ=d,
// spaces and punctuation ignored: "hmong" finds H'Mông): the query must start at a word of
// the value, a label, a keyword or a former name. Those matching the value or label first,
// then those found through a keyword or a former name ("bac giang" finds Bắc Ninh), each
// in the list's order. An empty query gives the whole list.
std::vector<const ListItem*> filter_list(const ReferenceList& list, std::string_view query);

// For a list whose choice is the last part of the text (last_part): what was typed with the
// chosen value as its last comma-separated part. A last part that already names an item of
// the list (its value, a keyword or a former name, with or without "tỉnh"/"thành phố") is
// replaced, so picking twice does not add two provinces.
std::string with_last_part(const ReferenceList& list, std::string_view typed,
                           std::string_view value);

// The communes list of a province (a list whose `within` is its value), or nullptr.
const ReferenceList* communes_of(const Catalog& catalog, std::string_view province);

// An address ending in its province, with the commune picked as the part before it:
// "Thôn 3, Phú Thọ" + "Xã Yên Lạc" → "Thôn 3, Xã Yên Lạc, Phú Thọ". A commune already there
// (an item of the list) is replaced.
std::string with_commune(const ReferenceList& communes, std::string_view address,
                         std::string_view commune);

struct FormerProvince {
    std::string former;   // as the catalogue spells it: "Bắc Giang"
    std::string current;  // the unit that absorbed it: "Bắc Ninh"
};

// The province an address names, when the 2025 merger absorbed it ("…, Tỉnh Bắc Giang"):
// found in the address's comma-separated parts from the last, through the catalogue's
// provinces list. nullopt: no such list, or no part names a former province.
std::optional<FormerProvince> former_province(const Catalog& catalog, std::string_view address);

}  // namespace quay::catalog
