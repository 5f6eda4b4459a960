#include "backend.hpp"

#include <sys/statvfs.h>

#include <iostream>
#include <mutex>
#include <optional>

#include "quay/delivery/heartbeat.hpp"
#include "quay/delivery/lookup.hpp"
#include "quay/delivery/portal_client.hpp"
#include "quay/delivery/sender.hpp"
#include "quay/metrics/kiosk_metrics.hpp"
#include "quay/payment/fee_qr.hpp"
#include "quay/printer/escpos_printer.hpp"
#include "quay/receipt/checklist.hpp"
#include "quay/receipt/test_print.hpp"
#include "quay/staff/figures.hpp"
#include "quay/staff/pin.hpp"
#include "quay/store/store.hpp"
#include "receipt_print.hpp"

namespace quay::kiosk_app {

namespace {

void log_line(const std::string& line) {
    std::cerr << "quay-kiosk: " + line + "\n" << std::flush;
}

flow::StatusAnswer to_answer(const delivery::StatusResult& r, const std::string& code) {
    flow::StatusAnswer a;
    a.receipt_code = code;
    switch (r.kind) {
        case delivery::StatusResult::Kind::found:
            a.kind = flow::StatusAnswer::Kind::found;
            if (r.source == delivery::StatusResult::Source::kiosk)
                a.source = flow::StatusAnswer::Source::kiosk;
            a.receipt_code = r.status.receipt_code.empty() ? code : r.status.receipt_code;
            a.status = r.status.status;
            a.updated_at = r.status.updated_at;
            a.portal_ref = r.status.portal_ref;
            for (const auto& h : r.status.history)
                a.history.push_back({h.status, h.at, h.note});
            break;
        case delivery::StatusResult::Kind::not_found:
            a.kind = flow::StatusAnswer::Kind::not_found;
            break;
        case delivery::StatusResult::Kind::offline:
            a.kind = flow::StatusAnswer::Kind::offline;
            break;
        case delivery::StatusResult::Kind::error:
            a.kind = flow::StatusAnswer::Kind::error;
            break;
    }
    return a;
}

class KioskBackend final : public Backend {
  public:
    explicit KioskBackend(const BackendParts& p)
        : config_(p.config),
          catalog_(p.catalog),
          locale_(p.locale),
          clock_(p.clock),
          scanner_(p.scanner),
          printer_(p.config, p.catalog, p.locale, p.clock) {
        if (!config_.portal.url.empty()) {
            delivery::SenderOptions so;
            so.log = [](const std::string& line) { log_line("delivery: " + line); };
            so.on_event = [this](const delivery::Event& e) { note_delivery(e); };
            worker_ = std::make_unique<delivery::Worker>(config_, p.real_clock, std::move(so));
            // Fleet status on its own thread and client: its failures never touch delivery.
            heartbeat_ = std::make_unique<delivery::HeartbeatWorker>(
                config_, [this, &real_clock = p.real_clock] { return heartbeat_info(real_clock); },
                [](const std::string& line) { log_line("heartbeat: " + line); });
        }
    }
    PrinterReading printer_reading() const override {
        return {printer_.cached_state(), printer_.printed()};
    }
    ~KioskBackend() override {
        if (heartbeat_) heartbeat_->stop();
        if (worker_) worker_->stop();  // before the members its events write to
    }

    flow::Event submit(const nlohmann::json& draft) override {
        try {
            if (draft.contains("bundle")) {
                // The bundle's rules are the store's (docs/bundles.md): all or nothing.
                const auto b = store().submit_bundle(draft, catalog_, config_.kiosk.id);
                if (worker_) worker_->wake();
                flow::event::BundleSubmitted done{b.bundle_id, {}};
                for (std::size_t i = 0; i < b.dossiers.size(); ++i) {
                    const auto& s = b.dossiers[i];
                    done.dossiers.push_back({s.dossier_id, s.receipt_code, s.queue_number});
                    add_payment(done.dossiers.back(), draft.at("drafts").at(i));
                }
                return done;
            }
            const store::Submitted s = store().submit(draft, catalog_, config_.kiosk.id);
            if (worker_) worker_->wake();
            flow::event::Submitted done{s.dossier_id, s.receipt_code, s.queue_number};
            add_payment(done, draft);
            return done;
        } catch (const store::InvalidDraft& e) {
            std::vector<std::string> fields;
            std::string listed;
            for (const auto& d : e.details()) {
                fields.push_back(d.field);
                listed += (listed.empty() ? "" : ", ") + d.field;
            }
            log_line("draft rejected by the store: " + listed);
            return flow::event::SubmitFailed{"ui.error.invalid_draft", std::move(fields)};
        } catch (const store::StorageError& e) {
            note_storage_error(e);
            return flow::event::SubmitFailed{e.code() == "disk_full" ? "ui.error.disk_full"
                                                                     : "ui.error.storage"};
        }
    }

    // The receipt screen's VietQR, as the slip's. The dossier is stored whatever happens
    // here: a payload that cannot be made only leaves the screen without it.
    void add_payment(flow::event::Submitted& done, const nlohmann::json& draft) const {
        const auto due = draft.find("fee_due");
        if (due == draft.end() || !due->is_number_integer()) return;
        try {
            if (auto qr =
                    payment::fee_qr(config_.payment, due->get<std::int64_t>(), done.receipt_code)) {
                done.payment_qr = std::move(qr->payload);
                done.payment_amount_dong = qr->amount_dong;
                done.payment_account_name = std::move(qr->account_name);
            }
        } catch (const Error& e) {
            log_line("no payment QR for " + done.receipt_code + ": " + e.what());
        }
    }

    void print(const std::string& dossier_id, Language language, PrintDone done) override {
        printer_.print([this, dossier_id] { return load(dossier_id); }, language,
                       [done = std::move(done)](const PrintReport& r) { done(report_print(r)); });
    }

    void print_bundle(const std::vector<std::string>& dossier_ids, const std::string& bundle_code,
                      Language language, PrintDone done) override {
        printer_.print_bundle(
            [this, dossier_ids] {
                std::vector<store::Item> items;
                for (const auto& id : dossier_ids) {
                    auto item = load(id);
                    if (!item) return std::vector<store::Item>{};
                    items.push_back(std::move(*item));
                }
                return items;
            },
            bundle_code, language,
            [done = std::move(done)](const PrintReport& r) { done(report_print(r)); });
    }

    std::optional<std::string> delivered_ref(const std::string& dossier_id) override {
        try {
            const auto item = store().get(dossier_id);
            if (item && item->state == store::State::delivered && item->portal_ref)
                return item->portal_ref;
        } catch (const store::StorageError& e) {
            note_storage_error(e);
        }
        return std::nullopt;
    }

    // A dossier filed here: its procedure, which the portal's status answer does not name.
    std::string procedure_of(const std::string& receipt_code) {
        try {
            if (const auto item = store().find_by_receipt(receipt_code))
                return item->procedure_code;
        } catch (const store::StorageError& e) {
            note_storage_error(e);
        }
        return {};
    }

    flow::StatusAnswer lookup_status(const std::string& code, const std::string& last4,
                                     const std::atomic<bool>& cancelled) override {
        flow::StatusAnswer offline;
        offline.kind = flow::StatusAnswer::Kind::offline;
        offline.receipt_code = code;
        std::lock_guard lock(portal_mutex_);
        try {
            if (!portal_ && !config_.portal.url.empty())
                portal_.emplace(delivery::settings_from(config_));
            auto answer = to_answer(delivery::answer_status(store(), portal_ ? &*portal_ : nullptr,
                                                            code, last4, &cancelled),
                                    code);
            if (answer.kind == flow::StatusAnswer::Kind::found)
                answer.procedure_code = procedure_of(answer.receipt_code);
            return answer;
        } catch (const std::exception& e) {
            log_line(std::string("status lookup: ") + e.what());
            offline.kind = flow::StatusAnswer::Kind::error;
            return offline;
        }
    }

    bool verify_pin(const std::string& pin) override {
        const bool ok = staff::verify_pin(config_.staff.pin_hash, pin);
        // The audit row is also the slowdown's memory across restarts.
        audit(ok ? store::audit_event::pin_success : store::audit_event::pin_failure, {});
        return ok;
    }

    flow::StaffView staff_view() override {
        flow::StaffView v;
        v.version = QUAY_VERSION;
        v.catalog_version = catalog_.catalog_version;
        v.kiosk_id = config_.kiosk.id;
        queue_view(v);
        damaged_view(v);
        if (printer_.configured()) {
            const auto r = printer_.last_report();
            v.printer = !r                                      ? flow::Check::warning
                        : r->state == flow::PrintState::printed ? flow::Check::ok
                                                                : flow::Check::failed;
            v.printer_detail = config_.printer.device + " · " + (r ? r->detail : "…");
        }
        if (scanner_) {
            const auto h = scanner_->health();
            v.scanner =
                h.state == scanner::Health::State::ok ? flow::Check::ok : flow::Check::failed;
            v.scanner_detail = h.detail;
        }
        network_view(v);
        disk_view(v);
        audit_view(v);
        service_view(v);
        today_view(v);
        v.catalog = staff::catalog_view(config_, clock_);
        return v;
    }

    std::string resend(const std::string& dossier_id) override {
        return staff_action([&] {
            if (!store().resend(dossier_id)) return "ui.staff.resend_not_dead";
            audit(store::audit_event::resend, {{"dossier_id", dossier_id}});
            if (worker_) worker_->wake();
            return "ui.staff.resent";
        });
    }
    std::string pause() override {
        return staff_action([&] {
            store().pause("staff", "paused from the staff screen");
            audit(store::audit_event::pause, {});
            return "ui.staff.paused_now";
        });
    }
    std::string resume() override {
        return staff_action([&] {
            store().resume();
            audit(store::audit_event::resume, {});
            if (worker_) worker_->wake();
            return "ui.staff.resumed";
        });
    }
    std::string set_service(bool in_service) override {
        return staff_action([&] {
            store().set_out_of_service(!in_service);
            audit(in_service ? store::audit_event::in_service : store::audit_event::out_of_service,
                  {});
            return in_service ? "ui.staff.in_service_done" : "ui.staff.out_of_service_done";
        });
    }
    std::string ack_help() override {
        return staff_action([&] {
            audit(store::audit_event::help_ack, {});
            return "ui.staff.help_acked";
        });
    }
    void call_help(const std::string& screen) override {
        audit(store::audit_event::help_call, {{"by", "citizen"}, {"code", screen}});
    }
    void print_checklist(const std::string& procedure_code, Language language,
                         MessageDone done) override {
        const auto* p = catalog_.find(procedure_code);
        if (p == nullptr) return done("ui.help.checklist_failed");
        printer_.print_layout(
            [this, p, language] {
                const auto now = receipt::to_civil(clock_.now(), clock_.utc_offset_minutes());
                const std::string& centre =
                    language == Language::en && !config_.centre.name_en.empty()
                        ? config_.centre.name_en
                        : config_.centre.name_vi;
                return receipt::make_checklist(*p, language, {centre, config_.kiosk.id, now},
                                               locale_.strings(language));
            },
            [done = std::move(done)](const PrintReport& r) {
                done(r.state == flow::PrintState::printed      ? ""
                     : r.state == flow::PrintState::no_printer ? "ui.help.checklist_no_printer"
                                                               : "ui.help.checklist_failed");
            });
    }
    std::string fee_paid(const std::string& receipt_code) override {
        return staff_action([&]() -> std::string {
            using R = store::FeePaid::Result;
            const auto r = store().mark_fee_paid(receipt_code, "staff");
            if (r.result == R::marked)
                return r.in_body ? "fee.staff.marked" : "fee.staff.marked_recorded_only";
            return "fee.staff." + std::string(store::to_string(r.result));
        });
    }
    void rate(int value) override {
        staff_action([&] {
            store().rate(value);
            return "";
        });
    }
    void check_printer(std::function<void()> done) override {
        printer_.check([done = std::move(done)](const PrintReport&) { done(); });
    }

    void reprint(const std::string& receipt_code, MessageDone done) override {
        std::optional<store::Item> item;
        const std::string refused = staff_action([&] {
            if (!printer_.configured()) return "ui.staff.no_printer";
            item = store().find_by_receipt(receipt_code);
            return item ? "" : "ui.staff.reprint_not_found";
        });
        if (!refused.empty()) return done(refused);
        printer_.print([item] { return item; }, config_.kiosk.language,
                       [this, id = item->dossier_id, done = std::move(done)](const PrintReport& r) {
                           const bool ok = report_print(r) == flow::PrintState::printed;
                           audit(store::audit_event::reprint,
                                 {{"dossier_id", id}, {"result", ok ? "printed" : "failed"}});
                           done(ok ? "ui.staff.reprinted" : "ui.staff.reprint_failed");
                       });
    }

    void test_print(MessageDone done) override {
        printer_.print_layout(
            [this] {
                const std::string state = printer_.cached_state();  // the header views it
                const receipt::TestPrintHeader header{
                    config_.kiosk.id, receipt::to_civil(clock_.now(), clock_.utc_offset_minutes()),
                    state};
                return receipt::make_test_print(header, locale_.strings(config_.kiosk.language));
            },
            [this, done = std::move(done)](const PrintReport& r) {
                const std::string word(flow::to_string(report_print(r)));
                audit(store::audit_event::test_print, {{"result", word}});
                done("staff2.test_print." + word);
            });
    }

  private:
    // On the print thread: the dossier to print, as stored now.
    std::optional<store::Item> load(const std::string& dossier_id) {
        try {
            return store().get(dossier_id);
        } catch (const store::StorageError& e) {
            note_storage_error(e);
            throw;
        }
    }

    // The store, opened on first use (on the job thread). Throws store::StorageError.
    store::Store& store() {
        std::lock_guard lock(store_mutex_);
        if (!store_) store_.emplace(store::Store::open(config_, clock_));
        return *store_;
    }

    // One audit row for a staff-screen action; a storage failure is logged, never shown
    // as the action's failure (the action itself is done).
    void audit(std::string_view event, nlohmann::json detail) {
        if (!detail.contains("by")) detail["by"] = "staff_screen";
        try {
            store().audit(event, detail);
        } catch (const store::StorageError& e) {
            note_storage_error(e);
        }
    }

    template <class F>
    std::string staff_action(F&& f) {
        try {
            return f();
        } catch (const store::StorageError& e) {
            note_storage_error(e);
            return "ui.staff.storage_failed";
        }
    }

    static flow::PrintState report_print(const PrintReport& r) {
        if (r.state != flow::PrintState::printed && !r.detail.empty())
            log_line("printer: " + r.detail);
        return r.state;
    }

    void note_storage_error(const store::StorageError& e) {
        log_line("storage: " + e.code() + ": " + e.what());
        std::lock_guard lock(state_mutex_);
        storage_error_ = e.code() + ": " + e.what();
    }

    void note_delivery(const delivery::Event& e) {
        using K = delivery::Event::Kind;
        std::lock_guard lock(state_mutex_);
        if (e.kind == K::delivered || e.kind == K::idle) {
            network_ = flow::Check::ok;
            network_detail_.clear();
        } else if (e.kind == K::retry || e.kind == K::paused || e.kind == K::link_down) {
            network_ = flow::Check::failed;
            network_detail_ = e.message;
        }
    }

    void queue_view(flow::StaffView& v) {
        try {
            store::Store& s = store();
            v.clock = s.clock_status();
            const store::Summary sum = s.summary();
            v.pending = static_cast<int>(sum.pending);
            v.in_flight = static_cast<int>(sum.in_flight);
            v.delivered = static_cast<int>(sum.delivered);
            v.dead = static_cast<int>(sum.dead);
            if (const auto p = s.pause_state()) {
                v.paused = true;
                v.pause_reason = p->message.empty() ? p->reason : p->message;
            }
            s.for_each([&](const store::Item& it) {
                if (it.state != store::State::dead || v.dead_letters.size() >= staff::lines_shown)
                    return;
                v.dead_letters.push_back(staff::queue_line(it));
            });
            v.undelivered = staff::pending_lines(s);
        } catch (const store::StorageError& e) {
            note_storage_error(e);
        }
    }

    void damaged_view(flow::StaffView& v) {
        try {
            v.damaged = staff::damaged_lines(store());
        } catch (const store::StorageError& e) {
            note_storage_error(e);
        }
    }

    void network_view(flow::StaffView& v) {
        if (config_.portal.url.empty()) return;  // absent: offline by configuration
        std::lock_guard lock(state_mutex_);
        v.network = network_;
        v.network_detail =
            config_.portal.url + (network_detail_.empty() ? "" : " · " + network_detail_);
    }

    // The out-of-service switch, and the calls for help since staff last marked them helped.
    void service_view(flow::StaffView& v) {
        try {
            const auto since = store().out_of_service_since();
            v.out_of_service = since.has_value();
            v.out_of_service_since = since.value_or("");
            for (const auto& call : store().open_help_calls())
                v.help_calls.push_back({call.at, call.detail.value("code", "")});
        } catch (const store::StorageError& e) {
            note_storage_error(e);
        }
    }

    // The day's counts through the metrics' rules; slips from what the metrics writer
    // records (devices.json, every [metrics] interval_s).
    void today_view(flow::StaffView& v) {
        try {
            const auto t = metrics::today_counts(store(), clock_);
            v.today.known = true;
            v.today.dossiers = t.dossiers;
            v.today.help_calls = t.help_calls;
            if (t.last_day_ratings) {
                v.today.ratings_day = t.last_day_ratings->day;
                v.today.ratings = t.last_day_ratings->counts;
            }
            v.today.slips =
                metrics::printed_on(metrics::read_device_states(config_.kiosk.data_dir),
                                    metrics::local_day(clock_.now(), clock_.utc_offset_minutes()));
        } catch (const store::StorageError& e) {
            note_storage_error(e);
        }
    }

    void audit_view(flow::StaffView& v) {
        try {
            const auto rows = store().audit_entries(20);
            for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
                std::string detail;
                for (const auto& [k, val] : it->detail.items()) {
                    if (k == "by") continue;
                    if (!detail.empty()) detail += " · ";
                    detail += k + "=" + (val.is_string() ? val.get<std::string>() : val.dump());
                }
                v.audit.push_back({it->at, it->event, detail});
            }
        } catch (const store::StorageError& e) {
            note_storage_error(e);
        }
    }

    void disk_view(flow::StaffView& v) {
        struct statvfs fs {};
        if (statvfs(config_.kiosk.data_dir.c_str(), &fs) == 0) {
            const double free_mb =
                static_cast<double>(fs.f_bavail) * fs.f_frsize / (1024.0 * 1024.0);
            v.disk = free_mb < 200 ? flow::Check::failed : flow::Check::ok;
            v.disk_detail = std::to_string(static_cast<long>(free_mb)) + " MB";
        } else {
            v.disk = flow::Check::failed;
            v.disk_detail = config_.kiosk.data_dir.string();
        }
        std::lock_guard lock(state_mutex_);
        if (!storage_error_.empty()) {
            v.disk = flow::Check::failed;
            v.disk_detail += " · " + storage_error_;
        }
    }

    const config::Config& config_;
    const catalog::Catalog& catalog_;
    const locale::Locale& locale_;
    const Clock& clock_;
    const std::unique_ptr<scanner::Reader>& scanner_;
    std::mutex store_mutex_;  // guards store_ (opened once)
    std::optional<store::Store> store_;
    std::mutex portal_mutex_;  // guards portal_
    std::optional<delivery::PortalClient> portal_;
    std::mutex state_mutex_;  // guards the three below (written by the worker's events too)
    std::string storage_error_;
    flow::Check network_ = flow::Check::warning;
    std::string network_detail_;
    std::unique_ptr<delivery::Worker> worker_;  // stopped first, in the destructor
    std::unique_ptr<delivery::HeartbeatWorker> heartbeat_;
    // After everything its jobs use (the store, the audit): its thread stops first.
    ReceiptPrinter printer_;

    // On the heartbeat thread: its own store connection; the printer's state is the one
    // the print path last saw (never a second open of the device).
    delivery::HeartbeatInfo heartbeat_info(const Clock& real_clock) const {
        delivery::HeartbeatInfo info;
        info.catalog_version = catalog_.catalog_version;
        try {
            delivery::read_store(info, store::Store::open(config_, real_clock));
        } catch (const std::exception& e) {
            log_line(std::string("heartbeat: queue unknown: ") + e.what());
        }
        info.printer = printer_.cached_state();
        if (worker_) info.delivery = worker_->health();
        info.uptime_s = delivery::system_uptime_s();
        return info;
    }
};

}  // namespace

std::unique_ptr<Backend> make_backend(const BackendParts& parts) {
    return std::make_unique<KioskBackend>(parts);
}

}  // namespace quay::kiosk_app
