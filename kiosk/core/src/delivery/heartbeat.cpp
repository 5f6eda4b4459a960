#include "quay/delivery/heartbeat.hpp"
#include "quay/delivery/periodic.hpp"

#include "quay/delivery/portal_clock.hpp"

#include <algorithm>
#include <ctime>

namespace quay::delivery {

void read_store(HeartbeatInfo& info, const store::Store& store) {
    info.queue = store.summary();
    info.audit_24h = store.audit_counts(std::chrono::hours(24));
    const auto last = store.audit_entries(1);
    info.audit_last_seq = last.empty() ? 0 : last.back().seq;
    info.damaged = store.damaged_copies();
    info.clock = store.clock_status();
    info.ratings = store.rating_days(rating_window_days);
}

nlohmann::ordered_json clock_json(const ClockStatus& c) {
    return {{"trust", to_string(c.trust)},
            {"synchronised", c.synchronised},
            {"portal_offset_s", c.portal_offset ? nlohmann::ordered_json(c.portal_offset->count())
                                                : nlohmann::ordered_json(nullptr)}};
}

namespace {

// Counts only: a copy's file name carries nothing but the time it was moved.
nlohmann::ordered_json damaged_json(const std::vector<store::DamagedCopy>& copies) {
    std::int64_t salvaged = 0, unreadable = 0;
    for (const auto& c : copies) {
        salvaged += c.undelivered;
        unreadable += c.unreadable;
    }
    return {{"copies", copies.size()}, {"salvaged", salvaged}, {"unreadable", unreadable}};
}

// [{"day", "counts": [n1, n2, n3, n4]}]: whole past days only; a day's counts are final,
// so a portal keeps the last it saw for each day.
nlohmann::ordered_json ratings_json(const std::vector<store::RatingDay>& days) {
    auto out = nlohmann::ordered_json::array();
    for (const auto& d : days)
        out.push_back({{"day", d.day}, {"counts", d.counts}});
    return out;
}

}  // namespace

nlohmann::ordered_json heartbeat_body(const HeartbeatInfo& info) {
    nlohmann::ordered_json queue = {
        {"pending", info.queue.pending + info.queue.in_flight},
        {"dead", info.queue.dead},
        {"oldest_pending_age_s", info.queue.oldest_pending_age_s
                                     ? nlohmann::ordered_json(*info.queue.oldest_pending_age_s)
                                     : nlohmann::ordered_json(nullptr)}};
    auto count = [&](std::string_view event) {
        const auto it = info.audit_24h.find(std::string(event));
        return it == info.audit_24h.end() ? std::int64_t{0} : it->second;
    };
    namespace ev = store::audit_event;
    nlohmann::ordered_json audit = {
        {"pin_failures_24h", count(ev::pin_failure)},
        {"pin_successes_24h", count(ev::pin_success)},
        {"staff_actions_24h", count(ev::pause) + count(ev::resume) + count(ev::resend) +
                                  count(ev::reprint) + count(ev::fee_paid)},
        {"provision_applied_24h", count(ev::provision_applied)},
        {"provision_refused_24h", count(ev::provision_refused)},
        {"last_seq", info.audit_last_seq}};
    nlohmann::ordered_json body = {{"app_version", info.app_version},
                                   {"catalog_version", info.catalog_version},
                                   {"queue", std::move(queue)},
                                   {"printer", info.printer},
                                   {"uptime_s", info.uptime_s},
                                   {"audit", std::move(audit)},
                                   {"clock", clock_json(info.clock)},
                                   {"damaged", damaged_json(info.damaged)},
                                   {"ratings", ratings_json(info.ratings)}};
    if (info.delivery) {
        body["delivery"] = {{"ok", info.delivery->last_error.empty()},
                            {"failures", info.delivery->failures},
                            {"error", info.delivery->last_error}};
    }
    return body;
}

HeartbeatResult send_heartbeat(PortalClient& client, const nlohmann::ordered_json& body) {
    HeartbeatResult out;
    out.reply = client.post_heartbeat(body.dump());
    const Result& r = out.reply;
    if (!r.response) {
        out.message = std::string(to_string(r.error)) + ": " + r.error_text;
        return out;
    }
    out.status = r.response->status;
    out.ok = out.status >= 200 && out.status < 300;
    if (!out.ok) out.message = "the portal answered HTTP " + std::to_string(out.status);
    return out;
}

void note_heartbeat_clock(const config::Config& config, const HeartbeatResult& result) {
    if (!result.ok || !result.reply.response || !result.reply.response->date) return;
    const SystemClock clock;  // the heartbeat runs on real time, as the app's sender does
    auto store = store::Store::open(config, clock);
    note_portal_clock(store, result.reply);
}

std::int64_t system_uptime_s() {
    timespec ts{};
    if (clock_gettime(CLOCK_BOOTTIME, &ts) != 0) return 0;
    return static_cast<std::int64_t>(ts.tv_sec);
}

struct HeartbeatWorker::Impl {
    // The client is used only on the Periodic's thread; it outlives it (declared first).
    std::unique_ptr<PortalClient> client;
    std::unique_ptr<Periodic> periodic;
};

HeartbeatWorker::HeartbeatWorker(const config::Config& config, std::function<HeartbeatInfo()> info,
                                 LogSink log, std::chrono::milliseconds first_retry)
    : impl_(std::make_unique<Impl>()) {
    // The settings are read here so a broken portal config shows at start, not silently later.
    try {
        impl_->client = std::make_unique<PortalClient>(settings_from(config));
    } catch (const std::exception& e) {
        if (log) log(std::string("heartbeat off: ") + e.what());
        return;
    }
    const std::chrono::milliseconds interval =
        std::chrono::seconds(std::max<std::int64_t>(config.delivery.heartbeat_interval_s, 1));
    impl_->periodic = std::make_unique<Periodic>(
        interval, first_retry,
        [client = impl_->client.get(), info = std::move(info), log = std::move(log), config] {
            bool sent = false;
            try {
                const auto r = send_heartbeat(*client, heartbeat_body(info()));
                sent = r.ok;
                if (!r.ok && log) log("heartbeat not accepted: " + r.message);
                try {
                    note_heartbeat_clock(config, r);
                } catch (const std::exception& e) {
                    if (log) log(std::string("portal time not kept: ") + e.what());
                }
            } catch (const std::exception& e) {
                if (log) log(std::string("heartbeat failed: ") + e.what());
            }
            return sent;
        });
}

HeartbeatWorker::~HeartbeatWorker() {
    stop();
}

void HeartbeatWorker::stop() {
    if (impl_->periodic) impl_->periodic->stop();
}

}  // namespace quay::delivery
