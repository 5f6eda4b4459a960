#include "quay/catalog/search.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <unordered_map>

#include "quay/error.hpp"
#include "quay/text/compose.hpp"
#include "quay/text/slip.hpp"
#include "quay/text/utf8.hpp"

namespace quay::catalog {
namespace {

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

// Words that carry no procedure in how people ask ("tôi muốn xin làm ... ở đâu ạ"),
// folded. Dropped from a query that has other words; never from the index.
bool is_filler(std::string_view w) {
    static constexpr std::string_view filler[] = {
        "a",    "ai",  "anh", "bi",    "cho",   "co",  "cua", "da",  "dau",  "de",
        "duoc", "em",  "gi",  "giup",  "khong", "la",  "lam", "luc", "minh", "moi",
        "muon", "nao", "nay", "nhieu", "nhu",   "o",   "oi",  "ra",  "roi",  "sao",
        "thi",  "toi", "va",  "vao",   "voi",   "vua", "xin"};
    return std::find(std::begin(filler), std::end(filler), w) != std::end(filler);
}

// Per Zone: the name in the UI language, the other language's name, a keyword (below the
// name, as issue 13 asks), the field and life events, the documents to bring. A query word
// scores its best zone; a phrase (name, keyword) adds its share covered times cover_weight
// and adjacent_bonus for query words next to each other in it.
constexpr float zone_weight[] = {8.0f, 6.0f, 7.0f, 3.0f, 1.0f};
constexpr float cover_weight[] = {6.0f, 5.0f, 4.0f, 0.0f, 0.0f};
constexpr float adjacent_bonus = 3.0f;   // two query words next to each other, in order
constexpr std::size_t second_pass = 64;  // candidates whose phrases are scored

// Typed words that must match for a hit: all of one or two, then all but one in three (the
// more matched, the higher the hit ranks).
std::size_t needed(std::size_t words) {
    return words - words / 3;
}

}  // namespace

std::uint32_t SearchIndex::word_id(std::string_view word) const {
    const auto it = std::lower_bound(vocabulary_.begin(), vocabulary_.end(), word);
    return static_cast<std::uint32_t>(it - vocabulary_.begin());
}

SearchIndex::SearchIndex(const Catalog& catalog, Language ui_language) {
    // Collect postings and phrases (as words) first, then freeze a sorted vocabulary.
    std::map<std::string, std::vector<Posting>, std::less<>> building;
    struct RawPhrase {
        Zone zone;
        std::vector<std::string> words;
    };
    std::vector<std::vector<RawPhrase>> raw(catalog.procedures.size());
    auto add = [&](std::uint32_t doc, Zone zone, std::string_view text) {
        const auto folded = text::fold_for_search(text);
        const auto words = text::folded_words(folded);
        for (const auto w : words) {
            auto& list = building[std::string(w)];
            if (list.empty() || list.back().doc != doc || list.back().zone != zone) {
                list.push_back(Posting{doc, zone});
            }
        }
        if (zone <= Zone::keyword && !words.empty()) {
            raw[doc].push_back({zone, std::vector<std::string>(words.begin(), words.end())});
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
        docs_.push_back(Doc{&p, {}, text::fold_for_search(shown)});
        add(doc, Zone::name, shown);
        if (p.name.in(other) != shown) add(doc, Zone::other_name, p.name.in(other));
        for (const auto& k : p.keywords)
            add(doc, Zone::keyword, k);
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
    for (std::size_t d = 0; d < docs_.size(); ++d) {
        for (const auto& rp : raw[d]) {
            Phrase ph{rp.zone, {}};
            for (const auto& w : rp.words)
                ph.words.push_back(word_id(w));
            docs_[d].phrases.push_back(std::move(ph));
        }
    }
    for (std::uint32_t id = 0; id < vocabulary_.size(); ++id) {
        const auto& w = vocabulary_[id];
        deletions_[w].push_back(id);
        for (std::size_t i = 0; i < w.size(); ++i) {
            auto& list = deletions_[w.substr(0, i) + w.substr(i + 1)];
            if (list.empty() || list.back() != id) list.push_back(id);
        }
    }
}

std::vector<SearchIndex::Term> SearchIndex::terms_for(std::string_view plain, bool last,
                                                      bool forgive) const {
    std::vector<Term> terms;
    auto put = [&](std::uint32_t id, float quality) { terms.push_back({id, quality}); };
    // One term per vocabulary word, its best quality.
    auto unique = [&] {
        std::sort(terms.begin(), terms.end(), [](const Term& a, const Term& b) {
            return a.word != b.word ? a.word < b.word : a.quality > b.quality;
        });
        terms.erase(std::unique(terms.begin(), terms.end(),
                                [](const Term& a, const Term& b) { return a.word == b.word; }),
                    terms.end());
        return terms;
    };
    // The word as typed, then as Telex would have composed it ("sinhf" -> sinh, "ddawng" ->
    // dang): both are tried, the typed one first, since English words must survive.
    std::string telex = text::fold_for_search(text::compose(text::InputMethod::telex, plain));
    const std::string_view forms[] = {plain, telex};
    const float form_quality[] = {1.0f, 0.95f};
    const std::size_t nforms = telex.empty() || telex == plain ? 1 : 2;
    bool exact = false;
    for (std::size_t f = 0; f < nforms && !exact; ++f) {
        const auto form = forms[f];
        const auto lo = std::lower_bound(vocabulary_.begin(), vocabulary_.end(), form);
        if (lo != vocabulary_.end() && *lo == form) {
            put(static_cast<std::uint32_t>(lo - vocabulary_.begin()), form_quality[f]);
            exact = true;
        }
        // The word being typed is naturally a prefix; an earlier word counts as one only
        // when it is no whole word ("dang ky kh"), and weighs less.
        if (!last && exact) continue;
        const float prefix = (last ? 0.8f : 0.4f) * form_quality[f];
        for (auto it = lo; it != vocabulary_.end() && it->starts_with(form); ++it) {
            if (it->size() > form.size()) {
                put(static_cast<std::uint32_t>(it - vocabulary_.begin()), prefix);
            }
        }
    }
    if (!terms.empty() && (exact || !forgive)) return unique();
    // Nothing as typed (or only the start of a word, when forgiving): one slip of a finger
    // ("sinj", "khia", "tachh").
    for (std::size_t f = 0; f < nforms; ++f) {
        const std::string form(forms[f]);
        auto try_key = [&](const std::string& key) {
            const auto it = deletions_.find(key);
            if (it == deletions_.end()) return;
            for (const auto id : it->second) {
                if (text::one_slip_apart(form, vocabulary_[id])) put(id, 0.6f * form_quality[f]);
            }
        };
        try_key(form);
        for (std::size_t i = 0; i < form.size(); ++i)
            try_key(form.substr(0, i) + form.substr(i + 1));
    }
    return unique();
}

std::vector<SearchHit> SearchIndex::search(std::string_view raw_query, std::size_t limit) const {
    std::string query;
    try {
        query = std::string(text::trim(text::to_nfc(raw_query)));
    } catch (const Error&) {
        return {};  // keyboard text is always valid; anything else finds nothing
    }
    std::vector<SearchHit> hits;
    if (limit == 0) return hits;

    // "1.0011" finds codes by prefix, and nothing else.
    if (is_code_query(query)) {
        for (const auto& d : docs_) {
            const auto& c = d.procedure->code;
            if (c.starts_with(query)) hits.push_back({d.procedure, 100.0 + (c == query ? 10 : 0)});
        }
        std::stable_sort(hits.begin(), hits.end(),
                         [](const SearchHit& a, const SearchHit& b) { return a.score > b.score; });
        if (hits.size() > limit) hits.resize(limit);
        return hits;
    }

    const auto folded = text::fold_for_search(query);
    auto words = text::folded_words(folded);
    if (!std::all_of(words.begin(), words.end(), is_filler)) std::erase_if(words, is_filler);
    struct Candidate {
        std::uint32_t doc;
        float score;
    };
    std::vector<std::vector<Term>> word_terms;  // per meaningful query word
    std::size_t nw = 0;
    std::vector<float> best;  // per doc and query word, the best zone weight reached
    std::vector<Candidate> cands;
    auto coverage = [&](std::uint32_t doc) {
        const float* row = &best[doc * nw];
        const auto m = static_cast<std::size_t>(
            std::count_if(row, row + nw, [](float v) { return v > 0.0f; }));
        const float share = static_cast<float>(m) / static_cast<float>(nw);
        return std::pair{m, share * share};
    };
    // A query that finds nothing as typed is tried once more, forgiving a slip in every word
    // that is no whole word ("chu kt": kt starts KT3, but ký was meant).
    for (const bool forgive : {false, true}) {
        word_terms.clear();
        for (std::size_t i = 0; i < words.size(); ++i) {
            auto terms = terms_for(words[i], i + 1 == words.size(), forgive);
            if (!terms.empty()) word_terms.push_back(std::move(terms));
        }
        nw = word_terms.size();
        if (nw == 0) return hits;
        best.assign(docs_.size() * nw, 0.0f);
        std::vector<std::uint32_t> touched;
        for (std::size_t qi = 0; qi < nw; ++qi) {
            for (const auto& term : word_terms[qi]) {
                for (const auto& post : postings_[term.word]) {
                    float* row = &best[post.doc * nw];
                    if (std::all_of(row, row + nw, [](float v) { return v == 0.0f; })) {
                        touched.push_back(post.doc);
                    }
                    row[qi] =
                        std::max(row[qi], zone_weight[static_cast<int>(post.zone)] * term.quality);
                }
            }
        }
        for (const auto doc : touched) {
            const auto [m, factor] = coverage(doc);
            if (m < needed(nw)) continue;
            const float* row = &best[doc * nw];
            cands.push_back({doc, std::accumulate(row, row + nw, 0.0f) * factor});
        }
        if (!cands.empty()) break;
    }
    auto better = [&](const Candidate& x, const Candidate& y) {
        if (x.score != y.score) return x.score > y.score;
        return docs_[x.doc].sort_key < docs_[y.doc].sort_key;  // ties: A–Z
    };
    if (cands.size() > second_pass) {
        std::nth_element(cands.begin(), cands.begin() + second_pass, cands.end(), better);
        cands.resize(second_pass);
    }

    // Second pass: names and keywords as phrases; the best phrase's bonus counts. For each
    // vocabulary word a query word stands for: which query words, and how surely.
    std::unordered_map<std::uint32_t, std::vector<std::pair<std::uint32_t, float>>> wanted;
    for (std::size_t qi = 0; qi < nw; ++qi) {
        for (const auto& t : word_terms[qi])
            wanted[t.word].push_back({static_cast<std::uint32_t>(qi), t.quality});
    }
    std::vector<float> quality(nw);
    std::vector<int> position(nw);
    for (auto& c : cands) {
        float bonus = 0;
        for (const auto& ph : docs_[c.doc].phrases) {
            std::fill(quality.begin(), quality.end(), 0.0f);
            std::fill(position.begin(), position.end(), -1);
            std::size_t covered = 0;
            for (std::size_t j = 0; j < ph.words.size(); ++j) {
                const auto it = wanted.find(ph.words[j]);
                if (it == wanted.end()) continue;
                ++covered;
                for (const auto& [qi, q] : it->second) {
                    if (q > quality[qi]) {
                        quality[qi] = q;
                        position[qi] = static_cast<int>(j);
                    }
                }
            }
            float b = cover_weight[static_cast<int>(ph.zone)] * static_cast<float>(covered) /
                      static_cast<float>(ph.words.size());
            for (std::size_t qi = 0; qi < nw; ++qi) {
                for (std::size_t qj = qi + 1; qj < nw; ++qj) {
                    if (position[qi] >= 0 && position[qj] == position[qi] + 1) b += adjacent_bonus;
                }
            }
            bonus = std::max(bonus, b);
        }
        c.score += bonus * coverage(c.doc).second;
    }
    const auto keep = std::min(limit, cands.size());
    std::partial_sort(cands.begin(), cands.begin() + static_cast<std::ptrdiff_t>(keep), cands.end(),
                      better);
    for (std::size_t i = 0; i < keep; ++i)
        hits.push_back({docs_[cands[i].doc].procedure, cands[i].score});
    return hits;
}

}  // namespace quay::catalog
