#include "effect_runner.hpp"

#include <algorithm>
#include <type_traits>
#include <utility>

namespace quay::kiosk_app {

EffectRunner::EffectRunner(std::unique_ptr<Backend> backend, flow::Inbox& inbox)
    : backend_(std::move(backend)), inbox_(inbox) {}

EffectRunner::~EffectRunner() {
    submit_.stop();
    lookups_.stop();
    backend_.reset();
}

void EffectRunner::staff_view_job() {
    lookups_.post([this] { inbox_.post(flow::event::StaffViewLoaded{backend_->staff_view()}); });
}

// Runs a staff action, says what happened, then shows the new state.
void EffectRunner::staff_action(std::function<std::string(Backend&)> action) {
    lookups_.post([this, action = std::move(action)] {
        inbox_.post(flow::event::StaffActionDone{action(*backend_)});
        inbox_.post(flow::event::StaffViewLoaded{backend_->staff_view()});
    });
}

void EffectRunner::run(flow::Effect effect) {
    std::visit(
        [this](auto& e) {
            using E = std::decay_t<decltype(e)>;
            flow::Inbox& inbox = inbox_;
            if constexpr (std::is_same_v<E, flow::effect::Submit>) {
                submit_.post([this, draft = std::move(e.draft), gave_up = e.given_up] {
                    // The flow stopped waiting before this job's turn: do not store it
                    // behind the citizen's back (docs/threads.md "Saving always ends").
                    inbox_.post(gave_up->load()
                                    ? flow::Event{flow::event::SubmitFailed{"ui.error.saving_slow"}}
                                    : backend_->submit(draft));
                });
            } else if constexpr (std::is_same_v<E, flow::effect::Print>) {
                auto done = [&inbox, id = e.dossier_id](flow::PrintState s) {
                    inbox.post(flow::event::Printed{id, s});
                };
                if (e.bundle.empty())
                    backend_->print(e.dossier_id, e.language, std::move(done));
                else
                    backend_->print_bundle(e.bundle, e.bundle_code, e.language, std::move(done));
            } else if constexpr (std::is_same_v<E, flow::effect::WatchDelivery>) {
                lookups_.post([this, id = e.dossier_id] {
                    if (auto ref = backend_->delivered_ref(id))
                        inbox_.post(flow::event::Delivered{id, *ref});
                    else
                        inbox_.post(flow::event::NotDeliveredYet{id});
                });
            } else if constexpr (std::is_same_v<E, flow::effect::LookupStatus>) {
                lookups_.post([this, e] {
                    if (e.cancelled->load()) return;  // the citizen has gone on
                    auto answer = backend_->lookup_status(e.receipt_code, e.id_last4, *e.cancelled);
                    if (!e.cancelled->load())
                        inbox_.post(flow::event::StatusAnswered{e.lookup, std::move(answer)});
                });
            } else if constexpr (std::is_same_v<E, flow::effect::VerifyPin>) {
                lookups_.post([this, pin = std::move(e.pin)]() mutable {
                    const bool ok = backend_->verify_pin(pin);
                    std::fill(pin.begin(), pin.end(), '\0');
                    inbox_.post(flow::event::PinChecked{ok});
                });
            } else if constexpr (std::is_same_v<E, flow::effect::StaffRefresh>) {
                // The view at once with the printer as last seen; again once the printer
                // has answered (behind any print it is busy with).
                staff_view_job();
                backend_->check_printer([this] { staff_view_job(); });
            } else if constexpr (std::is_same_v<E, flow::effect::StaffResend>) {
                staff_action([id = e.dossier_id](Backend& b) { return b.resend(id); });
            } else if constexpr (std::is_same_v<E, flow::effect::StaffPause>) {
                staff_action([](Backend& b) { return b.pause(); });
            } else if constexpr (std::is_same_v<E, flow::effect::StaffResume>) {
                staff_action([](Backend& b) { return b.resume(); });
            } else if constexpr (std::is_same_v<E, flow::effect::StaffSetService>) {
                staff_action([in = e.in_service](Backend& b) { return b.set_service(in); });
            } else if constexpr (std::is_same_v<E, flow::effect::StaffAckHelp>) {
                staff_action([](Backend& b) { return b.ack_help(); });
            } else if constexpr (std::is_same_v<E, flow::effect::CallHelp>) {
                lookups_.post([this, screen = e.screen] { backend_->call_help(screen); });
            } else if constexpr (std::is_same_v<E, flow::effect::PrintChecklist>) {
                // Printed (or not) on the printer's thread; a problem is said to the citizen.
                backend_->print_checklist(
                    e.procedure_code, e.language, [&inbox](std::string message) {
                        if (!message.empty()) inbox.post(flow::event::Notice{std::move(message)});
                    });
            } else if constexpr (std::is_same_v<E, flow::effect::StaffFeePaid>) {
                staff_action([code = e.receipt_code](Backend& b) { return b.fee_paid(code); });
            } else if constexpr (std::is_same_v<E, flow::effect::Rate>) {
                lookups_.post([this, v = e.value] { backend_->rate(v); });
            } else if constexpr (std::is_same_v<E, flow::effect::StaffTestPrint>) {
                lookups_.post([this] {
                    backend_->test_print([this](std::string message) {
                        inbox_.post(flow::event::StaffActionDone{std::move(message)});
                        staff_view_job();
                    });
                });
            } else if constexpr (std::is_same_v<E, flow::effect::StaffReprint>) {
                // Found on the lookup thread, printed on the printer's.
                lookups_.post([this, code = e.receipt_code] {
                    backend_->reprint(code, [this](std::string message) {
                        inbox_.post(flow::event::StaffActionDone{std::move(message)});
                        staff_view_job();
                    });
                });
            }
        },
        effect);
}

}  // namespace quay::kiosk_app
