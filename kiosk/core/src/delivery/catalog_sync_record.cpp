// The last catalogue sync's outcome, for the staff screen (docs/staff-guide.md).
#include <nlohmann/json.hpp>

#include <fstream>

#include "quay/delivery/catalog_sync.hpp"
#include "quay/error.hpp"
#include "quay/json_limits.hpp"
#include "quay/store/store.hpp"

namespace quay::delivery {

namespace fs = std::filesystem;

namespace {

fs::path attempt_file(const fs::path& data_dir) {
    return data_dir / "catalog.sync.json";
}

void record(const fs::path& data_dir, const SyncAttempt& a) {
    const nlohmann::ordered_json doc = {
        {"at_s", a.at_s}, {"outcome", a.outcome}, {"catalog_version", a.catalog_version}};
    try {
        write_file_atomically(attempt_file(data_dir), doc.dump() + "\n");
    } catch (const std::exception&) {
        // Disk full or read-only: the staff screen shows the previous attempt.
    }
}

std::string outcome_of(const Error& e) {
    for (const char* known : {"offline", "portal_error", "bad_catalog"}) {
        if (e.code() == known) return known;
    }
    return "error";
}

}  // namespace

SyncResult sync_catalog_recorded(PortalClient& client, const fs::path& data_dir,
                                 const CatalogCheck& check, const std::string& current_version,
                                 const Clock& clock) {
    SyncAttempt a;
    a.at_s =
        std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count();
    try {
        const SyncResult r = sync_catalog(client, data_dir, check, current_version);
        a.outcome = r.changed ? "updated" : "unchanged";
        a.catalog_version = r.catalog_version;
        record(data_dir, a);
        return r;
    } catch (const store::StorageError&) {
        a.outcome = "storage";
        record(data_dir, a);
        throw;
    } catch (const Error& e) {
        a.outcome = outcome_of(e);
        record(data_dir, a);
        throw;
    } catch (...) {
        a.outcome = "error";
        record(data_dir, a);
        throw;
    }
}

SyncAttempt read_sync_attempt(const fs::path& data_dir) {
    SyncAttempt a;
    std::ifstream in(attempt_file(data_dir), std::ios::binary);
    if (!in) return a;
    std::string bytes(4097, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    const auto doc = json_limits::parse(bytes);
    if (bytes.size() > 4096 || !doc.is_object()) return a;
    const auto at = doc.find("at_s");
    const auto outcome = doc.find("outcome");
    if (at == doc.end() || !at->is_number_integer() || outcome == doc.end() ||
        !outcome->is_string())
        return a;
    a.at_s = at->get<std::int64_t>();
    a.outcome = outcome->get<std::string>();
    if (const auto v = doc.find("catalog_version"); v != doc.end() && v->is_string())
        a.catalog_version = v->get<std::string>();
    return a;
}

}  // namespace quay::delivery
