#pragma once
// Work the UI thread must not wait for (saving, asking the portal, checking a PIN) runs
// here, one job at a time and in order, on its own thread. A job reports back by posting
// a flow event to the UI's Inbox; this class knows nothing of what the jobs do.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <stop_token>
#include <thread>
#include <utility>

namespace quay::flow {

class JobThread {
  public:
    using Job = std::function<void()>;
    // Test seam: runs on the worker, under the queue's lock, each time it finds nothing
    // to do and is about to sleep (tests widen the window between "nothing to do" and
    // "asleep" to prove a stop request in that window is not lost).
    using BeforeSleep = std::function<void(const std::stop_token&)>;

    explicit JobThread(BeforeSleep before_sleep = {}) : before_sleep_(std::move(before_sleep)) {
        thread_ = std::jthread([this](std::stop_token st) { loop(st); });
    }
    // Finishes the running job; jobs not started are dropped. The stop request wakes the
    // worker through the wait's own stop callback, which takes the wait's lock: a worker
    // between "nothing to do" and "asleep" cannot miss it (a bare request_stop +
    // notify_all could, and the join then hung for ever).
    ~JobThread() { stop(); }
    JobThread(const JobThread&) = delete;
    JobThread& operator=(const JobThread&) = delete;

    // As the destructor, earlier: jobs posted afterwards are kept but never run (so an
    // owner can stop its threads before what their jobs use, and still accept posts).
    void stop() {
        thread_.request_stop();
        if (thread_.joinable()) thread_.join();
    }

    void post(Job job) {
        {
            std::lock_guard lock(mutex_);
            jobs_.push_back(std::move(job));
        }
        cv_.notify_all();
    }

    // True while a job is queued or running.
    bool busy() const {
        std::lock_guard lock(mutex_);
        return !jobs_.empty() || running_;
    }

  private:
    void loop(std::stop_token st) {
        for (;;) {
            Job job;
            {
                std::unique_lock lock(mutex_);
                const bool have_job = cv_.wait(lock, st, [&] {
                    if (!jobs_.empty()) return true;
                    if (before_sleep_) before_sleep_(st);
                    return false;
                });
                if (!have_job || st.stop_requested()) return;
                job = std::move(jobs_.front());
                jobs_.pop_front();
                running_ = true;
            }
            job();
            std::lock_guard lock(mutex_);
            running_ = false;
        }
    }

    BeforeSleep before_sleep_;
    mutable std::mutex mutex_;  // guards jobs_, running_
    std::condition_variable_any cv_;
    std::deque<Job> jobs_;
    bool running_ = false;
    std::jthread thread_;  // last: joins before the members above go
};

}  // namespace quay::flow
