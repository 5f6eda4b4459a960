#include "io.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "quay/update/bundle.hpp"

namespace quay::update::detail {

void io_fail(const std::string& what, const std::filesystem::path& p) {
    throw Refused("io_error", what + " " + p.string() + ": " + std::strerror(errno));
}

void write_all(int fd, const char* data, std::size_t n, const std::filesystem::path& p) {
    while (n > 0) {
        const auto w = ::write(fd, data, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            io_fail("cannot write", p);
        }
        data += w;
        n -= static_cast<std::size_t>(w);
    }
}

}  // namespace quay::update::detail
