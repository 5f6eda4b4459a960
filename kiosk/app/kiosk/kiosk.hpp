#pragma once
// The whole quay-kiosk process as one object: config, catalogue, runner, UI, backend and
// device threads, built from the command line. main() and the UI benchmarks use it.

#include <memory>
#include <optional>

#include "effect_runner.hpp"
#include "metrics_writer.hpp"
#include "options.hpp"
#include "quay/audio/voice.hpp"
#include "quay/catalog/catalog.hpp"
#include "quay/clock.hpp"
#include "quay/config/config.hpp"
#include "quay/delivery/catalog_sync_worker.hpp"
#include "quay/flow/inbox.hpp"
#include "quay/locale/locale.hpp"
#include "quay/platform/runner.hpp"
#include "quay/platform/script.hpp"
#include "quay/scanner/reader.hpp"
#include "quay/ui/kiosk_app.hpp"

namespace quay::kiosk_app {

// Scripts and screenshots run on this date (2026-11-22T09:00:00+07:00) so images and
// timeouts are the same on every run.
inline constexpr std::int64_t kTestEpochSeconds = 1795312800;

class KioskProcess {
  public:
    // Throws config::ConfigError or quay::Error.
    explicit KioskProcess(const Options& options);
    ~KioskProcess();  // stops the scanner before the app it posts to

    // The interactive loop. Returns when the window closes (false), or true when a newer
    // catalogue was stored and the kiosk is at rest: the caller starts the program again.
    bool run();
    // Replays a script; throws platform::ScriptError.
    void play(const std::vector<platform::Step>& steps);
    // Draws until settled and writes the screen as PNG.
    void screenshot(const std::filesystem::path& png);

    platform::Runner& runner() { return *runner_; }
    ui::KioskApp& app() { return *app_; }
    // Sound: say/repeat/stop/faster/slower/louder/softer for voice mode, tap for buttons.
    audio::Voice& voice() { return *voice_; }
    const config::Config& config() const { return config_; }
    ManualClock* test_clock() { return test_clock_ ? &*test_clock_ : nullptr; }

  private:
    // The printer (through the backend) and the scanner, for the metrics writer.
    DeviceSources device_sources() const;

    Options options_;
    config::Config config_;
    locale::Locale locale_;
    catalog::Catalog catalog_;
    std::optional<ManualClock> test_clock_;
    SystemClock system_clock_;
    std::unique_ptr<platform::Runner> runner_;
    // Events for the UI thread, from the effect runner's threads and the scanner: made
    // before, and gone after, everything that posts to it.
    std::unique_ptr<flow::Inbox> inbox_;
    std::unique_ptr<scanner::Reader> scanner_;  // set after app_ exists; reset first
    std::unique_ptr<EffectRunner> effects_;
    // The timed catalogue sync (not in scripts and screenshots); posts to inbox_.
    std::unique_ptr<delivery::CatalogSyncWorker> catalog_sync_;
    std::unique_ptr<audio::Voice> voice_;  // app_ calls it: made before, destroyed after
    std::unique_ptr<ui::KioskApp> app_;
    std::unique_ptr<MetricsWriter> metrics_;  // reads the backend and scanner_: stopped first
};

}  // namespace quay::kiosk_app
