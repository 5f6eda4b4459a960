#pragma once
// POST /v1/kiosks/{id}/heartbeat: fleet status. Never touches delivery: its own client,
// its own thread in the app, failures only logged.

#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "quay/clock.hpp"
#include "quay/config/config.hpp"
#include "quay/delivery/portal_client.hpp"
#include "quay/delivery/sender.hpp"
#include "quay/store/store.hpp"

namespace quay::delivery {

struct HeartbeatInfo {
    std::string app_version = QUAY_VERSION;
    std::string catalog_version;
    store::Summary queue;
    std::string printer = "unknown";  // ok | paper_out | offline | ...
    std::int64_t uptime_s = 0;
    // The audit log in the last 24 h (events -> rows) and its newest row: counts only,
    // never personal data (docs/delivery.md "Heartbeat").
    std::map<std::string, std::int64_t> audit_24h;
    std::int64_t audit_last_seq = 0;
    // The app's delivery thread: a storage error it keeps retrying reaches the province as
    // "delivery": {"ok", "failures", "error"} (docs/delivery.md). None in quayctl heartbeat.
    std::optional<WorkerHealth> delivery;
    ClockStatus clock;  // the wall clock's trust (quay/clock_status.hpp)
    // Damaged database copies moved aside and what their salvage found (docs/storage.md).
    std::vector<store::DamagedCopy> damaged;
    // One-tap ratings of the last completed days (store::Store::rating_days): counts only.
    std::vector<store::RatingDay> ratings;
};

// How many past days of ratings the heartbeat and the metrics carry.
inline constexpr int rating_window_days = 7;

// Fills queue, the audit fields, clock, damaged and ratings from the store (one owner for
// both callers).
void read_store(HeartbeatInfo& info, const store::Store& store);

nlohmann::ordered_json heartbeat_body(const HeartbeatInfo& info);
// {"trust", "synchronised", "portal_offset_s"}: the heartbeat's and quayctl's clock object.
nlohmann::ordered_json clock_json(const ClockStatus& clock);

struct HeartbeatResult {
    bool ok = false;  // 2xx
    long status = 0;
    std::string message;
    Result reply;  // as received (its Date keeps the kiosk's clock check fresh)
};
// A 2xx heartbeat's Date into the store (delivery::note_portal_clock), so a kiosk with
// nothing to deliver still checks its clock after every boot. Errors are the caller's.
void note_heartbeat_clock(const config::Config& config, const HeartbeatResult& result);
HeartbeatResult send_heartbeat(PortalClient& client, const nlohmann::ordered_json& body);

// Seconds since boot (CLOCK_BOOTTIME).
std::int64_t system_uptime_s();

// Sends a heartbeat at once, then every config.delivery.heartbeat_interval_s, on its own
// thread. One that fails (no network yet at boot, portal down, refused) is retried after
// first_retry, doubling up to the interval, so the fleet view sees the kiosk soon after
// the network comes back. info() is called on that thread to gather the current figures.
class HeartbeatWorker {
  public:
    HeartbeatWorker(const config::Config& config, std::function<HeartbeatInfo()> info,
                    LogSink log = {},
                    std::chrono::milliseconds first_retry = std::chrono::seconds(10));
    ~HeartbeatWorker();
    HeartbeatWorker(const HeartbeatWorker&) = delete;
    HeartbeatWorker& operator=(const HeartbeatWorker&) = delete;
    void stop();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace quay::delivery
