// quay-kiosk: the citizen's kiosk. Wiring only: config, catalogue, runner, UI, workers.
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "backend.hpp"
#include "options.hpp"
#include "quay/catalog/catalog.hpp"
#include "quay/clock.hpp"
#include "quay/config/config.hpp"
#include "quay/locale/locale.hpp"
#include "quay/platform/runner.hpp"
#include "quay/platform/script.hpp"
#include "quay/ui/kiosk_app.hpp"

namespace {

using namespace quay;

// Screenshots and scripts run on a fixed date so images and timeouts are reproducible.
constexpr std::int64_t kTestEpochSeconds = 1795312800;  // 2026-11-22T09:00:00+07:00

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
        text(p.name);
        text(p.field);
        text(p.agency);
        text(p.who);
        text(p.processing_time);
        text(p.result_at);
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
    return out;
}

int run(const kiosk_app::Options& opt) {
    config::Config config = config::load_file(opt.config);
    if (opt.language) config.kiosk.language = *opt.language;
    const auto locale = locale::Locale::embedded();
    const catalog::Catalog catalog;  // wired to the catalogue loader when it lands

    const bool test_mode = opt.script || opt.screenshot;
    std::optional<ManualClock> test_clock;
    if (test_mode)
        test_clock.emplace(
            std::chrono::system_clock::time_point(std::chrono::seconds(kTestEpochSeconds)));
    SystemClock system_clock;
    const Clock& clock = test_clock ? static_cast<const Clock&>(*test_clock) : system_clock;

    platform::RunnerOptions ro;
    ro.size = opt.size;
    if (opt.headless && !ro.size) ro.size = platform::Size{1080, 1920};
    ro.rotation = *platform::Rotation::from_degrees(config.display.rotation);
    ro.headless = opt.headless;
    ro.allow_virtual_display = opt.headless || test_mode;
    ro.test_clock = test_clock ? &*test_clock : nullptr;
    platform::FontSpec fonts;
    fonts.density = static_cast<float>(config.display.density);
    fonts.texts = glyph_texts(locale, catalog);
    platform::Runner runner(ro, fonts);

    auto backend = kiosk_app::make_backend(config, catalog);
    ui::AppOptions ao;
    ao.settings.default_language = config.kiosk.language;
    ao.settings.staff_enabled = !config.staff.pin_hash.empty();
    ao.density = static_cast<float>(config.display.density);
    ao.status_url = config.receipt.status_url;
    ao.centre_name_vi = config.centre.name_vi;
    ao.centre_name_en = config.centre.name_en;
    ui::KioskApp app(runner.fonts(), locale, catalog, clock, *backend, nullptr, runner.waker(), ao);

    if (opt.script) {
        platform::ScriptHooks hooks;
        hooks.screenshot_dir = opt.screenshot_dir;
        hooks.advance_clock = [&](std::chrono::milliseconds d) { test_clock->advance(d); };
        platform::play_script(runner, app, platform::load_script(*opt.script), hooks);
    }
    if (opt.screenshot) {
        runner.settle(app);
        runner.frame(app, true);
        runner.write_capture(*opt.screenshot);
    }
    if (!test_mode) runner.run(app);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const auto opt = quay::kiosk_app::parse_options(
            std::vector<std::string>(argv + 1, argv + argc), std::getenv("QUAY_CONFIG"));
        if (opt.help) {
            std::fputs(quay::kiosk_app::kUsage, stdout);
            return 0;
        }
        return run(opt);
    } catch (const quay::config::ConfigError& e) {
        std::cerr << "quay-kiosk: " << e.what() << "\n";
        return 2;
    } catch (const quay::Error& e) {
        std::cerr << "quay-kiosk: " << e.what() << "\n";
        if (e.code() == "usage") std::cerr << quay::kiosk_app::kUsage;
        return e.code() == "usage" ? 2 : 1;
    } catch (const std::exception& e) {
        std::cerr << "quay-kiosk: " << e.what() << "\n";
        return 1;
    }
}
