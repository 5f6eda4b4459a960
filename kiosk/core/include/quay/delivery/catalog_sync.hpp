#pragma once
// Catalogue sync: GET /v1/catalog with If-None-Match. A new catalogue replaces
// <data_dir>/catalog.json atomically (temp file, fsync, rename, directory fsync) only if it
// parses and validates; the ETag is kept beside it in catalog.etag.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "quay/clock.hpp"
#include "quay/delivery/portal_client.hpp"

namespace quay::delivery {

struct SyncResult {
    std::string catalog_version;
    bool changed = false;
};

// Parses and validates a catalogue document; returns its catalog_version or throws
// quay::Error naming the problem.
using CatalogCheck = std::function<std::string(const std::string& document)>;

// current_version: the version in use now (reported when the portal answers 304).
// Throws Error{"offline"} (no answer), Error{"portal_error"} (unexpected answer),
// Error{"bad_catalog"} (the old one is kept), store::StorageError (cannot write).
SyncResult sync_catalog(PortalClient& client, const std::filesystem::path& data_dir,
                        const CatalogCheck& check, const std::string& current_version);

// The last sync tried, kept in <data_dir>/catalog.sync.json for the staff screen: when, and
// how it ended.
struct SyncAttempt {
    std::int64_t at_s = 0;  // unix seconds; 0: never tried (or the record is unreadable)
    // "updated" | "unchanged" | "offline" | "portal_error" | "bad_catalog" | "storage" |
    // "error"
    std::string outcome;
    std::string catalog_version;  // updated / unchanged: the portal's version
};

// sync_catalog, its outcome recorded as a SyncAttempt at clock.now() (the app's timer and
// `quayctl catalog sync` both sync through this). Throws what sync_catalog throws; a record
// that cannot be written is skipped (the sync's own outcome matters more).
SyncResult sync_catalog_recorded(PortalClient& client, const std::filesystem::path& data_dir,
                                 const CatalogCheck& check, const std::string& current_version,
                                 const Clock& clock);
// Never throws: a missing or unreadable record is "never tried".
SyncAttempt read_sync_attempt(const std::filesystem::path& data_dir);

// Writes bytes to path atomically and durably (temp + fsync + rename + dir fsync), with
// exactly `mode` (whatever the umask). The temp file is path + ".new", in the same directory.
void write_file_atomically(const std::filesystem::path& path, const std::string& bytes,
                           unsigned mode = 0600);

}  // namespace quay::delivery
