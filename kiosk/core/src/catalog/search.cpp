#include "quay/catalog/search.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "quay/error.hpp"
#include "quay/text/utf8.hpp"

namespace quay::catalog {
namespace {

std::vector<std::string_view> split_words(std::string_view folded) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < folded.size()) {
        const auto end = std::min(folded.find(' ', i), folded.size());
        if (end > i) words.push_back(folded.substr(i, end - i));
        i = end + 1;
    }
    return words;
}

bool is_code_query(std::string_view q) {
    if (q.empty()) return false;
    bool digit = false;
    for (char ch : q) {
        if (ch >= '0' && ch <= '9') {
            digit = true;
        } else if (ch != '.') {
            return false;
        }
    }
    return digit;
}

}  // namespace

SearchIndex::SearchIndex(const Catalog& catalog, Language ui_language) {
    // Collect postings per word first, then freeze into a sorted vocabulary.
    std::map<std::string, std::vector<Posting>, std::less<>> building;
    auto add = [&](std::uint32_t doc, Zone zone, std::string_view raw) {
        const auto folded = text::fold_for_search(raw);
        std::uint8_t pos = 0;
        for (const auto w : split_words(folded)) {
            auto& list = building[std::string(w)];
            if (list.empty() || list.back().doc != doc || list.back().zone != zone ||
                list.back().position != pos) {
                list.push_back(Posting{doc, zone, pos});
            }
            if (pos < 255) ++pos;
        }
    };
    const Language other = ui_language == Language::vi ? Language::en : Language::vi;
    std::unordered_map<std::string_view, const LifeEvent*> events;
    for (const auto& e : catalog.life_events)
        events.emplace(e.code, &e);

    docs_.reserve(catalog.procedures.size());
    for (const auto& p : catalog.procedures) {
        const auto doc = static_cast<std::uint32_t>(docs_.size());
        const auto& shown = p.name.in(ui_language);
        auto folded_name = text::fold_for_search(shown);
        const auto name_words = static_cast<std::uint16_t>(split_words(folded_name).size());
        docs_.push_back(Doc{&p, name_words, std::move(folded_name)});
        add(doc, Zone::code, p.code);
        add(doc, Zone::name, shown);
        if (p.name.in(other) != shown) add(doc, Zone::other_name, p.name.in(other));
        add(doc, Zone::topic, p.field.vi);
        add(doc, Zone::topic, p.field.en);
        for (const auto& ev : p.life_events) {
            if (const auto it = events.find(ev); it != events.end()) {
                add(doc, Zone::topic, it->second->name.vi);
                add(doc, Zone::topic, it->second->name.en);
            }
        }
        for (const auto& d : p.documents)
            add(doc, Zone::document, d.name.in(ui_language));
    }
    vocabulary_.reserve(building.size());
    postings_.reserve(building.size());
    for (auto& [word, list] : building) {
        vocabulary_.push_back(word);
        postings_.push_back(std::move(list));
    }
}

namespace {
double zone_weight(std::uint8_t zone) {
    constexpr double weights[] = {12.0, 8.0, 6.0, 3.0,
                                  1.0};  // code, name, other name, topic, document
    return weights[zone];
}
}  // namespace

std::vector<SearchHit> SearchIndex::search(std::string_view raw_query, std::size_t limit) const {
    std::string query;
    try {
        query = std::string(text::trim(text::to_nfc(raw_query)));
    } catch (const Error&) {
        return {};  // keyboard text is always valid; anything else finds nothing
    }
    // Score per doc (negative: not a hit) and the docs that have one, in insertion order.
    std::vector<double> scored(docs_.size(), -1.0);
    std::vector<std::uint32_t> ranked;
    auto give = [&](std::uint32_t doc, double score) {
        if (scored[doc] < 0) ranked.push_back(doc);
        scored[doc] = std::max(scored[doc], score);
    };

    // "1.0011" finds codes by prefix, above any word match.
    if (is_code_query(query)) {
        for (std::uint32_t i = 0; i < docs_.size(); ++i) {
            const auto& c = docs_[i].procedure->code;
            if (c.starts_with(query)) give(i, 100.0 + (c == query ? 10.0 : 0.0));
        }
    }

    const auto folded = text::fold_for_search(query);
    const auto words = split_words(folded);
    const std::size_t nw = words.size();

    // Flat per-doc scratch (no hashing in the hot loop): the best score each query word
    // reached and where it matched in the name. `round[doc] == qi` means the doc matched
    // every word before qi, so it is still a candidate.
    std::vector<float> best(nw == 0 ? 0 : docs_.size() * nw, 0.0f);
    std::vector<std::int16_t> name_pos(best.size(), -1);
    std::vector<std::uint16_t> round(docs_.size(), 0);
    std::vector<std::uint32_t> alive;
    for (std::size_t qi = 0; qi < nw; ++qi) {
        const auto w = words[qi];
        const bool last = qi + 1 == nw;
        const auto lo = std::lower_bound(vocabulary_.begin(), vocabulary_.end(), w);
        for (auto it = lo; it != vocabulary_.end() && it->starts_with(w); ++it) {
            const bool exact = it->size() == w.size();
            // The word being typed is naturally a prefix; earlier words count as prefixes
            // too (people type "dang ky kh"), but whole words weigh more.
            const float exactness = exact ? 1.0f : (last ? 0.8f : 0.5f);
            const auto& list = postings_[static_cast<std::size_t>(it - vocabulary_.begin())];
            for (const auto& post : list) {
                if (round[post.doc] != qi) continue;  // missed an earlier word
                const std::size_t cell = post.doc * nw + qi;
                if (qi == 0 && best[cell] == 0.0f) alive.push_back(post.doc);
                const float s =
                    static_cast<float>(zone_weight(static_cast<std::uint8_t>(post.zone))) *
                    exactness;
                best[cell] = std::max(best[cell], s);
                if (post.zone == Zone::name && (name_pos[cell] < 0 || exact)) {
                    name_pos[cell] = post.position;
                }
            }
        }
        std::erase_if(alive, [&](std::uint32_t d) { return best[d * nw + qi] == 0.0f; });
        for (const auto d : alive)
            round[d] = static_cast<std::uint16_t>(qi + 1);
        if (alive.empty()) break;
    }

    for (const auto doc : alive) {
        const float* b = &best[doc * nw];
        const std::int16_t* pos = &name_pos[doc * nw];
        double score = 0;
        int in_name = 0;
        for (std::size_t qi = 0; qi < nw; ++qi) {
            score += b[qi];
            if (pos[qi] >= 0) ++in_name;
        }
        // Words next to each other, in order, in the name ("khai sinh").
        for (std::size_t qi = 1; qi < nw; ++qi) {
            if (pos[qi - 1] >= 0 && pos[qi] == pos[qi - 1] + 1) score += 3.0;
        }
        // The larger the share of the name the query covers, the closer the match:
        // "khai sinh" prefers "Đăng ký khai sinh" to "Đăng ký lại khai sinh".
        if (docs_[doc].name_words > 0) score += 6.0 * in_name / docs_[doc].name_words;
        give(doc, score);
    }

    const auto keep = std::min(limit, ranked.size());
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep),
                      ranked.end(), [&](std::uint32_t x, std::uint32_t y) {
                          if (scored[x] != scored[y]) return scored[x] > scored[y];
                          return docs_[x].sort_key < docs_[y].sort_key;  // ties: A–Z
                      });
    ranked.resize(keep);
    std::vector<SearchHit> hits;
    hits.reserve(ranked.size());
    for (const auto doc : ranked)
        hits.push_back({docs_[doc].procedure, scored[doc]});
    return hits;
}

}  // namespace quay::catalog
