#pragma once
// Work the UI thread must not wait for (saving, printing, asking the portal, checking a
// PIN) runs here, one job at a time and in order, on its own thread. Each job's result
// is posted to a mailbox the UI drains every frame; `wake` tells the UI loop to look.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <stop_token>
#include <thread>
#include <utility>
#include <vector>

namespace quay::flow {

template <class Result>
class JobQueue {
  public:
    using Job = std::function<Result()>;
    // Test seam: runs on the worker, under the queue's lock, each time it finds nothing
    // to do and is about to sleep (tests widen the window between "nothing to do" and
    // "asleep" to prove a stop request in that window is not lost).
    using BeforeSleep = std::function<void(const std::stop_token&)>;

    explicit JobQueue(std::function<void()> wake, BeforeSleep before_sleep = {})
        : wake_(std::move(wake)), before_sleep_(std::move(before_sleep)) {
        thread_ = std::jthread([this](std::stop_token st) { loop(st); });
    }
    // The stop request wakes the worker through the wait's own stop callback, which
    // takes the wait's lock: a worker between "nothing to do" and "asleep" cannot miss it
    // (a bare request_stop + notify_all could, and the join then hung for ever).
    ~JobQueue() { thread_.request_stop(); }
    JobQueue(const JobQueue&) = delete;
    JobQueue& operator=(const JobQueue&) = delete;

    void post(Job job) {
        {
            std::lock_guard lock(mutex_);
            jobs_.push_back(std::move(job));
        }
        cv_.notify_all();
    }

    std::vector<Result> take_results() {
        std::lock_guard lock(mutex_);
        return std::exchange(results_, {});
    }

    // True while a job is queued or running (tests wait for this to turn false).
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
            Result r = job();
            {
                std::lock_guard lock(mutex_);
                results_.push_back(std::move(r));
                running_ = false;
            }
            if (wake_) wake_();
        }
    }

    std::function<void()> wake_;
    BeforeSleep before_sleep_;
    mutable std::mutex mutex_;  // guards jobs_, results_, running_
    std::condition_variable_any cv_;
    std::deque<Job> jobs_;
    std::vector<Result> results_;
    bool running_ = false;
    std::jthread thread_;  // last: joins before the members above go
};

}  // namespace quay::flow
