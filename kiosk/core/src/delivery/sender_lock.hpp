#pragma once
// flock(2) on <data_dir>/sender.lock: one sender per data directory, freed by the kernel
// when its holder exits or dies.
#include <filesystem>

namespace quay::delivery::detail {

class SenderLock {
  public:
    explicit SenderLock(const std::filesystem::path& data_dir);  // opens (creates) the file
    SenderLock(const SenderLock&) = delete;
    SenderLock& operator=(const SenderLock&) = delete;
    ~SenderLock();
    bool try_lock();  // non-blocking; true once held
    bool held() const noexcept { return held_; }

  private:
    int fd_ = -1;
    bool held_ = false;
};

}  // namespace quay::delivery::detail
