// Placeholder until this command lands; it fails loudly, never pretends.
#include "cli.hpp"

namespace quay::cli {
int run_catalog_sync(Context&, Args&) {
    throw Failure{1, "not_implemented", "catalog sync is not implemented yet"};
}
}  // namespace quay::cli
