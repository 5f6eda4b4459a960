#pragma once
// Every request the simulator served, kept in memory for tests (GET /_sim/requests):
// what came in, what was answered, which fault acted, and when, on the wall clock (for
// Retry-After dates) and on a monotonic clock (for durations).

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>

namespace quay::portal_sim {

struct LogEntry {
    std::int64_t seq = 0;
    std::string method, path, kiosk_id, idempotency_key, dossier_id;
    std::int64_t started_ms = 0;       // wall clock, Unix epoch ms
    std::int64_t started_mono_ms = 0;  // monotonic, ms since the simulator started
    std::int64_t finished_ms = 0;      // 0 while in progress
    std::int64_t finished_mono_ms = 0;
    int status = 0;       // 0: no status line was sent (lost ack, stall)
    std::string fault;    // "f3:lost_ack", or empty
    std::string outcome;  // stored | replay | mismatch | in_progress | invalid | ...
    std::string retry_after;
};

class RequestLog {
  public:
    static constexpr std::size_t max_entries = 500'000;

    // Records the start of a request; returns its sequence number.
    std::int64_t begin(LogEntry e);
    void finish(std::int64_t seq, int status, std::string fault, std::string outcome,
                std::string retry_after);
    // Entries with seq > since, oldest first, at most limit.
    nlohmann::json since(std::int64_t since, std::size_t limit) const;
    void clear();
    std::int64_t now_mono_ms() const;

  private:
    LogEntry* find(std::int64_t seq);

    const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    mutable std::mutex mutex_;  // guards entries_, next_seq_
    std::deque<LogEntry> entries_;
    std::int64_t next_seq_ = 1;
};

nlohmann::json to_json(const LogEntry& e);

}  // namespace quay::portal_sim
