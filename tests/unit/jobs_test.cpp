#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "quay/flow/jobs.hpp"

using quay::flow::JobThread;
using namespace std::chrono_literals;

namespace {

// Destroys `q` on a helper thread and reports whether that finished within `limit`. A
// hung destructor is left behind on its detached thread so the test can fail, not hang.
bool destroyed_within(std::unique_ptr<JobThread> q, std::chrono::seconds limit) {
    auto done = std::make_shared<std::promise<void>>();
    auto finished = done->get_future();
    std::thread([q = std::move(q), done]() mutable {
        q.reset();
        done->set_value();
    }).detach();
    return finished.wait_for(limit) == std::future_status::ready;
}

}  // namespace

TEST_CASE("jobs run one at a time, in the order they were posted") {
    JobThread q;
    std::mutex m;
    std::vector<int> order;
    int running = 0, most_at_once = 0;
    std::promise<void> third_done;
    for (int i = 1; i <= 3; ++i) {
        q.post([&, i] {
            {
                std::lock_guard lock(m);
                most_at_once = std::max(most_at_once, ++running);
                order.push_back(i);
            }
            std::this_thread::yield();
            std::lock_guard lock(m);
            --running;
            if (i == 3) third_done.set_value();
        });
    }
    third_done.get_future().wait();
    std::lock_guard lock(m);
    CHECK(order == std::vector<int>{1, 2, 3});
    CHECK(most_at_once == 1);
}

// Regression: the destructor asked the worker to stop without the queue's lock. A worker
// that had just found nothing to do (lock held) and was about to sleep missed the
// notification and slept for ever; the destructor's join never returned. The seam holds
// the worker in that window until the stop request has been made and notified.
TEST_CASE("a stop request while the worker is about to sleep is not lost") {
    for (int round = 0; round < 20; ++round) {
        std::atomic<bool> first = true;
        auto q = std::make_unique<JobThread>([&](const std::stop_token& st) {
            if (!first.exchange(false)) return;
            while (!st.stop_requested())
                std::this_thread::yield();
            // Let the stopping thread finish its notify before this worker sleeps.
            for (int i = 0; i < 2000; ++i)
                std::this_thread::yield();
        });
        // The worker is in the window once it has run the seam's first call.
        while (first.load())
            std::this_thread::yield();
        REQUIRE_MESSAGE(destroyed_within(std::move(q), 10s),
                        "JobThread's destructor hung (lost wake-up) in round " << round);
    }
}
