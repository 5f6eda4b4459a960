#pragma once
// Coverage of a catalogue (`quayctl catalog stats`): how many procedures, by lĩnh vực, how
// many have guided questions, how many bundles, and how many values are not from a source.

#include <cstddef>
#include <map>
#include <string>

#include "quay/catalog/catalog.hpp"

namespace quay::catalog {

struct Stats {
    std::size_t procedures = 0;
    std::map<std::string, std::size_t> by_field;  // field code (ho_tich, cu_tru, ...) -> count
    std::size_t guided = 0;                       // procedures some guide's outcome leads to
    std::size_t bundles = 0;
    std::size_t inferred_values = 0;  // provenance.inferred pointers of procedures, bundles, guides
};

Stats stats(const Catalog& catalog);

}  // namespace quay::catalog
