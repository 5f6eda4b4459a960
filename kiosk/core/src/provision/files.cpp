#include "files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "quay/error.hpp"
#include "quay/system/unique_fd.hpp"

namespace quay::provision::detail {
namespace fs = std::filesystem;
using Fd = system::UniqueFd;

void io_fail(const std::string& what, const fs::path& p) {
    throw Error("io_error", what + " " + p.string() + ": " + std::strerror(errno));
}

void write_new(const fs::path& p, std::string_view content, mode_t mode,
               std::optional<Owner> owner) {
    Fd fd(::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (fd.get() < 0) io_fail("cannot create", p);
    if (owner && ::fchown(fd.get(), owner->uid, owner->gid) != 0) io_fail("cannot chown", p);
    if (::fchmod(fd.get(), mode) != 0) io_fail("cannot chmod", p);
    std::size_t done = 0;
    while (done < content.size()) {
        const auto n = ::write(fd.get(), content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) io_fail("cannot write", p);
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd.get()) != 0) io_fail("cannot fsync", p);
    if (::close(fd.release()) != 0) io_fail("cannot close", p);
}

void fsync_dir(const fs::path& dir) {
    Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0 || ::fsync(fd.get()) != 0) io_fail("cannot fsync", dir);
}

std::string read_limited(const fs::path& p, std::size_t limit) {
    // O_NONBLOCK: a FIFO planted on a stick must not hang the reader.
    Fd fd(::open(p.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    if (fd.get() < 0) io_fail("cannot open", p);
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) io_fail("cannot stat", p);
    if (!S_ISREG(st.st_mode)) {
        errno = EINVAL;
        io_fail("not a regular file:", p);
    }
    std::string out(limit + 1, '\0');
    std::size_t done = 0;
    while (done < out.size()) {
        const auto n = ::read(fd.get(), out.data() + done, out.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) io_fail("cannot read", p);
        if (n == 0) break;
        done += static_cast<std::size_t>(n);
    }
    out.resize(done);
    return out;
}

}  // namespace quay::provision::detail
