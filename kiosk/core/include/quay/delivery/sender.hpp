#pragma once
// The delivery sender: one per data directory, held by an flock on <data_dir>/sender.lock,
// so that the app's background thread and `quayctl deliver` never post at once. It claims
// due items, posts them (a few at a time, so no item blocks the others), records each
// outcome and sleeps until the next due time or a wake-up. See docs/delivery.md.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "quay/clock.hpp"
#include "quay/config/config.hpp"

namespace quay::delivery {

struct Event {
    enum class Kind {
        delivered,  // dossier_id, receipt_code
        retry,      // dossier_id, receipt_code, message (the failure)
        dead,       // dossier_id, receipt_code, message (the portal's reason)
        paused,     // message
        resumed,
        waiting_lock,  // another sender holds the data directory; this one stands by
        sending,       // this sender holds the lock and delivers
        idle,          // nothing pending or in flight
        // The portal cannot be reached at all: the queue waits and one dossier probes the
        // link at a capped backoff (message: the failure and the next check); `sending`
        // again once a probe gets an answer.
        link_down,
    };
    Kind kind;
    std::string dossier_id;
    std::string receipt_code;
    std::string message;  // never personal data
};
// Called on sender threads; must be quick and must not call back into the sender.
using EventSink = std::function<void(const Event&)>;
// Log lines (no personal data); quayctl sends them to stderr, the app to its journal.
using LogSink = std::function<void(const std::string&)>;

struct SenderOptions {
    int parallel = 4;  // transfers at once
    // How often to look at the shared file for changes made by other processes
    // (new dossiers from quayctl, pause/resume, the lock freed by another sender).
    std::chrono::milliseconds poll_interval{1000};
    // Retention purge: once when run() starts, then every purge_interval of monotonic time
    // while it runs (a kiosk up for months still purges).
    std::chrono::milliseconds purge_interval{std::chrono::hours(24)};
    // Claims and outcomes batched in one transaction (docs/delivery.md). false: one
    // transaction per claim and per outcome, no claims ahead, as before issue 11; only for
    // bench/store/delivery_bench to measure both paths in the same run.
    bool batch = true;
    EventSink on_event;
    LogSink log;
};

enum class RunEnd { idle, paused, timeout, stopped };

class Sender {
  public:
    Sender(const config::Config& config, const Clock& clock, SenderOptions options = {});
    ~Sender();
    Sender(const Sender&) = delete;
    Sender& operator=(const Sender&) = delete;

    // Runs until stop(); with until_idle, also returns once nothing is pending or in
    // flight (idle) or delivery is paused (paused); with a timeout, once it passes
    // (timeout, measured on the clock's monotonic time). While another sender holds the
    // lock this one stands by: it takes over when that one exits or dies.
    // Throws store::StorageError.
    RunEnd run(bool until_idle, std::optional<std::chrono::milliseconds> timeout = {});

    // Thread-safe, from any thread.
    void wake();  // new dossier, network up, staff action: look again now
    void stop();  // abandon transfers in progress and return from run()
    // When run()'s loop last went round (the clock's monotonic time), standing by
    // included; nullopt before the first time. Thread-safe.
    std::optional<std::chrono::steady_clock::time_point> last_alive() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// How a storage error (disk full, busy, I/O error, unreadable sender.lock) is retried.
struct WorkerOptions {
    std::chrono::milliseconds retry_first{1000};
    std::chrono::milliseconds retry_cap{60000};
};

// What the app's watchdog looks at (docs/delivery.md "Self-healing").
struct WorkerHealth {
    // The sender's loop last went round (nullopt: not yet since the worker started).
    std::optional<std::chrono::steady_clock::time_point> last_alive;
    std::string last_error;  // the storage error being retried; empty while all is well
    int failures = 0;        // consecutive failed runs
    // Wedged: failing, and the sender has not gone round for `limit` (items may be due
    // and no sender is alive). A healthy idle sender goes round every poll interval.
    bool wedged(std::chrono::steady_clock::time_point now, std::chrono::milliseconds limit) const;
};

// The sender on a background thread of the app: starts at construction, stops (and joins)
// in stop() or the destructor. A storage error never ends it: it is reported (a `paused`
// event with the error, and health()) and run again after a capped, doubling backoff.
class Worker {
  public:
    Worker(const config::Config& config, const Clock& clock, SenderOptions options = {},
           WorkerOptions worker_options = {});
    ~Worker();
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;
    void wake();
    void stop();
    WorkerHealth health() const;  // thread-safe

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace quay::delivery
