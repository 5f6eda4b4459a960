#pragma once
// Everything the flow's effects need from the rest of the kiosk: the durable store, the
// delivery worker (background thread), the portal status lookup, the receipt printer (its
// own thread) and the staff PIN check. The effect runner calls it from its job threads,
// never from the UI thread.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "quay/catalog/catalog.hpp"
#include "quay/clock.hpp"
#include "quay/config/config.hpp"
#include "quay/flow/kiosk.hpp"
#include "quay/locale/locale.hpp"
#include "quay/scanner/reader.hpp"

namespace quay::kiosk_app {

// The printer as the metrics writer sees it (metrics_writer.hpp): the state the print path
// last saw and the slips printed since start.
struct PrinterReading {
    std::string state = "unknown";
    std::int64_t printed = 0;
};

class Backend {
  public:
    using PrintDone = std::function<void(flow::PrintState)>;
    using MessageDone = std::function<void(std::string message_key)>;

    virtual ~Backend() = default;
    // Saves durably; returns event::Submitted only after the commit, else SubmitFailed. A
    // bundle {"bundle", "drafts"} goes through Store::submit_bundle: BundleSubmitted.
    virtual flow::Event submit(const nlohmann::json& draft) = 0;
    // Queues the receipt of a stored dossier for the printer's thread and returns; `done`
    // runs there. A printer fault is a state, never an exception, and never changes the
    // dossier.
    virtual void print(const std::string& dossier_id, Language language, PrintDone done) = 0;
    // The same for every dossier of a bundle on one receipt (dossier_ids in its order).
    virtual void print_bundle(const std::vector<std::string>& dossier_ids,
                              const std::string& bundle_code, Language language,
                              PrintDone done) = 0;
    // portal_ref once the portal has the dossier.
    virtual std::optional<std::string> delivered_ref(const std::string& dossier_id) = 0;
    // Abandons the request (an offline answer) soon after `cancelled` is set.
    virtual flow::StatusAnswer lookup_status(const std::string& receipt_code,
                                             const std::string& id_last4,
                                             const std::atomic<bool>& cancelled) = 0;
    virtual bool verify_pin(const std::string& pin) = 0;
    // Reads the queue, devices, disk and audit log; the printer as last reported.
    virtual flow::StaffView staff_view() = 0;
    // Asks the printer for its report on the printer's thread; `done` runs there after.
    virtual void check_printer(std::function<void()> done) = 0;
    // Staff actions: each returns (or hands `done`) the locale key of the message to show.
    virtual std::string resend(const std::string& dossier_id) = 0;
    virtual std::string pause() = 0;
    virtual std::string resume() = 0;
    virtual void reprint(const std::string& receipt_code, MessageDone done) = 0;
    // A test page (receipt::make_test_print) through the receipts' printer pipeline; the
    // outcome is an audit row (test_print) and `done`'s staff2.test_print.<state> key.
    virtual void test_print(MessageDone done) = 0;
    // The out-of-service switch (persisted) and marking the calls for help as helped.
    virtual std::string set_service(bool in_service) = 0;
    virtual std::string ack_help() = 0;
    // A citizen's call for help: one audit row (the screen's name, nothing they typed).
    virtual void call_help(const std::string& screen) = 0;
    // The procedure's document checklist on the printer's thread; `done` gets the locale
    // key of what to tell the citizen ("" when printed).
    virtual void print_checklist(const std::string& procedure_code, Language language,
                                 MessageDone done) = 0;
    // store::Store::mark_fee_paid by receipt code (audited there, "by": "staff").
    virtual std::string fee_paid(const std::string& receipt_code) = 0;
    // store::Store::rate; a storage error is only logged (the citizen has gone on).
    virtual void rate(int value) = 0;
    // Any thread; never waits for the printer.
    virtual PrinterReading printer_reading() const = 0;
};

struct BackendParts {
    const config::Config& config;
    const catalog::Catalog& catalog;
    const locale::Locale& locale;
    const Clock& clock;       // dossiers' dates and receipt codes (the test clock in scripts)
    const Clock& real_clock;  // delivery waits and backoff: real time
    // Where the running reader will be (null when none is configured); read only from
    // backend calls, which run after the kiosk is built.
    const std::unique_ptr<scanner::Reader>& scanner;
};

// Starts the delivery worker when [portal] url is set (offline otherwise: dossiers wait
// in the store). Opens the store on first use, off the UI thread.
std::unique_ptr<Backend> make_backend(const BackendParts& parts);

}  // namespace quay::kiosk_app
