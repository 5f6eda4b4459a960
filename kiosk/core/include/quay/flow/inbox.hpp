#pragma once
// The UI thread's mailbox: job threads and devices (the scanner) post flow events here
// from any thread; the UI takes them all at the start of its next frame. `wake` tells the
// UI loop there is something to take (it sleeps in SDL_WaitEventTimeout otherwise).

#include <functional>
#include <mutex>
#include <utility>
#include <vector>

#include "quay/flow/kiosk.hpp"

namespace quay::flow {

class Inbox {
  public:
    explicit Inbox(std::function<void()> wake) : wake_(std::move(wake)) {}

    void post(Event event) {
        {
            std::lock_guard lock(mutex_);
            events_.push_back(std::move(event));
        }
        if (wake_) wake_();
    }

    std::vector<Event> take() {
        std::lock_guard lock(mutex_);
        return std::exchange(events_, {});
    }

  private:
    std::function<void()> wake_;
    std::mutex mutex_;  // guards events_
    std::vector<Event> events_;
};

}  // namespace quay::flow
