// The sender: N transfer threads claim due items from the shared store, post them and
// record the outcome; run() watches for stop, timeout, idle and pause. Waits are on a
// condition variable so wake() and stop() take effect at once.
#include "quay/delivery/sender.hpp"

#include <sodium.h>

#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

#include "quay/delivery/backoff.hpp"
#include "quay/delivery/outcome.hpp"
#include "quay/delivery/portal_client.hpp"
#include "quay/delivery/portal_clock.hpp"
#include "quay/store/store.hpp"
#include "sender_lock.hpp"

namespace quay::delivery {

namespace {

// Which portal config a 401/403 was about: a new URL or token lifts that pause.
std::string fingerprint(const PortalSettings& s) {
    const std::string text = s.base_url + "\n" + s.token;
    unsigned char hash[16];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(text.data()),
                       text.size(), nullptr, 0);
    char hex[sizeof hash * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    return hex;
}

std::int64_t unix_now(const Clock& clock) {
    return std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count();
}

}  // namespace

struct Sender::Impl {
    config::Config config;
    const Clock& clock;
    SenderOptions options;

    std::mutex mutex;
    std::condition_variable cv;
    std::uint64_t wakes = 0;  // bumped by wake(); waiters compare
    bool stopping = false;    // stop() was called
    bool finishing = false;   // run() is ending: transfer threads leave
    std::atomic<bool> abort{false};
    std::exception_ptr failure;
    std::atomic<std::int64_t> alive_ns{-1};  // clock.monotonic() of the last loop turn

    Impl(const config::Config& c, const Clock& k, SenderOptions o)
        : config(c), clock(k), options(std::move(o)) {}

    void emit(Event::Kind kind, std::string id = {}, std::string code = {}, std::string msg = {}) {
        if (options.on_event)
            options.on_event(Event{kind, std::move(id), std::move(code), std::move(msg)});
    }
    void log(const std::string& line) {
        if (options.log) options.log(line);
    }
    void notify() {
        {
            std::lock_guard lock(mutex);
            ++wakes;
        }
        cv.notify_all();
    }
    // Waits up to d or until woken/finishing.
    void wait_for(std::chrono::milliseconds d) {
        std::unique_lock lock(mutex);
        const auto seen = wakes;
        cv.wait_for(lock, d, [&] { return wakes != seen || finishing || stopping; });
    }
    bool done() {
        std::lock_guard lock(mutex);
        return finishing || stopping;
    }

    void transfer_loop(store::Store& store, const PortalSettings& settings);
    void deliver_one(store::Store& store, PortalClient& client, const store::Claimed& item);
};

void Sender::Impl::deliver_one(store::Store& store, PortalClient& client,
                               const store::Claimed& item) {
    const Result result = client.post_dossier(item.dossier_id, item.body, &abort);
    if (!result.response && result.error == NetError::aborted) {
        store.release(item.dossier_id);  // stopped mid-request: due again, no failure counted
        return;
    }
    const Outcome o = classify(result, item.dossier_id, unix_now(clock));
    if (o.log) log("dossier " + item.receipt_code + ": " + o.error);
    switch (o.kind) {
        case Outcome::Kind::delivered:
            store.mark_delivered(item.dossier_id, o.portal_ref);
            emit(Event::Kind::delivered, item.dossier_id, item.receipt_code);
            break;
        case Outcome::Kind::dead:
            store.mark_dead(item.dossier_id, o.error, o.details);
            emit(Event::Kind::dead, item.dossier_id, item.receipt_code, o.error);
            break;
        case Outcome::Kind::unauthorized:
            // The item itself was fine: back to pending and the whole queue pauses, at once
            // (released first, a parallel transfer claimed and re-sent it).
            store.pause_unauthorized(item.dossier_id, fingerprint(client.settings()), o.error);
            emit(Event::Kind::paused, {}, {}, o.error);
            notify();
            break;
        case Outcome::Kind::retry: {
            const auto backoff = full_jitter(
                std::chrono::milliseconds(config.delivery.backoff_base_ms),
                std::chrono::milliseconds(config.delivery.backoff_cap_ms), item.failures);
            const auto delay = o.wait ? std::chrono::milliseconds(*o.wait) : backoff;
            store.mark_retry(item.dossier_id, delay, o.error);
            emit(Event::Kind::retry, item.dossier_id, item.receipt_code, o.error);
            break;
        }
    }
    note_portal_clock(store, result);  // after the outcome is kept (quay/clock_status.hpp)
}

void Sender::Impl::transfer_loop(store::Store& store, const PortalSettings& settings) {
    try {
        PortalClient client(settings);
        while (!done()) {
            std::optional<store::Claimed> item;
            if (!store.paused()) item = store.claim_due();
            if (item) {
                deliver_one(store, client, *item);
                continue;
            }
            auto wait = options.poll_interval;
            if (const auto due = store.next_due_in(); due && !store.paused())
                wait = std::min(wait, std::max(*due, std::chrono::milliseconds(1)));
            wait_for(wait);
        }
    } catch (...) {
        {
            std::lock_guard lock(mutex);
            if (!failure) failure = std::current_exception();
            finishing = true;
        }
        cv.notify_all();
    }
}

Sender::Sender(const config::Config& config, const Clock& clock, SenderOptions options)
    : impl_(std::make_unique<Impl>(config, clock, std::move(options))) {}
Sender::~Sender() = default;

void Sender::wake() {
    impl_->notify();
}

std::optional<std::chrono::steady_clock::time_point> Sender::last_alive() const {
    const auto ns = impl_->alive_ns.load();
    if (ns < 0) return std::nullopt;
    return std::chrono::steady_clock::time_point(std::chrono::nanoseconds(ns));
}

void Sender::stop() {
    {
        std::lock_guard lock(impl_->mutex);
        impl_->stopping = true;
    }
    impl_->abort = true;
    impl_->cv.notify_all();
}

RunEnd Sender::run(bool until_idle, std::optional<std::chrono::milliseconds> timeout) {
    Impl& s = *impl_;
    {
        std::lock_guard lock(s.mutex);
        s.finishing = false;
        s.failure = nullptr;
    }
    s.abort = false;
    // has_deadline + a plain time point: std::optional here trips GCC 12's false
    // -Wmaybe-uninitialized at -O3, which breaks the Release build.
    const bool has_deadline = timeout.has_value();
    const auto deadline = s.clock.monotonic() + timeout.value_or(std::chrono::milliseconds(0));
    auto store = store::Store::open(s.config, s.clock);
    // Retention: at each start of a sender (the app's, and every quayctl deliver), then
    // every purge_interval while it runs. What is purged is the store's rule.
    auto last_purge = s.clock.monotonic();
    auto purge = [&] {
        last_purge = s.clock.monotonic();
        if (const auto purged = store.purge_expired(); purged > 0)
            s.log("retention: purged the bodies of " + std::to_string(purged) +
                  " delivered dossiers");
    };
    purge();
    const PortalSettings settings = settings_from(s.config);
    const std::string fp = fingerprint(settings);
    detail::SenderLock lock(s.config.kiosk.data_dir);

    // Returns why run() should end now, if it should (checked while standing by too).
    auto end_reason = [&]() -> std::optional<RunEnd> {
        s.alive_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                         s.clock.monotonic().time_since_epoch())
                         .count();
        if (s.done()) return RunEnd::stopped;
        if (has_deadline && s.clock.monotonic() >= deadline) return RunEnd::timeout;
        if (!until_idle) return std::nullopt;
        if (store.paused()) return RunEnd::paused;
        const auto sum = store.summary();
        if (sum.pending == 0 && sum.in_flight == 0) return RunEnd::idle;
        return std::nullopt;
    };
    auto wait_step = [&] {
        auto d = s.options.poll_interval;
        if (has_deadline) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - s.clock.monotonic());
            d = std::clamp(left, std::chrono::milliseconds(1), d);
        }
        s.wait_for(d);
    };

    store.lift_auth_pause_if_changed(fp);
    bool announced = false;
    while (!lock.try_lock()) {
        if (!announced) s.emit(Event::Kind::waiting_lock);
        announced = true;
        if (const auto end = end_reason()) return *end;
        wait_step();
    }
    const auto recovered = store.recover_in_flight();
    if (recovered > 0)
        s.log(std::to_string(recovered) +
              " in-flight item(s) from an earlier sender are due again");
    s.emit(Event::Kind::sending);

    std::vector<std::thread> threads;
    const int n = std::max(1, s.options.parallel);
    for (int i = 0; i < n; ++i)
        threads.emplace_back([&] { s.transfer_loop(store, settings); });
    RunEnd end = RunEnd::stopped;
    bool was_paused = false;
    for (;;) {
        {
            std::lock_guard guard(s.mutex);
            if (s.failure) break;
        }
        if (store.lift_auth_pause_if_changed(fp)) s.notify();
        if (s.clock.monotonic() - last_purge >= s.options.purge_interval) purge();
        const bool paused = store.paused();
        if (paused != was_paused) {
            if (!paused) s.emit(Event::Kind::resumed);
            was_paused = paused;
            s.notify();
        }
        const auto sum = store.summary();
        if (!until_idle && sum.pending == 0 && sum.in_flight == 0) s.emit(Event::Kind::idle);
        if (const auto e = end_reason()) {
            end = *e;
            break;
        }
        wait_step();
    }
    {
        std::lock_guard guard(s.mutex);
        s.finishing = true;
    }
    if (end != RunEnd::idle && end != RunEnd::paused)
        s.abort = true;  // timeout/stop: drop transfers
    s.cv.notify_all();
    for (auto& t : threads)
        t.join();
    std::exception_ptr failure;
    {
        std::lock_guard guard(s.mutex);
        failure = s.failure;
    }
    if (failure) std::rethrow_exception(failure);
    return end;
}

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
