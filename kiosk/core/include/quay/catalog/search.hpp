#pragma once
// Search as you type over the catalogue, in the words citizens use. Forgives case, missing
// diacritics (đ/d), both tone-placement styles (everything is compared through
// text::fold_for_search), Telex keys left in the text ("khai sinhf", "ddawng kys") and one
// slip of a finger per word ("khai sinj", text/slip.hpp). Matches procedure codes, words in
// any order, the last word as a prefix while it is being typed, and the catalogue's
// keywords ("sổ đỏ", "nhập hộ khẩu") like names, ranked below the name. Filler words
// ("tôi muốn làm ...") and words found nowhere are left out; of the rest a hit must match
// all but one in three.
//
// An inverted index: a sorted vocabulary of folded words, each with its postings. A query
// word selects vocabulary words (its exact word, its prefix range, its Telex reading, and
// only when none of those exist its one-slip neighbours through a deletion index), so one
// keystroke costs a few look-ups plus the postings it touches. A second pass scores the
// best candidates' names and keywords as phrases (words next to each other, share of the
// phrase covered).

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
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
    // keywords, codes, fields, life events and document names. `ui_language` decides which
    // name counts as the name and orders ties. The catalogue must outlive the index.
    SearchIndex(const Catalog& catalog, Language ui_language);

    // Best first; at most `limit` hits. An empty or blank query gives no hits.
    std::vector<SearchHit> search(std::string_view query, std::size_t limit = 20) const;

    // One vocabulary word a query word stands for, and how surely (1 = typed exactly).
    struct Term {
        std::uint32_t word;
        float quality;
    };

  private:
    // Where a word occurs; see zone_weight() in search.cpp.
    enum class Zone : std::uint8_t { name, other_name, keyword, topic, document };
    struct Posting {
        std::uint32_t doc;
        Zone zone;
    };
    // A text scored as a whole in the second pass: a name or one keyword.
    struct Phrase {
        Zone zone;
        std::vector<std::uint32_t> words;  // vocabulary indices, in order
    };
    struct Doc {
        const Procedure* procedure;
        std::vector<Phrase> phrases;
        std::string sort_key;  // folded name, orders equal scores alphabetically
    };

    // The vocabulary words a query word stands for; `last`: it may be unfinished;
    // `forgive`: also its one-slip neighbours when it is no whole word.
    std::vector<Term> terms_for(std::string_view word, bool last, bool forgive) const;
    std::uint32_t word_id(std::string_view word) const;  // of a word in the vocabulary

    std::vector<Doc> docs_;
    std::vector<std::string> vocabulary_;         // sorted, unique
    std::vector<std::vector<Posting>> postings_;  // parallel to vocabulary_
    // Every vocabulary word and every form of it with one letter deleted -> the words.
    std::unordered_map<std::string, std::vector<std::uint32_t>> deletions_;
};

}  // namespace quay::catalog
