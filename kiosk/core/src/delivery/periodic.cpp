#include "quay/delivery/periodic.hpp"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace quay::delivery {

struct Periodic::Impl {
    std::mutex mutex;
    std::condition_variable cv;
    bool stopping = false;
    std::jthread thread;
};

Periodic::Periodic(std::chrono::milliseconds interval, std::chrono::milliseconds first_retry,
                   std::function<bool()> task)
    : impl_(std::make_unique<Impl>()) {
    interval = std::max(interval, std::chrono::milliseconds(1));
    impl_->thread =
        std::jthread([impl = impl_.get(), interval, first_retry, task = std::move(task)] {
            const auto first = std::min(first_retry, interval);
            auto retry = first;
            for (;;) {
                const bool ok = task();
                const auto wait = ok ? interval : retry;
                retry = ok ? first : std::min(retry * 2, interval);
                std::unique_lock lock(impl->mutex);
                if (impl->cv.wait_for(lock, wait, [&] { return impl->stopping; })) return;
            }
        });
}

Periodic::~Periodic() {
    stop();
}

void Periodic::stop() {
    {
        std::lock_guard lock(impl_->mutex);
        impl_->stopping = true;
    }
    impl_->cv.notify_all();
    if (impl_->thread.joinable()) impl_->thread.join();
}

}  // namespace quay::delivery
