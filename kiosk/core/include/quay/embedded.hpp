#pragma once
// Files compiled into the binaries (see cmake/EmbedFiles.cmake).

#include <optional>
#include <string_view>
#include <vector>

namespace quay::embedded::assets {
// Keys: "catalog.json" and "locale/<lang>/<area>.json".
std::optional<std::string_view> find(std::string_view key);
std::vector<std::string_view> keys();
}  // namespace quay::embedded::assets
