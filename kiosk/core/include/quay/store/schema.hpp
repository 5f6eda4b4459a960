#pragma once
// The store's schema migrations, in order (store/schema.cpp). Public so that a test can hold
// every migration, present and future, to the rollback rule (docs/updates.md): an update
// that rolls back leaves an OLDER app on a store a NEWER app migrated, so a migration may
// only add (tables, indexes, nullable or defaulted columns), never drop, rename or
// tighten what an older app reads and writes.

#include <span>
#include <string_view>

namespace quay::store {

std::span<const std::string_view> schema_migrations();

}  // namespace quay::store
