#include "quay/metrics/kiosk_metrics.hpp"

#include <sys/statvfs.h>

#include <array>
#include <cstdio>

#include "quay/catalog/loader.hpp"
#include "quay/clock_status.hpp"
#include "quay/delivery/catalog_sync.hpp"
#include "quay/metrics/exposition.hpp"
#include "quay/store/store.hpp"

namespace quay::metrics {

namespace fs = std::filesystem;

namespace {

std::string_view source_name(catalog::ActiveCatalog::Source s) {
    switch (s) {
        case catalog::ActiveCatalog::Source::config_file:
            return "config_file";
        case catalog::ActiveCatalog::Source::synced:
            return "synced";
        case catalog::ActiveCatalog::Source::bundled:
            break;
    }
    return "bundled";
}

std::int64_t unix_seconds(std::chrono::system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::int64_t mtime_s(const fs::path& file) {
    std::error_code ec;
    const auto t = fs::last_write_time(file, ec);
    if (ec) return 0;
    return unix_seconds(std::chrono::file_clock::to_sys(t));
}

void gather_catalog(Snapshot& s, const config::Config& config) {
    const CatalogState c = catalog_state(config);
    s.info.catalog_version = c.version;
    s.catalog_source = c.source;
    s.catalog_updated_s = c.updated_s;
}

// The audit events counted over 24 h: every one listed, zeros included, so an alert on a
// rate of wrong PINs has a series from the start.
constexpr std::array<std::string_view, 12> counted_events = {
    store::audit_event::pin_success,
    store::audit_event::pin_failure,
    store::audit_event::pause,
    store::audit_event::resume,
    store::audit_event::resend,
    store::audit_event::reprint,
    store::audit_event::purge,
    store::audit_event::provision_applied,
    store::audit_event::provision_refused,
    store::audit_event::help_call,  // citizens' "Gọi cán bộ" (issue 14)
    store::audit_event::out_of_service,
    store::audit_event::fee_paid,
};

void render_store(Exposition& e, const Snapshot& s) {
    const auto& q = s.info.queue;
    e.family("quay_queue_items", Type::gauge, "Dossiers in the kiosk's store, by delivery state.");
    e.sample("quay_queue_items", {{"state", "pending"}}, static_cast<double>(q.pending));
    e.sample("quay_queue_items", {{"state", "in_flight"}}, static_cast<double>(q.in_flight));
    e.sample("quay_queue_items", {{"state", "delivered"}}, static_cast<double>(q.delivered));
    e.sample("quay_queue_items", {{"state", "dead"}}, static_cast<double>(q.dead));
    e.family("quay_queue_oldest_pending_age_seconds", Type::gauge,
             "Age of the oldest dossier not yet delivered (pending or in flight); 0 when none.");
    e.sample("quay_queue_oldest_pending_age_seconds",
             static_cast<double>(q.oldest_pending_age_s.value_or(0)));
    e.family("quay_queue_paused", Type::gauge,
             "1 while delivery is paused (by staff, or after the portal refused the token).");
    e.sample("quay_queue_paused", s.paused ? 1 : 0);
    e.family("quay_last_delivery_timestamp_seconds", Type::gauge,
             "When the portal last acknowledged a dossier (unix time); 0 when never.");
    e.sample("quay_last_delivery_timestamp_seconds",
             static_cast<double>(q.last_delivered_ms.value_or(0) / 1000));
    e.family("quay_dossiers_submitted_today", Type::gauge,
             "Dossiers filed at this kiosk since local midnight (citizen sessions that ended "
             "in a dossier).");
    e.sample("quay_dossiers_submitted_today", static_cast<double>(s.submitted_today));
    e.family("quay_help_calls_open", Type::gauge,
             "Citizens' calls for help not yet marked helped on the staff screen (at most "
             "100).");
    e.sample("quay_help_calls_open", static_cast<double>(s.help_calls_open));
    e.family("quay_audit_events_24h", Type::gauge,
             "Audit log rows of the last 24 hours, by event (counts only).");
    for (const auto ev : counted_events) {
        const auto it = s.info.audit_24h.find(std::string(ev));
        e.sample("quay_audit_events_24h", {{"event", std::string(ev)}},
                 it == s.info.audit_24h.end() ? 0 : static_cast<double>(it->second));
    }
    e.family("quay_ratings_7d", Type::gauge,
             "One-tap ratings after the slip over the last 7 completed days, by value (1 "
             "unhappy .. 4 very happy); today is not counted until it is over.");
    for (std::size_t v = 0; v < 4; ++v) {
        double n = 0;
        for (const auto& d : s.info.ratings)
            n += static_cast<double>(d.counts[v]);
        e.sample("quay_ratings_7d", {{"value", std::to_string(v + 1)}}, n);
    }
    e.family("quay_store_damaged_copies", Type::gauge,
             "Damaged database copies moved aside in the data directory (docs/storage.md).");
    e.sample("quay_store_damaged_copies", static_cast<double>(s.info.damaged.size()));
    e.family("quay_clock_synchronised", Type::gauge,
             "1 when the system clock is synchronised (NTP) or kept by a host.");
    e.sample("quay_clock_synchronised", s.info.clock.synchronised ? 1 : 0);
    e.family("quay_clock_trust", Type::gauge,
             "The kiosk's judgement of its wall clock (1 on the current state).");
    e.state_set("quay_clock_trust", "state", {"synced", "unsynced", "implausible"},
                to_string(s.info.clock.trust));
}

std::string_view disk_state(const Snapshot& s) {
    if (!s.disk_free_bytes || !s.store_readable) return "error";
    return *s.disk_free_bytes < disk_low_bytes ? "low" : "ok";
}

}  // namespace

std::chrono::system_clock::time_point local_midnight(std::chrono::system_clock::time_point now,
                                                     int utc_offset_minutes) {
    const auto offset = std::chrono::minutes(utc_offset_minutes);
    const auto local_day = std::chrono::floor<std::chrono::days>(now + offset);
    return local_day - offset;
}

CatalogState catalog_state(const config::Config& config) {
    CatalogState c;
    try {
        const auto active = catalog::load_active(config);
        c.version = active.catalog.catalog_version;
        c.source = source_name(active.source);
        switch (active.source) {
            case catalog::ActiveCatalog::Source::config_file:
                c.updated_s = mtime_s(config.catalog.file);
                break;
            case catalog::ActiveCatalog::Source::synced:
                c.updated_s = mtime_s(config.kiosk.data_dir / "catalog.json");
                break;
            case catalog::ActiveCatalog::Source::bundled:
                c.updated_s = unix_seconds(build_time());
                break;
        }
    } catch (const std::exception&) {
        c.source = "error";  // the kiosk would not start with it: the alert says so
    }
    return c;
}

Today today_counts(const store::Store& store, const Clock& clock) {
    const auto now = clock.now();
    const auto midnight = local_midnight(now, clock.utc_offset_minutes());
    Today t;
    t.dossiers = store.submitted_since(midnight);
    const auto counts =
        store.audit_counts(std::chrono::duration_cast<std::chrono::seconds>(now - midnight));
    if (const auto it = counts.find(std::string(store::audit_event::help_call)); it != counts.end())
        t.help_calls = it->second;
    if (auto days = store.rating_days(1); !days.empty()) t.last_day_ratings = days.back();
    return t;
}

std::string local_day(std::chrono::system_clock::time_point now, int utc_offset_minutes) {
    const std::chrono::year_month_day d{
        std::chrono::floor<std::chrono::days>(now + std::chrono::minutes(utc_offset_minutes))};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
    return text;
}

Snapshot gather(const config::Config& config, const Clock& clock, const DeviceStates& devices) {
    Snapshot s;
    s.kiosk_id = config.kiosk.id;
    gather_catalog(s, config);
    try {
        const auto store = store::Store::open(config, clock);
        delivery::read_store(s.info, store);
        s.paused = store.paused();
        s.submitted_today = today_counts(store, clock).dossiers;
        s.help_calls_open = static_cast<std::int64_t>(store.open_help_calls().size());
        s.store_readable = true;
    } catch (const store::StorageError& e) {
        s.store_error_code = e.code();  // quay_store_readable 0 and the disk state "error"
        s.store_error = e.what();
    } catch (const std::exception& e) {
        s.store_error_code = "storage_failure";
        s.store_error = e.what();
    }
    struct statvfs fs {};
    if (::statvfs(config.kiosk.data_dir.c_str(), &fs) == 0)
        s.disk_free_bytes = static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize;
    s.devices = devices;
    if (config.printer.device.empty()) s.devices.printer = "absent";
    if (config.scanner.device.empty()) s.devices.scanner = "absent";
    return s;
}

std::string render(const Snapshot& s) {
    Exposition e;
    e.family("quay_info", Type::gauge, "The kiosk app's version and the kiosk's id (always 1).");
    e.sample("quay_info", {{"version", s.info.app_version}, {"kiosk_id", s.kiosk_id}}, 1);
    e.family("quay_catalog_info", Type::gauge,
             "The procedure catalogue in use: its version and where it came from (always 1).");
    e.sample("quay_catalog_info",
             {{"version", s.info.catalog_version}, {"source", s.catalog_source}}, 1);
    e.family("quay_catalog_updated_timestamp_seconds", Type::gauge,
             "When the catalogue in use was written: synced or configured file's time, or the "
             "build's for the bundled one (unix time); 0 when unknown.");
    e.sample("quay_catalog_updated_timestamp_seconds", static_cast<double>(s.catalog_updated_s));
    e.family("quay_store_readable", Type::gauge,
             "1 when the dossier store could be opened and read; 0 and no queue figures else.");
    e.sample("quay_store_readable", s.store_readable ? 1 : 0);
    if (s.store_readable) render_store(e, s);
    e.family("quay_printer_state", Type::gauge,
             "The receipt printer's last known state (1 on the current state).");
    e.state_set("quay_printer_state", "state", printer_states(), s.devices.printer);
    e.family("quay_scanner_state", Type::gauge,
             "The ID card scanner's last known state (1 on the current state).");
    e.state_set("quay_scanner_state", "state", scanner_states(), s.devices.scanner);
    e.family("quay_device_states_timestamp_seconds", Type::gauge,
             "When the kiosk app last recorded a change of the device states (unix time); 0 "
             "when never.");
    e.sample("quay_device_states_timestamp_seconds", static_cast<double>(s.devices.changed_at_s));
    e.family("quay_receipts_printed_total", Type::counter,
             "Receipt slips the kiosk app printed, kept across restarts.");
    e.sample("quay_receipts_printed_total", static_cast<double>(s.devices.receipts_printed));
    e.family("quay_disk_state", Type::gauge,
             "The data directory's disk: ok, low (under 200 MiB free) or error (1 on the "
             "current state).");
    e.state_set("quay_disk_state", "state", {"ok", "low", "error"}, disk_state(s));
    if (s.disk_free_bytes) {
        e.family("quay_disk_free_bytes", Type::gauge,
                 "Free space for the kiosk on the data directory's file system.");
        e.sample("quay_disk_free_bytes", static_cast<double>(*s.disk_free_bytes));
    }
    return e.text();
}

void write_textfile(const fs::path& file, const std::string& text) {
    delivery::write_file_atomically(file, text, 0644);
}

}  // namespace quay::metrics
