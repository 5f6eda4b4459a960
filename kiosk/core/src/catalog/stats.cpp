#include "quay/catalog/stats.hpp"

#include "quay/catalog/guided.hpp"

namespace quay::catalog {

Stats stats(const Catalog& catalog) {
    Stats s;
    s.procedures = catalog.procedures.size();
    for (const auto& p : catalog.procedures) {
        ++s.by_field[p.field_code];
        s.inferred_values += p.provenance.inferred.size();
    }
    for (const auto& b : catalog.bundles)
        s.inferred_values += b.provenance.inferred.size();
    for (const auto& g : catalog.guides)
        s.inferred_values += g.provenance.inferred.size();
    s.guided = guided_procedure_count(catalog);
    s.bundles = catalog.bundles.size();
    return s;
}

}  // namespace quay::catalog
