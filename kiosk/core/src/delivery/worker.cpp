// The app's delivery thread: runs the Sender until stopped and heals itself after a
// storage error (docs/delivery.md "Self-healing worker").
#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <string>
#include <thread>

#include "quay/delivery/sender.hpp"

namespace quay::delivery {

bool WorkerHealth::wedged(std::chrono::steady_clock::time_point now,
                          std::chrono::milliseconds limit) const {
    if (last_error.empty()) return false;
    return !last_alive || now - *last_alive >= limit;
}

struct Worker::Impl {
    Sender sender;
    const Clock& clock;
    WorkerOptions options;
    std::thread thread;
    mutable std::mutex mutex;  // guards stopping, last_error, failures
    std::condition_variable cv;
    bool stopping = false;
    std::string last_error;
    int failures = 0;
    std::chrono::steady_clock::time_point failed_at;  // clock.monotonic() of the last error

    Impl(const config::Config& c, const Clock& k, SenderOptions o, WorkerOptions w)
        : sender(c, k, std::move(o)), clock(k), options(w) {}

    // Runs the sender until stop(); an error is reported and retried after a backoff
    // (doubling from retry_first up to retry_cap, reset by a run that got going).
    void loop(const LogSink& log, const EventSink& on_event) {
        auto backoff = options.retry_first;
        for (;;) {
            const auto alive_before = sender.last_alive();
            try {
                sender.run(false);
                return;  // stopped
            } catch (const std::exception& e) {
                std::unique_lock lock(mutex);
                if (stopping) return;
                if (sender.last_alive() != alive_before) {  // it got going: a new fault
                    backoff = options.retry_first;
                    failures = 0;
                }
                last_error = e.what();
                failed_at = clock.monotonic();
                ++failures;
                const std::string msg = "delivery error, retrying in " +
                                        std::to_string(backoff.count() / 1000) +
                                        " s: " + last_error;
                lock.unlock();
                if (log) log(msg);
                if (on_event) on_event(Event{Event::Kind::paused, {}, {}, msg});
                lock.lock();
                if (cv.wait_for(lock, backoff, [&] { return stopping; })) return;
                backoff = std::min(backoff * 2, options.retry_cap);
            }
        }
    }
};

Worker::Worker(const config::Config& config, const Clock& clock, SenderOptions options,
               WorkerOptions worker_options)
    : impl_(std::make_unique<Impl>(config, clock, options, worker_options)) {
    impl_->thread = std::thread([impl = impl_.get(), log = options.log,
                                 on_event = options.on_event] { impl->loop(log, on_event); });
}

WorkerHealth Worker::health() const {
    WorkerHealth h;
    h.last_alive = impl_->sender.last_alive();
    std::lock_guard lock(impl_->mutex);
    if (impl_->failures > 0 && (!h.last_alive || *h.last_alive <= impl_->failed_at)) {
        h.last_error = impl_->last_error;  // not gone round since: still failing
        h.failures = impl_->failures;
    }
    return h;
}

Worker::~Worker() {
    stop();
}

void Worker::wake() {
    impl_->sender.wake();
}

void Worker::stop() {
    if (!impl_ || !impl_->thread.joinable()) return;
    {
        std::lock_guard lock(impl_->mutex);
        impl_->stopping = true;
    }
    impl_->cv.notify_all();
    impl_->sender.stop();
    impl_->thread.join();
}

}  // namespace quay::delivery
