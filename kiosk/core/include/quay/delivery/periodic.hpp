#pragma once
// A task on its own thread, run at once and then every `interval`. A run that fails is
// retried after `first_retry`, doubling up to the interval, so a kiosk whose network comes
// back is seen again soon. One owner for the heartbeat's and the catalogue sync's timing.

#include <chrono>
#include <functional>
#include <memory>

namespace quay::delivery {

class Periodic {
  public:
    // task returns true when the run succeeded. It runs only on the Periodic's thread.
    Periodic(std::chrono::milliseconds interval, std::chrono::milliseconds first_retry,
             std::function<bool()> task);
    ~Periodic();  // stops
    Periodic(const Periodic&) = delete;
    Periodic& operator=(const Periodic&) = delete;
    // Ends the thread at its next wait (a run in progress finishes first).
    void stop();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace quay::delivery
