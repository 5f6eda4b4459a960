#pragma once
// File writing shared by the bundle writer and the installer: whole writes, errors as
// update::Refused("io_error") naming the path.

#include <filesystem>
#include <string>

namespace quay::update::detail {

[[noreturn]] void io_fail(const std::string& what, const std::filesystem::path& p);
void write_all(int fd, const char* data, std::size_t n, const std::filesystem::path& p);

}  // namespace quay::update::detail
