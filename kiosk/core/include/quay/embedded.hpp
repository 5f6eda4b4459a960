#pragma once
// Files compiled into the binaries (see cmake/EmbedFiles.cmake).

#include <optional>
#include <string_view>

namespace quay::embedded::assets {
// Keys: "catalog.json", "locale/vi.json", "locale/en.json".
std::optional<std::string_view> find(std::string_view key);
}  // namespace quay::embedded::assets
