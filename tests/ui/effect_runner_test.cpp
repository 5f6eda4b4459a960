// The effect runner with the real backend: a real store, the portal simulator on loopback
// and a printer that never answers. It proves what docs/threads.md promises: a status
// lookup can be abandoned (the PIN check behind it does not wait for the portal), and a
// stuck printer never holds a citizen's "Saving…".
#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

#include "backend.hpp"
#include "effect_runner.hpp"
#include "fixture.hpp"
#include "quay/catalog/loader.hpp"
#include "quay/config/config.hpp"
#include "quay/locale/locale.hpp"
#include "quay/store/store.hpp"
#include "silent_listener.hpp"

using namespace quay;
using namespace std::chrono_literals;
using Ms = std::chrono::milliseconds;

namespace {

// The UI thread's side of the inbox, as a test sees it: wait until an event of type E comes.
class Events {
  public:
    flow::Inbox inbox{[this] { cv_.notify_all(); }};

    // The first E not yet waited for. Events that arrive together (a staff action's
    // StaffActionDone and StaffViewLoaded) are kept for the next wait, not lost to this one.
    template <class E>
    std::optional<E> wait_for(std::chrono::milliseconds limit) {
        std::unique_lock lock(m_);
        std::optional<E> got;
        cv_.wait_for(lock, limit, [&] {
            for (auto& e : inbox.take()) {
                seen_.push_back(e);
                unread_.push_back(e);
            }
            for (auto it = unread_.begin(); it != unread_.end(); ++it) {
                if (std::holds_alternative<E>(*it)) {
                    got = std::get<E>(*it);
                    unread_.erase(it);
                    break;
                }
            }
            return got.has_value();
        });
        return got;
    }
    template <class E>
    bool seen() {
        std::lock_guard lock(m_);
        for (auto& e : inbox.take())
            seen_.push_back(e);
        for (const auto& e : seen_)
            if (std::holds_alternative<E>(e)) return true;
        return false;
    }

  private:
    std::mutex m_;
    std::condition_variable cv_;
    std::vector<flow::Event> seen_;
    std::deque<flow::Event> unread_;
};

// A kiosk's backend parts from a test fixture's config.
struct Parts {
    explicit Parts(const std::filesystem::path& config_file)
        : config(config::load_file(config_file)), catalog(catalog::load_active(config).catalog) {}
    config::Config config;
    catalog::Catalog catalog;
    locale::Locale locale = locale::Locale::embedded();
    SystemClock clock;
    std::unique_ptr<scanner::Reader> scanner;
    kiosk_app::BackendParts backend() const {
        return {config, catalog, locale, clock, clock, scanner};
    }
};

}  // namespace

TEST_CASE("an abandoned status lookup frees the lookup thread at once") {
    // The portal never answers a status request; the stall limit is a minute.
    testing::Fixture f("runner-cancel",
                       testing::SimOptions{}.with_faults({"stall,endpoint=status,phase=headers"}),
                       testing::KioskOptions{}.with_stall_limit_ms(60000));
    Parts p(f.kiosk.config());
    Events ev;
    kiosk_app::EffectRunner runner(kiosk_app::make_backend(p.backend()), ev.inbox);

    flow::effect::LookupStatus lookup{1, "K0042-261122-0001", "3456"};
    runner.run(lookup);
    // The request has reached the portal (and hangs there) before it is abandoned.
    REQUIRE(testing::wait_until([&] { return !f.sim.requests_to("GET", "/v1/dossiers/").empty(); },
                                30s));

    const auto cancelled_at = std::chrono::steady_clock::now();
    lookup.cancelled->store(true);
    runner.run(flow::effect::VerifyPin{"0000"});
    const auto pin = ev.wait_for<flow::event::PinChecked>(20s);
    REQUIRE(pin);
    const auto waited = std::chrono::steady_clock::now() - cancelled_at;
    MESSAGE("PIN answered " << std::chrono::duration_cast<Ms>(waited).count()
                            << " ms after the lookup was abandoned (stall limit 60000 ms)");
    CHECK(waited < 10s);
    CHECK_FALSE(pin->ok);                                 // no PIN is configured
    CHECK_FALSE(ev.seen<flow::event::StatusAnswered>());  // nobody waits for it any more
}

TEST_CASE("a printer that never answers does not hold the next citizen's save") {
    testing::SilentListener printer;
    testing::KioskOptions ko;
    ko.extra_toml = "[printer]\ndevice = \"" + printer.device() + "\"\ntimeout_ms = 30000\n";
    testing::Fixture f("runner-printer", {}, ko);
    Parts p(f.kiosk.config());
    Events ev;
    kiosk_app::EffectRunner runner(kiosk_app::make_backend(p.backend()), ev.inbox);

    const auto first = f.kiosk.submit(f.kiosk.draft(0));
    runner.run(flow::effect::Print{first.at("dossier_id").get<std::string>(), Language::vi});
    const auto asked = std::chrono::steady_clock::now();
    runner.run(flow::effect::Submit{f.kiosk.draft(1)});
    const auto saved = ev.wait_for<flow::event::Submitted>(20s);
    REQUIRE(saved);
    const auto took = std::chrono::steady_clock::now() - asked;
    MESSAGE("saved " << std::chrono::duration_cast<Ms>(took).count()
                     << " ms after a print to a silent printer (printer limit 30000 ms)");
    CHECK(took < 10s);
    CHECK_FALSE(ev.seen<flow::event::Printed>());  // still stuck on the printer's thread

    // The printer goes away: the print reports it (the dossier is untouched).
    printer.hang_up();
    const auto printed = ev.wait_for<flow::event::Printed>(30s);
    REQUIRE(printed);
    CHECK(printed->state != flow::PrintState::printed);
    CHECK(f.kiosk.item(first.at("dossier_id").get<std::string>()).has_value());
}

TEST_CASE("a call for help and the out-of-service switch reach the staff screen and a restart") {
    testing::Fixture f("runner-service");
    Parts p(f.kiosk.config());
    {
        Events ev;
        kiosk_app::EffectRunner runner(kiosk_app::make_backend(p.backend()), ev.inbox);
        runner.run(flow::effect::CallHelp{"form"});
        runner.run(flow::effect::StaffSetService{false});
        const auto done = ev.wait_for<flow::event::StaffActionDone>(20s);
        REQUIRE(done);
        CHECK(done->message_key == "ui.staff.out_of_service_done");
        const auto view = ev.wait_for<flow::event::StaffViewLoaded>(20s);
        REQUIRE(view);
        CHECK(view->view.out_of_service);
        REQUIRE(view->view.help_calls.size() == 1);
        CHECK(view->view.help_calls[0].screen == "form");

        // No printer configured: the checklist says so instead of printing.
        runner.run(flow::effect::PrintChecklist{p.catalog.procedures.at(0).code, Language::vi});
        const auto notice = ev.wait_for<flow::event::Notice>(20s);
        REQUIRE(notice);
        CHECK(notice->message_key == "ui.help.checklist_no_printer");
    }
    // A restart: the kiosk starts out of service; the calls stay until staff mark them.
    CHECK(store::Store::out_of_service(p.config.kiosk.data_dir));
    Events ev;
    kiosk_app::EffectRunner runner(kiosk_app::make_backend(p.backend()), ev.inbox);
    runner.run(flow::effect::StaffAckHelp{});
    REQUIRE(ev.wait_for<flow::event::StaffActionDone>(20s));
    const auto view = ev.wait_for<flow::event::StaffViewLoaded>(20s);
    REQUIRE(view);
    CHECK(view->view.out_of_service);
    CHECK(view->view.help_calls.empty());
}
