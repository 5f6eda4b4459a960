#include "metrics_writer.hpp"

#include <chrono>
#include <filesystem>

#include "quay/metrics/kiosk_metrics.hpp"

namespace quay::kiosk_app {

MetricsWriter::MetricsWriter(const config::Config& config, const Clock& real_clock,
                             DeviceSources sources)
    : config_(config),
      clock_(real_clock),
      sources_(std::move(sources)),
      recorded_(metrics::read_device_states(config.kiosk.data_dir)) {
    // The printed count goes on from where the last run left it (a counter never goes back).
    printed_before_ = recorded_.receipts_printed;
    const auto interval = std::chrono::seconds(config.metrics.interval_s);
    thread_ = std::jthread([this, interval] {
        for (;;) {
            tick();
            std::unique_lock lock(mutex_);
            if (cv_.wait_for(lock, interval, [&] { return stopping_; })) return;
        }
    });
}

MetricsWriter::~MetricsWriter() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cv_.notify_all();
}

void MetricsWriter::log_once(const std::string& what, const std::exception& e) {
    const std::string line = what + ": " + e.what();
    if (line == last_error_) return;
    last_error_ = line;
    if (sources_.log) sources_.log(line);
}

void MetricsWriter::tick() {
    metrics::DeviceStates now;
    now.printer = sources_.printer_state();
    now.scanner = sources_.scanner_state();
    now.receipts_printed = printed_before_ + sources_.receipts_printed();
    now.changed_at_s = recorded_.changed_at_s;
    metrics::carry_day(now, recorded_,
                       metrics::local_day(clock_.now(), clock_.utc_offset_minutes()));
    if (!now.same_states(recorded_)) {
        now.changed_at_s =
            std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch())
                .count();
    }
    if (!config_.metrics.textfile.empty()) {
        try {
            // gather() opens the store, which makes the data directory on a first start.
            metrics::write_textfile(config_.metrics.textfile,
                                    metrics::render(metrics::gather(config_, clock_, now)));
        } catch (const std::exception& e) {
            log_once("metrics textfile not written", e);
        }
    }
    try {
        // No data directory yet (the store makes it on first use): nothing to record beside.
        if (!now.same_states(recorded_) && std::filesystem::is_directory(config_.kiosk.data_dir)) {
            metrics::write_device_states(config_.kiosk.data_dir, now);
            recorded_ = now;
        }
    } catch (const std::exception& e) {
        log_once("device states not recorded", e);
    }
}

}  // namespace quay::kiosk_app
