#pragma once
// Loads and validates a catalogue (docs/catalog-format.md). Everything is checked; a bad
// catalogue is an error that names the file, the procedure and the JSON pointer, and it
// never replaces a good one.

#include <filesystem>
#include <string>
#include <string_view>

#include "quay/catalog/catalog.hpp"
#include "quay/config/config.hpp"
#include "quay/error.hpp"

namespace quay::catalog {

class CatalogError : public Error {
  public:
    // subject says what `procedure` names: a procedure code, or a guide's code.
    CatalogError(std::string source, std::string procedure, std::string pointer,
                 const std::string& problem, const std::string& subject = "procedure");
    const std::string& source() const noexcept { return source_; }
    const std::string& procedure() const noexcept { return procedure_; }  // "" if none
    const std::string& pointer() const noexcept { return pointer_; }

  private:
    std::string source_, procedure_, pointer_;
};

// Parses and validates catalogue bytes. Throws CatalogError.
Catalog parse(std::string_view json_bytes, std::string_view source_name);
// The check a catalogue from the portal passes before it is stored (quayctl catalog sync
// and the kiosk's timed sync): its catalog_version, or CatalogError.
std::string version_of_portal_catalog(const std::string& document);
Catalog load_file(const std::filesystem::path& file);
Catalog bundled();

struct ActiveCatalog {
    Catalog catalog;
    enum class Source { config_file, synced, bundled } source;
    std::string note;  // why a synced catalogue was not used, when it was not
};

// config.catalog.file when set (its errors are errors); else <data_dir>/catalog.json when
// it exists and validates (written by `quayctl catalog sync`); else the bundled one.
ActiveCatalog load_active(const config::Config& config);

}  // namespace quay::catalog
