#pragma once
// Careful file writing shared by install and keygen: new files only (never over an
// existing file or through a symlink), fully written and fsynced.

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "quay/provision/provision.hpp"

namespace quay::provision::detail {

// Throws Error("io_error") naming the path and errno's text.
[[noreturn]] void io_fail(const std::string& what, const std::filesystem::path& p);

void write_new(const std::filesystem::path& p, std::string_view content, mode_t mode,
               std::optional<Owner> owner);
void fsync_dir(const std::filesystem::path& dir);

// At most limit + 1 bytes of the file (so a caller can tell "too large"); throws
// Error("io_error") when it cannot be read.
std::string read_limited(const std::filesystem::path& p, std::size_t limit);

}  // namespace quay::provision::detail
