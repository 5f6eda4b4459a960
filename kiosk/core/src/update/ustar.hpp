#pragma once
// The few parts of POSIX ustar that update bundles use: regular files with short names.
// Written here and read here, so the reader accepts only what the writer makes.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quay::update::detail {

inline constexpr std::size_t kBlock = 512;
inline constexpr std::size_t kMaxMembers = 8;

struct Member {
    std::string name;
    std::uint64_t size = 0;
    std::uint64_t offset = 0;  // of the data, from the start of the archive
};

// A header block for a regular file (mode 0644, owner 0, mtime 0: bundles are reproducible).
std::string header(std::string_view name, std::uint64_t size);
// Zero bytes that pad `size` bytes of data to a whole block.
std::size_t padding(std::uint64_t size);

// Parses the headers of the archive at fd (of `file_size` bytes). Throws
// update::Refused("not_a_bundle") for anything else: a bad checksum, a link, a directory, a
// name with a path, a member past the end, more than kMaxMembers members, a name twice.
std::vector<Member> members(int fd, std::uint64_t file_size);
// Only the first member's header: for the start of an archive still being downloaded.
Member first_member(int fd, std::uint64_t file_size);

}  // namespace quay::update::detail
