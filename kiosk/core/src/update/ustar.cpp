#include "ustar.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "quay/update/bundle.hpp"

namespace quay::update::detail {

namespace {

constexpr std::size_t kNameOff = 0, kNameLen = 100;
constexpr std::size_t kModeOff = 100, kUidOff = 108, kGidOff = 116;
constexpr std::size_t kSizeOff = 124, kSizeLen = 12;
constexpr std::size_t kMtimeOff = 136, kSumOff = 148, kSumLen = 8;
constexpr std::size_t kTypeOff = 156, kMagicOff = 257, kVersionOff = 263, kPrefixOff = 345;
constexpr std::uint64_t kMaxSize = 077777777777ULL;  // 11 octal digits: 8 GiB - 1

[[noreturn]] void not_a_bundle(const std::string& why) {
    throw Refused("not_a_bundle", "not an update bundle (" + why + ")");
}

void put_octal(std::string& block, std::size_t off, std::size_t len, std::uint64_t value) {
    // len - 1 digits and a NUL, zero-padded
    for (std::size_t i = len - 1; i-- > 0;) {
        block[off + i] = static_cast<char>('0' + (value & 7));
        value >>= 3;
    }
    block[off + len - 1] = '\0';
}

unsigned checksum(std::string_view block) {
    unsigned sum = 0;
    for (std::size_t i = 0; i < kBlock; ++i) {
        const bool in_field = i >= kSumOff && i < kSumOff + kSumLen;
        sum += in_field ? ' ' : static_cast<unsigned char>(block[i]);
    }
    return sum;
}

std::uint64_t get_octal(std::string_view field, const char* what) {
    std::uint64_t v = 0;
    std::size_t i = 0;
    while (i < field.size() && field[i] == ' ')
        ++i;
    bool digits = false;
    for (; i < field.size() && field[i] >= '0' && field[i] <= '7'; ++i) {
        if (v > (kMaxSize >> 3)) not_a_bundle(std::string(what) + " too large");
        v = v * 8 + static_cast<std::uint64_t>(field[i] - '0');
        digits = true;
    }
    for (; i < field.size(); ++i) {
        if (field[i] != '\0' && field[i] != ' ') not_a_bundle(std::string("bad ") + what);
    }
    if (!digits) not_a_bundle(std::string("no ") + what);
    return v;
}

bool read_at(int fd, std::uint64_t offset, char* buf, std::size_t n) {
    std::size_t done = 0;
    while (done < n) {
        const auto r = ::pread(fd, buf + done, n - done, static_cast<off_t>(offset + done));
        if (r <= 0) return false;
        done += static_cast<std::size_t>(r);
    }
    return true;
}

}  // namespace

std::string header(std::string_view name, std::uint64_t size) {
    std::string block(kBlock, '\0');
    std::memcpy(block.data() + kNameOff, name.data(), std::min(name.size(), kNameLen - 1));
    put_octal(block, kModeOff, 8, 0644);
    put_octal(block, kUidOff, 8, 0);
    put_octal(block, kGidOff, 8, 0);
    put_octal(block, kSizeOff, kSizeLen, size);
    put_octal(block, kMtimeOff, 12, 0);
    block[kTypeOff] = '0';
    std::memcpy(block.data() + kMagicOff, "ustar", 6);
    std::memcpy(block.data() + kVersionOff, "00", 2);
    put_octal(block, kSumOff, 7, checksum(block));
    block[kSumOff + 7] = ' ';
    return block;
}

std::size_t padding(std::uint64_t size) {
    return static_cast<std::size_t>((kBlock - size % kBlock) % kBlock);
}

namespace {

// The header block at pos, checked; its member's data must lie within file_size.
Member parse_header(std::string_view block, std::uint64_t pos, std::uint64_t file_size) {
    if (block.substr(kMagicOff, 5) != "ustar") not_a_bundle("not ustar");
    if (get_octal(block.substr(kSumOff, kSumLen), "checksum") != checksum(block))
        not_a_bundle("a header's checksum is wrong");
    const char type = block[kTypeOff];
    if (type != '0' && type != '\0') not_a_bundle("a member is not a regular file");
    if (block[kPrefixOff] != '\0') not_a_bundle("a member has a path");
    Member m;
    m.name.assign(block.data() + kNameOff, ::strnlen(block.data() + kNameOff, kNameLen));
    if (m.name.empty() || m.name.find('/') != std::string::npos)
        not_a_bundle("a member has a path or no name");
    m.size = get_octal(block.substr(kSizeOff, kSizeLen), "size");
    m.offset = pos + kBlock;
    if (m.size > file_size - std::min(file_size, m.offset))
        not_a_bundle(m.name + " runs past the end");
    return m;
}

}  // namespace

Member first_member(int fd, std::uint64_t file_size) {
    std::string block(kBlock, '\0');
    if (file_size < kBlock || !read_at(fd, 0, block.data(), kBlock)) not_a_bundle("too short");
    return parse_header(block, 0, file_size);
}

std::vector<Member> members(int fd, std::uint64_t file_size) {
    std::vector<Member> out;
    std::uint64_t pos = 0;
    std::string block(kBlock, '\0');
    for (;;) {
        if (pos + kBlock > file_size || !read_at(fd, pos, block.data(), kBlock))
            not_a_bundle("it ends without the end-of-archive blocks");
        if (std::all_of(block.begin(), block.end(), [](char c) { return c == '\0'; })) break;
        const Member m = parse_header(block, pos, file_size);
        for (const auto& o : out) {
            if (o.name == m.name) not_a_bundle(m.name + " is there twice");
        }
        out.push_back(m);
        if (out.size() > kMaxMembers) not_a_bundle("too many members");
        pos = m.offset + m.size + padding(m.size);
    }
    return out;
}

}  // namespace quay::update::detail
