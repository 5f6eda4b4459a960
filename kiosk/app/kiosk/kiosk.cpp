#include "kiosk.hpp"

#include "quay/catalog/loader.hpp"

#include "backend.hpp"
#include "voice_effects.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <iostream>

#include "quay/flow/scan.hpp"
#include "quay/store/store.hpp"
#include "quay/ui/glyphs.hpp"

namespace quay::kiosk_app {

namespace {

// The fixed spoken texts pre-rendered at build time, as the package installs them
// (docs/voice.md "Pre-rendered speech"); missing: every sentence is synthesised.
constexpr const char* kSpeechCacheDir = "/usr/share/quay/speech-cache";

// Every text the screens may draw, so the font atlas has each of its glyphs.
std::vector<std::string_view> glyph_texts(const locale::Locale& l, const catalog::Catalog& c) {
    std::vector<std::string_view> out;
    for (auto lang : {Language::vi, Language::en})
        for (const auto& [k, v] : l.strings(lang).entries())
            out.push_back(v);
    auto text = [&](const catalog::Text& t) {
        out.push_back(t.vi);
        out.push_back(t.en);
    };
    for (const auto& e : c.life_events)
        text(e.name);
    for (const auto& p : c.procedures) {
        for (const auto* t :
             {&p.name, &p.field, &p.agency, &p.who, &p.processing_time, &p.result_at})
            text(*t);
        for (const auto& s : p.situations) {
            text(s.title);
            text(s.description);
        }
        for (const auto& s : p.steps)
            text(s);
        for (const auto& d : p.documents) {
            text(d.name);
            text(d.note);
        }
        for (const auto& f : p.fees) {
            text(f.name);
            text(f.note);
        }
        for (const auto& g : p.groups)
            text(g.title);
        for (const auto& f : p.fields) {
            text(f.label);
            text(f.help);
            for (const auto& o : f.options)
                text(o.label);
        }
        for (const auto& s : p.legal_basis)
            out.push_back(s);
    }
    for (const auto& l : c.lists) {  // the pickers' buttons
        text(l.name);
        for (const auto& i : l.items) {
            out.push_back(i.value);
            text(i.label);
            for (const auto& f : i.formerly)
                out.push_back(f);
        }
    }
    for (const auto g : ui::glyph::all)
        out.push_back(g);
    return out;
}

}  // namespace

KioskProcess::KioskProcess(const Options& options)
    : options_(options),
      config_(config::load_file(options.config)),
      locale_(locale::Locale::embedded()),
      catalog_(catalog::load_active(config_).catalog) {
    if (options.language) config_.kiosk.language = *options.language;

    const bool test_mode = options.script || options.screenshot || options.fixed_clock;
    if (test_mode) {
        test_clock_.emplace(
            std::chrono::system_clock::time_point(std::chrono::seconds(kTestEpochSeconds)));
    }
    const Clock& clock = test_clock_ ? static_cast<const Clock&>(*test_clock_) : system_clock_;

    platform::RunnerOptions ro;
    ro.size = options.size;
    if (options.headless && !ro.size) ro.size = platform::Size{1080, 1920};
    ro.rotation = *platform::Rotation::from_degrees(config_.display.rotation);
    ro.headless = options.headless;
    ro.allow_virtual_display = options.headless || test_mode;
    ro.test_clock = test_clock();
    platform::FontSpec fonts;
    fonts.density = static_cast<float>(config_.display.density);
    fonts.texts = glyph_texts(locale_, catalog_);
    runner_ = std::make_unique<platform::Runner>(ro, fonts);

    inbox_ = std::make_unique<flow::Inbox>(runner_->waker());
    effects_ = std::make_unique<EffectRunner>(
        make_backend({config_, catalog_, locale_, clock, system_clock_, scanner_}), *inbox_);
    ui::AppOptions ao;
    ao.settings.default_language = config_.kiosk.language;
    ao.settings.staff_enabled = !config_.staff.pin_hash.empty();
    ao.settings.timeouts.catalog_reload_quiet =
        std::chrono::seconds(config_.catalog.reload_quiet_s);
    // The wrong-PIN slowdown goes on where it was before the restart.
    ao.settings.pin_failures = store::Store::consecutive_pin_failures(config_.kiosk.data_dir);
    // Out of service stays out of service across a restart (docs/staff-guide.md).
    ao.settings.out_of_service = store::Store::out_of_service(config_.kiosk.data_dir);
    ao.density = static_cast<float>(config_.display.density);
    ao.status_url = config_.receipt.status_url;
    ao.centre_name_vi = config_.centre.name_vi;
    ao.centre_name_en = config_.centre.name_en;
    // Sound (docs/voice.md): silent, never fatal, without a sound card or espeak-ng-data.
    voice_ = std::make_unique<audio::Voice>(config_.sound, audio::SpeechCache(kSpeechCacheDir));
    ao.on_tap = [voice = voice_.get()] { voice->tap(); };
    app_ = std::make_unique<ui::KioskApp>(
        runner_->fonts(), locale_, catalog_, clock, *inbox_,
        [effects = effects_.get(), voice = voice_.get(), test_mode](flow::Effect e) {
            if (!run_voice_effect(*voice, e, test_mode)) effects->run(std::move(e));
        },
        ao);
    if (!config_.scanner.device.empty()) {
        // The reader thread hands each scan to the UI thread as an event.
        scanner_ = std::make_unique<scanner::Reader>(
            config_.scanner.device, [inbox = inbox_.get()](scanner::Scan s) {
                inbox->post(flow::event_from_scan(s.bytes, s.truncated));
            });
    }
    metrics_ = std::make_unique<MetricsWriter>(config_, system_clock_, device_sources());
    if (!test_mode && delivery::timed_catalog_sync(config_)) {
        catalog_sync_ = std::make_unique<delivery::CatalogSyncWorker>(
            config_, catalog::version_of_portal_catalog, catalog_.catalog_version,
            [inbox = inbox_.get()](const std::string& version) {
                inbox->post(flow::event::CatalogReplaced{version});
            },
            [](const std::string& line) {
                std::cerr << "quay-kiosk: catalogue: " + line + "\n" << std::flush;
            });
    }
}

DeviceSources KioskProcess::device_sources() const {
    const scanner::Reader* reader = scanner_.get();
    const Backend* backend = &effects_->backend();
    return {[backend] { return backend->printer_reading().state; },
            [backend] { return backend->printer_reading().printed; },
            [reader] {
                if (!reader) return std::string("absent");
                return std::string(
                    reader->health().state == scanner::Health::State::ok ? "ok" : "offline");
            },
            [](const std::string& line) {
                std::cerr << "quay-kiosk: metrics: " + line + "\n" << std::flush;
            }};
}

KioskProcess::~KioskProcess() {
    catalog_sync_.reset();  // posts to inbox_
    metrics_.reset();
    scanner_.reset();
}

bool KioskProcess::run() {
    runner_->run(*app_);
    return !runner_->closed() && app_->kiosk().reload_due();
}

void KioskProcess::play(const std::vector<platform::Step>& steps) {
    platform::ScriptHooks hooks;
    hooks.screenshot_dir = options_.screenshot_dir;
    if (auto* c = test_clock())
        hooks.advance_clock = [c](std::chrono::milliseconds d) { c->advance(d); };
    if (scanner_) {
        // `scan` writes into the scanner's FIFO or file, as a scanner would.
        hooks.scan = [device = config_.scanner.device](std::string_view bytes) {
            const int fd = ::open(device.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
            if (fd < 0) throw Error("script", "cannot write to the scanner source " + device);
            const ssize_t n = ::write(fd, bytes.data(), bytes.size());
            ::close(fd);
            if (n != static_cast<ssize_t>(bytes.size()))
                throw Error("script", "short write to the scanner source " + device);
        };
    }
    platform::play_script(*runner_, *app_, steps, hooks);
}

void KioskProcess::screenshot(const std::filesystem::path& png) {
    runner_->settle(*app_);
    runner_->frame(*app_, true);
    runner_->write_capture(png);
}

}  // namespace quay::kiosk_app
