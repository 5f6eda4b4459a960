#pragma once
// The kiosk's UI: draws flow::Kiosk's state every frame, turns taps into intents, and
// runs the effects the flow asks for through the Backend on job threads: one for saving,
// one for the printer, one for portal lookups and staff views.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "quay/catalog/catalog.hpp"
#include "quay/catalog/search.hpp"
#include "quay/clock.hpp"
#include "quay/flow/jobs.hpp"
#include "quay/flow/kiosk.hpp"
#include "quay/locale/locale.hpp"
#include "quay/platform/application.hpp"
#include "quay/platform/fonts.hpp"
#include "quay/ui/backend.hpp"
#include "quay/ui/scroll.hpp"
#include "quay/ui/widgets.hpp"

namespace quay::ui {

struct UiState;

struct AppOptions {
    flow::Settings settings;
    float density = 1.0f;
    std::string status_url;  // receipt QR pattern with {receipt_code}
    std::string centre_name_vi, centre_name_en;
};

class KioskApp final : public platform::Application {
  public:
    KioskApp(const platform::FontSet& fonts, const locale::Locale& locale,
             const catalog::Catalog& catalog, const Clock& clock, Backend& backend,
             std::function<void()> wake, AppOptions options);
    ~KioskApp() override;

    void frame() override;
    void on_text(std::string_view utf8) override;
    void on_key(platform::Key key) override;
    bool animating() const override;
    std::optional<std::chrono::milliseconds> sleep_budget() const override;
    std::string screen_name() const override;
    std::optional<platform::Rect> find_item(std::string_view selector) const override;
    std::vector<platform::RecordedItem> recorded_items() const override {
        return widgets_.recorded();
    }
    std::uint32_t clear_color() const override;

    // Thread-safe: device threads (the scanner) hand events to the UI thread.
    void post(flow::Event event);

    const flow::Kiosk& kiosk() const { return kiosk_; }
    // True while background jobs run (tests wait on the event loop, not on this).
    bool jobs_busy() const {
        return submit_jobs_.busy() || device_jobs_.busy() || lookup_jobs_.busy();
    }

  private:
    void apply_results();
    void run_effects();
    void watch_delivery(const std::string& dossier_id);
    void draw_top_bar(float width);
    void draw_overlays();
    void emit(flow::Intent i) { intents_.push_back(std::move(i)); }
    std::chrono::steady_clock::time_point now() const { return clock_->monotonic(); }

    const platform::FontSet* fonts_;
    const Clock* clock_;
    Backend* backend_;
    std::function<void()> wake_;
    AppOptions options_;
    flow::Kiosk kiosk_;
    catalog::SearchIndex search_vi_, search_en_;
    Widgets widgets_;
    DragScroll scroll_;
    std::unique_ptr<UiState> st_;
    std::vector<flow::Intent> intents_;
    flow::Location shown_;  // location drawn last frame (scroll resets when it changes)
    // Where the short notice goes: above the action bar and the keyboard, never on them.
    struct NoticeBand {
        float x0 = 0, x1 = 0, bottom = 0;
    } notice_band_;
    std::optional<std::chrono::steady_clock::time_point> watch_delivery_at_;
    std::uint64_t lookup_seq_ = 0;  // UI thread only: the latest status lookup asked for
    std::mutex inbox_mutex_;        // guards inbox_
    std::vector<flow::Event> inbox_;
    // Last: their threads stop first. Saving has a queue nothing slow shares; the printer
    // (receipts, staff reprints) has its own, and so do the portal lookups and the staff
    // view, so a stuck printer or a slow portal never holds a citizen's "Saving...".
    using Jobs = flow::JobQueue<std::function<void()>>;
    Jobs submit_jobs_;
    Jobs device_jobs_;
    Jobs lookup_jobs_;
};

}  // namespace quay::ui
