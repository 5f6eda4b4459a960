// The sender: N transfer threads post claimed items; one store thread records their
// results and claims the next items in the same transaction (batched: one commit for many
// state changes, each durable before its event); a circuit breaker stops the claims during
// an outage and lets one probe through at a time. run() watches for stop, timeout, idle and
// pause. Waits are on a condition variable so wake() and stop() take effect at once. The
// app's Worker around it: worker.cpp.
#include "quay/delivery/sender.hpp"

#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <iterator>
#include <mutex>
#include <thread>

#include "breaker.hpp"
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

// A claimed item handed to a transfer thread; probe: sent while the breaker is open.
struct Work {
    store::Claimed item;
    bool probe = false;
    std::uint64_t generation = 0;  // the breaker's when claimed
};

// A transfer's result, waiting to be stored with the next batch.
struct Done {
    store::Settled result;
    std::string receipt_code;
    bool probe = false;
    std::uint64_t generation = 0;
    bool link_down = false;  // no HTTP answer at all
    bool answered = false;   // an HTTP answer came (whatever its status)
    // A 2xx reply's Date: the portal's clock, for the kiosk's clock check.
    std::optional<std::chrono::system_clock::time_point> portal_date;
};

struct Sender::Impl {
    config::Config config;
    const Clock& clock;
    SenderOptions options;

    std::mutex mutex;  // guards everything below up to `failure`
    std::condition_variable cv;
    std::uint64_t wakes = 0;  // bumped by wake(); waiters compare
    bool stopping = false;    // stop() was called
    bool finishing = false;   // run() is ending: transfer threads leave
    std::deque<Work> ready;   // claimed, not yet taken by a transfer thread
    std::vector<Done> done;   // transferred, not yet stored
    int idle = 0;             // transfer threads waiting for work
    bool paused = false;      // as run() last saw the store: claims ahead are given back
    detail::Breaker breaker;
    std::atomic<bool> abort{false};
    std::exception_ptr failure;
    std::atomic<std::int64_t> alive_ns{-1};  // clock.monotonic() of the last loop turn

    Impl(const config::Config& c, const Clock& k, SenderOptions o)
        : config(c), clock(k), options(std::move(o)), breaker(new_breaker()) {}

    detail::Breaker new_breaker() const {
        return detail::Breaker(std::chrono::milliseconds(config.delivery.backoff_base_ms),
                               std::chrono::milliseconds(config.delivery.backoff_cap_ms));
    }

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
    bool done_running() {
        std::lock_guard lock(mutex);
        return finishing || stopping;
    }
    void fail(std::exception_ptr e) {
        {
            std::lock_guard lock(mutex);
            if (!failure) failure = std::move(e);
            finishing = true;
        }
        cv.notify_all();
    }

    Done transfer(PortalClient& client, const Work& work);
    void transfer_loop(const PortalSettings& settings);
    void store_loop(store::Store& store);
    std::size_t store_batch(store::Store& store, std::vector<Done> batch,
                            std::vector<Work> leftover, int claim);
    void breaker_changed(detail::Breaker::Change change, const store::Settled& result);
};

// Posts one item and classifies the answer; the store is not touched here (store_loop
// records the result with the next batch).
Done Sender::Impl::transfer(PortalClient& client, const Work& work) {
    const store::Claimed& item = work.item;
    Done d;
    d.probe = work.probe;
    d.generation = work.generation;
    d.receipt_code = item.receipt_code;
    d.result.dossier_id = item.dossier_id;
    const Result result = client.post_dossier(item.dossier_id, item.body, &abort);
    if (!result.response && result.error == NetError::aborted) {
        d.result.kind = store::Settled::Kind::released;  // due again, no failure counted
        return d;
    }
    d.answered = result.response.has_value() || result.error == NetError::too_large;
    d.link_down = !d.answered;
    const Outcome o = classify(result, item.dossier_id, unix_now(clock));
    if (o.log) log("dossier " + item.receipt_code + ": " + o.error);
    switch (o.kind) {
        case Outcome::Kind::delivered:
            d.result.kind = store::Settled::Kind::delivered;
            d.result.text = o.portal_ref;
            break;
        case Outcome::Kind::dead:
            d.result.kind = store::Settled::Kind::dead;
            d.result.text = o.error;
            d.result.details = o.details;
            break;
        case Outcome::Kind::unauthorized:
            // Back to pending and the whole queue pauses, in one transaction.
            d.result.kind = store::Settled::Kind::unauthorized;
            d.result.text = o.error;
            d.result.fingerprint = fingerprint(client.settings());
            break;
        case Outcome::Kind::retry: {
            const auto backoff = full_jitter(
                std::chrono::milliseconds(config.delivery.backoff_base_ms),
                std::chrono::milliseconds(config.delivery.backoff_cap_ms), item.failures);
            d.result.kind = store::Settled::Kind::retry;
            d.result.text = o.error;
            d.result.delay = o.wait ? std::chrono::milliseconds(*o.wait) : backoff;
            break;
        }
    }
    d.portal_date = portal_date_of(result);  // kept after the outcome (store_batch)
    return d;
}

// Each transfer thread takes claimed items from `ready`, posts them and leaves the result
// in `done`; it never touches the store.
void Sender::Impl::transfer_loop(const PortalSettings& settings) {
    try {
        PortalClient client(settings);
        std::unique_lock lock(mutex);
        for (;;) {
            ++idle;
            cv.notify_all();
            cv.wait(lock, [&] { return !ready.empty() || finishing || stopping; });
            --idle;
            if (finishing || stopping) return;  // left-over claims are given back by run()
            Work work = std::move(ready.front());
            ready.pop_front();
            lock.unlock();
            Done d = transfer(client, work);
            lock.lock();
            done.push_back(std::move(d));
        }
    } catch (...) {
        fail(std::current_exception());
    }
}

void Sender::Impl::breaker_changed(detail::Breaker::Change change, const store::Settled& result) {
    using Change = detail::Breaker::Change;
    if (change == Change::closed) {
        log("portal reachable again: delivering the queue");
        emit(Event::Kind::sending);
        return;
    }
    if (change != Change::opened && change != Change::probe_failed) return;
    const auto secs = (breaker.probe_delay().count() + 999) / 1000;
    const std::string msg =
        "portal unreachable (" + result.text + "); next check in " + std::to_string(secs) + " s";
    if (change == Change::opened) log(msg + ": the queue waits, one dossier probes the link");
    emit(Event::Kind::link_down, {}, {}, msg);
}

// One write transaction: the finished transfers' results, the claims nobody will send
// (leftover) and up to `claim` new claims. Events only after the commit: what they report
// is durable by then.
std::size_t Sender::Impl::store_batch(store::Store& store, std::vector<Done> batch,
                                      std::vector<Work> leftover, int claim) {
    std::vector<store::Settled> results;
    results.reserve(batch.size() + leftover.size());
    for (const auto& d : batch)
        results.push_back(d.result);
    for (const auto& w : leftover)
        results.push_back(
            {.kind = store::Settled::Kind::unclaimed, .dossier_id = w.item.dossier_id});
    std::vector<store::Claimed> claimed;
    if (options.batch) {
        claimed = store.settle(results, claim);
    } else {  // the path before batching, kept for the benchmark: a transaction per change
        for (const auto& r : results)
            store.settle({r}, 0);
        for (int i = 0; i < claim; ++i) {
            auto one = store.settle({}, 1);
            if (one.empty()) break;
            claimed.push_back(std::move(one.front()));
        }
    }
    // The portal's clock after the outcomes it came with are kept (quay/clock_status.hpp).
    for (auto it = batch.rbegin(); it != batch.rend(); ++it) {
        if (!it->portal_date) continue;
        store.note_portal_time(*it->portal_date);
        break;
    }
    const std::size_t n = claimed.size();
    {
        std::lock_guard lock(mutex);
        const bool probing = breaker.open();
        for (auto& c : claimed)
            ready.push_back({std::move(c), probing, breaker.generation()});
        if (probing && !claimed.empty()) breaker.sent_probe();
    }
    cv.notify_all();
    for (const auto& d : batch) {
        const auto& r = d.result;
        switch (r.kind) {
            case store::Settled::Kind::delivered:
                emit(Event::Kind::delivered, r.dossier_id, d.receipt_code);
                break;
            case store::Settled::Kind::dead:
                emit(Event::Kind::dead, r.dossier_id, d.receipt_code, r.text);
                break;
            case store::Settled::Kind::unauthorized:
                emit(Event::Kind::paused, {}, {}, r.text);
                notify();
                break;
            case store::Settled::Kind::retry:
                emit(Event::Kind::retry, r.dossier_id, d.receipt_code, r.text);
                break;
            case store::Settled::Kind::released:
            case store::Settled::Kind::unclaimed:
                break;
        }
    }
    return n;
}

// The only thread that writes delivery state while run() runs: it stores what the
// transfers finished and claims for the idle ones in the same transaction (one commit per
// batch instead of two per dossier), and asks the breaker how many it may claim.
void Sender::Impl::store_loop(store::Store& store) {
    using std::chrono::milliseconds;
    using Real = std::chrono::steady_clock;  // a poll timer only, like wait_for's
    try {
        auto retry_claim_at = Real::now();  // nothing was due: look again then (or on a wake)
        std::uint64_t seen = 0;
        for (;;) {
            std::vector<Done> batch;
            std::vector<Work> leftover;
            int claim = 0;
            {
                std::unique_lock lock(mutex);
                // While the link is up, up to `parallel` claims wait ready beside the idle
                // threads, so a transfer never waits for a commit to get its next item.
                const auto allowance = [&] {
                    const int ahead =
                        breaker.open() || !options.batch ? 0 : std::max(1, options.parallel);
                    return breaker.allowance(idle + ahead - static_cast<int>(ready.size()),
                                             clock.monotonic());
                };
                const auto may_claim = [&] {
                    return (Real::now() >= retry_claim_at || wakes != seen) && allowance() > 0;
                };
                // Finished transfers notify; else look again when a claim may succeed.
                auto wait = options.poll_interval;
                if (const auto left = retry_claim_at - Real::now(); left > Real::duration::zero())
                    wait = std::min(wait, std::chrono::ceil<milliseconds>(left));
                if (const auto left = breaker.next_probe() - clock.monotonic();
                    breaker.open() && left > Real::duration::zero())
                    wait = std::min(wait, std::chrono::ceil<milliseconds>(left));
                cv.wait_for(lock, wait,
                            [&] { return finishing || stopping || !done.empty() || may_claim(); });
                if (finishing || stopping) return;  // run() stores what is left
                batch = std::exchange(done, {});
                bool hold = paused;  // claims waiting in `ready` must not be sent now
                for (const auto& d : batch) {
                    if (d.result.kind == store::Settled::Kind::unauthorized) hold = true;
                    const auto change = breaker.ended(d.link_down, d.answered, d.probe,
                                                      d.generation, clock.monotonic());
                    if (change == detail::Breaker::Change::opened) hold = true;
                    if (change == detail::Breaker::Change::none) continue;
                    lock.unlock();
                    breaker_changed(change, d.result);
                    lock.lock();
                }
                // The queue paused, or the link went down: what was claimed ahead goes
                // back untouched (attempt taken back) in this batch's transaction.
                if (hold) {
                    for (auto& w : ready) {
                        if (w.probe) breaker.probe_returned();
                        leftover.push_back(std::move(w));
                    }
                    ready.clear();
                }
                if (Real::now() >= retry_claim_at || wakes != seen) claim = allowance();
                seen = wakes;
            }
            if (batch.empty() && leftover.empty() && claim == 0) continue;
            const auto before = Real::now();
            const auto claimed = store_batch(store, std::move(batch), std::move(leftover), claim);
            if (claim > 0 && claimed < static_cast<std::size_t>(claim)) {
                // Fewer were due than asked: look again when the next one falls due.
                const auto due = store.next_due_in();
                retry_claim_at =
                    before + std::min(due.value_or(options.poll_interval), options.poll_interval);
            }
        }
    } catch (...) {
        fail(std::current_exception());
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
        if (s.done_running()) return RunEnd::stopped;
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

    {
        std::lock_guard guard(s.mutex);
        s.ready.clear();
        s.done.clear();
        s.idle = 0;
        s.paused = false;
        s.breaker = s.new_breaker();  // every run starts as a new process would: closed
    }
    std::vector<std::thread> threads;
    const int n = std::max(1, s.options.parallel);
    for (int i = 0; i < n; ++i)
        threads.emplace_back([&] { s.transfer_loop(settings); });
    std::thread store_thread([&] { s.store_loop(store); });
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
            {
                std::lock_guard guard(s.mutex);
                s.paused = paused;
            }
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
    store_thread.join();
    // What the transfers finished since the last batch, and claims nobody took.
    std::vector<Work> leftover;
    std::vector<Done> finished;
    {
        std::lock_guard guard(s.mutex);
        leftover.assign(std::make_move_iterator(s.ready.begin()),
                        std::make_move_iterator(s.ready.end()));
        s.ready.clear();
        finished = std::exchange(s.done, {});
    }
    if (!finished.empty() || !leftover.empty()) {
        try {
            s.store_batch(store, std::move(finished), std::move(leftover), 0);
        } catch (...) {  // left in_flight: the next sender's recover_in_flight() sends them
            std::lock_guard guard(s.mutex);
            if (!s.failure) s.failure = std::current_exception();
        }
    }
    std::exception_ptr failure;
    {
        std::lock_guard guard(s.mutex);
        failure = s.failure;
    }
    if (failure) std::rethrow_exception(failure);
    return end;
}

}  // namespace quay::delivery
