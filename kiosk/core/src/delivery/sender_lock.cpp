#include "sender_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "quay/store/store.hpp"

namespace quay::delivery::detail {

SenderLock::SenderLock(const std::filesystem::path& data_dir) {
    const auto path = data_dir / "sender.lock";
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0)
        throw store::StorageError("io_error",
                                  "cannot open " + path.string() + ": " + std::strerror(errno));
}

SenderLock::~SenderLock() {
    if (fd_ >= 0) ::close(fd_);  // also releases the lock
}

bool SenderLock::try_lock() {
    if (held_) return true;
    if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) held_ = true;
    return held_;
}

}  // namespace quay::delivery::detail
