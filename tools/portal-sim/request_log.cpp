#include "request_log.hpp"

#include "util.hpp"

namespace quay::portal_sim {

std::int64_t RequestLog::now_mono_ms() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 start_)
        .count();
}

std::int64_t RequestLog::begin(LogEntry e) {
    e.started_ms = epoch_ms(std::chrono::system_clock::now());
    e.started_mono_ms = now_mono_ms();
    std::lock_guard lock(mutex_);
    e.seq = next_seq_++;
    entries_.push_back(std::move(e));
    if (entries_.size() > max_entries) entries_.pop_front();
    return entries_.back().seq;
}

LogEntry* RequestLog::find(std::int64_t seq) {
    if (entries_.empty() || seq < entries_.front().seq) return nullptr;
    const auto index = static_cast<std::size_t>(seq - entries_.front().seq);
    return index < entries_.size() ? &entries_[index] : nullptr;
}

void RequestLog::finish(std::int64_t seq, int status, std::string fault, std::string outcome,
                        std::string retry_after) {
    const auto wall = epoch_ms(std::chrono::system_clock::now());
    const auto mono = now_mono_ms();
    std::lock_guard lock(mutex_);
    if (LogEntry* e = find(seq)) {
        e->finished_ms = wall;
        e->finished_mono_ms = mono;
        e->status = status;
        e->fault = std::move(fault);
        e->outcome = std::move(outcome);
        e->retry_after = std::move(retry_after);
    }
}

nlohmann::json RequestLog::since(std::int64_t since, std::size_t limit) const {
    std::lock_guard lock(mutex_);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : entries_) {
        if (e.seq <= since) continue;
        if (out.size() >= limit) break;
        out.push_back(to_json(e));
    }
    return out;
}

void RequestLog::clear() {
    std::lock_guard lock(mutex_);
    entries_.clear();
}

nlohmann::json to_json(const LogEntry& e) {
    auto or_null = [](const std::string& s) {
        return s.empty() ? nlohmann::json() : nlohmann::json(s);
    };
    return {
        {"seq", e.seq},
        {"method", e.method},
        {"path", e.path},
        {"kiosk_id", or_null(e.kiosk_id)},
        {"idempotency_key", or_null(e.idempotency_key)},
        {"dossier_id", or_null(e.dossier_id)},
        {"started_ms", e.started_ms},
        {"started_mono_ms", e.started_mono_ms},
        {"finished_ms", e.finished_ms ? nlohmann::json(e.finished_ms) : nlohmann::json()},
        {"finished_mono_ms", e.finished_ms ? nlohmann::json(e.finished_mono_ms) : nlohmann::json()},
        {"status", e.status},
        {"fault", or_null(e.fault)},
        {"outcome", or_null(e.outcome)},
        {"retry_after", or_null(e.retry_after)}};
}

}  // namespace quay::portal_sim
