#pragma once
// The app's side of the metrics (docs/monitoring.md), on its own thread: every
// [metrics] interval_s it records the devices' states in <data_dir>/devices.json when they
// changed (so `quayctl metrics` knows them) and, when [metrics] textfile is set, rewrites
// that file for node-exporter. Failures are logged, never shown to a citizen.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "quay/clock.hpp"
#include "quay/config/config.hpp"
#include "quay/metrics/device_states.hpp"

namespace quay::kiosk_app {

struct DeviceSources {
    std::function<std::string()> printer_state;        // metrics::printer_states() words
    std::function<std::int64_t()> receipts_printed;    // since the app started
    std::function<std::string()> scanner_state;        // metrics::scanner_states() words
    std::function<void(const std::string&)> log = {};  // one line, no personal data
};

class MetricsWriter {
  public:
    // Writes once at once, then every interval. The sources are called on its thread.
    MetricsWriter(const config::Config& config, const Clock& real_clock, DeviceSources sources);
    ~MetricsWriter();  // stops and joins
    MetricsWriter(const MetricsWriter&) = delete;
    MetricsWriter& operator=(const MetricsWriter&) = delete;

  private:
    void tick();
    void log_once(const std::string& what, const std::exception& e);

    const config::Config& config_;
    const Clock& clock_;
    DeviceSources sources_;
    std::int64_t printed_before_ = 0;  // the count the last run left in devices.json
    metrics::DeviceStates recorded_;   // what devices.json holds
    std::string last_error_;           // logged once until it changes
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stopping_ = false;
    std::jthread thread_;  // last: starts after everything it uses exists
};

}  // namespace quay::kiosk_app
