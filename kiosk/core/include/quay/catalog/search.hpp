#pragma once
// Search as you type over the catalogue. Forgives case, missing diacritics (đ/d) and both
// tone-placement styles (everything is compared through text::fold_for_search), matches
// procedure codes and words in any order, and treats the last word as a prefix while the
// person is still typing it.
//
// An inverted index: a sorted vocabulary of folded words, each with its postings. A query
// word selects a range of the vocabulary (its prefix range), so one keystroke costs a few
// binary searches plus the postings it touches, not a scan of every procedure.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "quay/catalog/catalog.hpp"
#include "quay/language.hpp"

namespace quay::catalog {

struct SearchHit {
    const Procedure* procedure;
    double score;
};

class SearchIndex {
  public:
    // Indexes names in both languages (the citizen may type Vietnamese in the English UI),
    // codes, fields, life events and document names. `ui_language` orders ties.
    // The catalogue must outlive the index.
    SearchIndex(const Catalog& catalog, Language ui_language);

    // Best first; at most `limit` hits. An empty or blank query gives no hits.
    std::vector<SearchHit> search(std::string_view query, std::size_t limit = 20) const;

  private:
    // Where a word occurs; lower zones weigh more.
    enum class Zone : std::uint8_t { code, name, other_name, topic, document };
    struct Posting {
        std::uint32_t doc;
        Zone zone;
        std::uint8_t position;  // word index within the zone's text (capped at 255)
    };
    struct Doc {
        const Procedure* procedure;
        std::uint16_t name_words;  // words in the name in the UI language
        std::string sort_key;      // folded name, orders equal scores alphabetically
    };

    std::vector<Doc> docs_;
    std::vector<std::string> vocabulary_;         // sorted, unique
    std::vector<std::vector<Posting>> postings_;  // parallel to vocabulary_
};

}  // namespace quay::catalog
