#include "quay/catalog/lists.hpp"

#include <algorithm>

#include "quay/text/utf8.hpp"

namespace quay::catalog {
namespace {

std::string without_spaces(std::string_view folded) {
    std::string out;
    for (char c : folded)
        if (c != ' ') out += c;
    return out;
}

// The query (folded, spaces removed) starts at one of the text's words, read on across the
// following words: "bacgiang" in "Bắc Giang", "mong" and "hmong" in "H'Mông".
bool starts_at_a_word(std::string_view text, const std::string& query) {
    const std::string folded = text::fold_for_search(text);  // "H'Mông" → "h mong"
    const auto words = text::folded_words(folded);
    for (std::size_t i = 0; i < words.size(); ++i) {
        std::string rest;
        for (std::size_t j = i; j < words.size() && rest.size() < query.size(); ++j)
            rest += words[j];
        if (rest.starts_with(query)) return true;
    }
    return false;
}

bool any_starts(const std::vector<std::string>& texts, const std::string& query) {
    return std::any_of(texts.begin(), texts.end(),
                       [&](const std::string& t) { return starts_at_a_word(t, query); });
}

// "Tỉnh Bắc Giang", "TP. Hồ Chí Minh" → the name folded, without the kind of unit.
std::string place_key(std::string_view part) {
    std::string f = text::fold_for_search(part);
    for (std::string_view prefix : {"thanh pho ", "tinh ", "tp "}) {
        if (f.starts_with(prefix) && f.size() > prefix.size()) {
            f.erase(0, prefix.size());
            break;
        }
    }
    return f;
}

std::vector<std::string> split_parts(std::string_view s) {
    std::vector<std::string> parts;
    std::size_t i = 0;
    while (true) {
        const auto comma = s.find(',', i);
        parts.emplace_back(
            text::trim(s.substr(i, comma == std::string_view::npos ? s.npos : comma - i)));
        if (comma == std::string_view::npos) break;
        i = comma + 1;
    }
    return parts;
}

bool names_item(const ListItem& item, const std::string& key) {
    auto same = [&](const std::string& s) { return place_key(s) == key; };
    return same(item.value) || std::any_of(item.keywords.begin(), item.keywords.end(), same) ||
           std::any_of(item.formerly.begin(), item.formerly.end(), same);
}

}  // namespace

std::vector<const ListItem*> filter_list(const ReferenceList& list, std::string_view query) {
    const std::string q = without_spaces(text::fold_for_search(query));
    std::vector<const ListItem*> first, then;
    for (const auto& item : list.items) {
        if (q.empty() || starts_at_a_word(item.value, q) || starts_at_a_word(item.label.vi, q) ||
            starts_at_a_word(item.label.en, q)) {
            first.push_back(&item);
        } else if (any_starts(item.keywords, q) || any_starts(item.formerly, q)) {
            then.push_back(&item);
        }
    }
    first.insert(first.end(), then.begin(), then.end());
    return first;
}

std::string with_last_part(const ReferenceList& list, std::string_view typed,
                           std::string_view value) {
    auto parts = split_parts(typed);
    if (!parts.empty()) {
        const std::string key = place_key(parts.back());
        if (std::any_of(list.items.begin(), list.items.end(),
                        [&](const ListItem& i) { return names_item(i, key); }))
            parts.pop_back();
    }
    std::string out;
    for (const auto& p : parts) {
        if (p.empty()) continue;
        out.append(p).append(", ");
    }
    return out.append(value);
}

const ReferenceList* communes_of(const Catalog& catalog, std::string_view province) {
    for (const auto& l : catalog.lists)
        if (!l.within.empty() && l.within == province) return &l;
    return nullptr;
}

std::string with_commune(const ReferenceList& communes, std::string_view address,
                         std::string_view commune) {
    const auto comma = address.rfind(',');
    if (comma == std::string_view::npos)
        return with_last_part(communes, "", commune) + ", " + std::string(text::trim(address));
    return with_last_part(communes, address.substr(0, comma), commune) + ", " +
           std::string(text::trim(address.substr(comma + 1)));
}

std::optional<FormerProvince> former_province(const Catalog& catalog, std::string_view address) {
    const auto* provinces = catalog.find_list(kProvincesList);
    if (provinces == nullptr) return std::nullopt;
    const auto parts = split_parts(address);
    for (auto p = parts.rbegin(); p != parts.rend(); ++p) {
        const std::string key = place_key(*p);
        if (key.empty()) continue;
        for (const auto& item : provinces->items) {
            for (const auto& old : item.formerly) {
                if (place_key(old) == key) return FormerProvince{old, item.value};
            }
            // A current name at the end: the address is up to date.
            if (place_key(item.value) == key) return std::nullopt;
        }
    }
    return std::nullopt;
}

}  // namespace quay::catalog
