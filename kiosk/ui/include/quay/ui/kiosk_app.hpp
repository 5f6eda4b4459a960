#pragma once
// The kiosk's UI: draws flow::Kiosk's state every frame and turns taps into intents. The
// flow's effects leave through `run_effect` (the app's effect runner runs them off this
// thread); their results come back as events in the Inbox, taken at each frame's start.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "quay/catalog/catalog.hpp"
#include "quay/catalog/search.hpp"
#include "quay/clock.hpp"
#include "quay/flow/inbox.hpp"
#include "quay/flow/kiosk.hpp"
#include "quay/locale/locale.hpp"
#include "quay/platform/application.hpp"
#include "quay/platform/fonts.hpp"
#include "quay/ui/scroll.hpp"
#include "quay/ui/widgets.hpp"

namespace quay::ui {

struct UiState;

struct AppOptions {
    flow::Settings settings;
    float density = 1.0f;
    std::string status_url;  // receipt QR pattern with {receipt_code}
    std::string centre_name_vi, centre_name_en;
    // Called once for each frame in which the citizen pressed something that acts (every
    // button, card, key and field ends as an intent): the app plays the tap click here.
    std::function<void()> on_tap;
};

class KioskApp final : public platform::Application {
  public:
    KioskApp(const platform::FontSet& fonts, const locale::Locale& locale,
             const catalog::Catalog& catalog, const Clock& clock, flow::Inbox& inbox,
             std::function<void(flow::Effect)> run_effect, AppOptions options);
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
    // A newer catalogue waits and the kiosk is at rest (flow::Kiosk::reload_due).
    bool quit_requested() const override { return kiosk_.reload_due(); }

    const flow::Kiosk& kiosk() const { return kiosk_; }

  private:
    void draw_top_bar(float width);
    // "Đọc to" sits in the top bar's first row when the bar has two rows (portrait), else
    // beside the title's call for help (set by draw_top_bar each frame).
    bool voice_in_bar_ = false;
    void draw_overlays();
    void emit(flow::Intent i) { intents_.push_back(std::move(i)); }
    std::chrono::steady_clock::time_point now() const { return clock_->monotonic(); }

    const platform::FontSet* fonts_;
    const Clock* clock_;
    flow::Inbox* inbox_;
    std::function<void(flow::Effect)> run_effect_;
    AppOptions options_;
    flow::Kiosk kiosk_;
    catalog::SearchIndex search_vi_, search_en_;
    Widgets widgets_;
    DragScroll scroll_;
    std::unique_ptr<UiState> st_;
    std::string swallow_text_;  // a keypad digit's text that must not type (on_key)
    std::vector<flow::Intent> intents_;
    flow::Location shown_;  // location drawn last frame (scroll resets when it changes)
    // Where the short notice goes: above the action bar and the keyboard, never on them.
    struct NoticeBand {
        float x0 = 0, x1 = 0, bottom = 0;
    } notice_band_;
};

}  // namespace quay::ui
