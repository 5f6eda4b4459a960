// Staff mode: PIN, then queue state, dead letters, resend, pause/resume, reprint, checks,
// the audit log.
#include <utility>

#include "quay/ui/glyphs.hpp"
#include "quay/ui/theme.hpp"
#include "screens/screen.hpp"
#include "screens/staff_sections.hpp"

namespace quay::ui {

namespace {

using flow::Check;
using flow::StaffView;

// store::audit_event names and their text.
constexpr std::pair<std::string_view, std::string_view> kAuditTexts[] = {
    {"pin_success", "ui.staff.audit.pin_success"},
    {"pin_failure", "ui.staff.audit.pin_failure"},
    {"pause", "ui.staff.audit.pause"},
    {"resume", "ui.staff.audit.resume"},
    {"resend", "ui.staff.audit.resend"},
    {"reprint", "ui.staff.audit.reprint"},
    {"purge", "ui.staff.audit.purge"},
    {"provision_applied", "ui.staff.audit.provision_applied"},
    {"provision_refused", "ui.staff.audit.provision_refused"},
    {"help_call", "ui.staff.audit.help_call"},
    {"help_ack", "ui.staff.audit.help_ack"},
    {"out_of_service", "ui.staff.audit.out_of_service"},
    {"in_service", "ui.staff.audit.in_service"},
    {"fee_paid", "fee.staff.audit"},
    {"test_print", "staff2.audit.test_print"},
};

// Calls for help at the top while any waits (someone may be standing at the kiosk).
void help_rows(Ctx& c, const StaffView& v) {
    if (v.help_calls.empty()) return;
    Widgets& w = c.w;
    w.spacing(16);
    w.heading(c.tr("ui.staff.help_calls"));
    for (const auto& h : v.help_calls) {
        const std::string line = locale::format(
            c.tr("ui.staff.help_call_line"), {{"time", short_time(h.time)}, {"screen", h.screen}});
        const ImVec2 at = ImGui::GetCursorScreenPos();
        w.text(line, w.fonts().bold, c.w.colors().error);
        w.record("staff.help_call", line, at,
                 ImVec2(at.x + c.width, ImGui::GetCursorScreenPos().y));
    }
    if (w.button("staff.help_ack", c.tr("ui.staff.help_ack"), ImVec2(c.width, 0)))
        c.emit(flow::intent::StaffAckHelp{});
}

// The out-of-service switch (kept in the store across restarts).
void service_rows(Ctx& c, const StaffView& v) {
    Widgets& w = c.w;

    w.spacing(16);
    w.heading(c.tr("ui.staff.service"));
    if (v.out_of_service) {
        w.text(locale::format(c.tr("ui.staff.out_of_service"),
                              {{"since", short_time(v.out_of_service_since)}}),
               w.fonts().bold, c.w.colors().error);
        if (w.button("staff.in_service", c.tr("ui.staff.set_in_service"), ImVec2(c.width, 0),
                     ButtonKind::primary))
            c.emit(flow::intent::StaffSetService{true});
    } else {
        w.text(c.tr("ui.staff.in_service"), w.fonts().bold, c.w.colors().ok);
        if (w.button("staff.out_of_service", c.tr("ui.staff.set_out_of_service"),
                     ImVec2(c.width, 0)))
            c.emit(flow::intent::StaffSetService{false});
    }
}

std::string_view check_key(Check c) {
    switch (c) {
        case Check::ok:
            return "ui.staff.check.ok";
        case Check::warning:
            return "ui.staff.check.warning";
        case Check::failed:
            return "ui.staff.check.failed";
        case Check::absent:
            return "ui.staff.check.absent";
    }
    return "ui.staff.check.absent";
}

ImU32 check_color(const Palette& p, Check c) {
    return c == Check::ok ? p.ok : c == Check::failed ? p.error : p.muted;
}

void check_row(Ctx& c, std::string_view name, Check state, const std::string& detail) {
    std::string line = std::string(name) + ": " + std::string(c.tr(check_key(state)));
    if (!detail.empty()) line += " (" + detail + ")";
    c.w.text(line, c.w.fonts().bold, check_color(c.w.colors(), state));
}

// Only while the wall clock cannot be trusted (docs/storage.md "Wrong clocks").
void clock_row(Ctx& c, const ClockStatus& clock) {
    if (clock.trusted()) return;
    const bool wrong = clock.trust == ClockTrust::implausible;
    const std::string_view said = c.tr(wrong ? "ui.staff.clock_wrong" : "ui.staff.clock_unsynced");
    const ImVec2 at = ImGui::GetCursorScreenPos();
    c.w.text(said, c.w.fonts().bold, wrong ? c.w.colors().error : c.w.colors().muted);
    c.w.record("staff.clock", said, at, ImVec2(at.x + c.width, ImGui::GetCursorScreenPos().y));
    if (clock.portal_offset)
        c.w.text(c.count("ui.staff.clock_offset", clock.portal_offset->count() / 60),
                 c.w.fonts().body, c.w.colors().muted);
}

// One line per damaged database copy, in the error colour: a technician should look.
void damaged_rows(Ctx& c, const StaffView& v) {
    if (!v.damaged.empty()) damaged_summary(c, v);
    for (const auto& d : v.damaged) {
        const std::string_view key = !d.salvaged  ? "ui.staff.damaged_pending"
                                     : d.readable ? "ui.staff.damaged"
                                                  : "ui.staff.damaged_unreadable";
        c.w.text(locale::format(c.tr(key), {{"file", d.file},
                                            {"undelivered", std::to_string(d.undelivered)},
                                            {"unreadable", std::to_string(d.unreadable)}}),
                 c.w.fonts().body, c.w.colors().error);
    }
}

}  // namespace

void draw_staff_pin(Ctx& c) {
    Widgets& w = c.w;
    w.text(c.tr("ui.staff.pin_intro"));
    w.spacing(12);
    plain_field_box(c, flow::key::staff_pin, c.tr("ui.staff.pin"), true);
    const auto wait = c.k.pin_wait();
    if (wait.count() > 0) {
        w.spacing(8);
        w.text(c.count("ui.staff.pin_wait_seconds", (wait.count() + 999) / 1000), w.fonts().bold,
               c.w.colors().error);
    }
}

void draw_staff(Ctx& c) {
    Widgets& w = c.w;
    const float gap = w.px(theme::gap);
    const float half = (c.width - gap) / 2;
    if (w.button("staff.refresh", c.tr("ui.staff.refresh"), ImVec2(half, 0)))
        c.emit(flow::intent::StaffRefresh{});
    ImGui::SameLine(0, gap);
    if (w.button("staff.lock", c.tr("ui.staff.lock"), ImVec2(half, 0), ButtonKind::danger))
        c.emit(flow::intent::StaffLock{});
    if (!c.k.staff_message().empty()) {
        w.spacing(8);
        w.text(c.tr(c.k.staff_message()), w.fonts().bold, w.colors().focus);
    }
    if (!c.k.staff_view()) {
        w.spacing(16);
        w.text(c.tr("ui.staff.loading"), w.fonts().body, w.colors().muted);
        return;
    }
    const StaffView& v = *c.k.staff_view();
    help_rows(c, v);
    today_rows(c, v);

    w.spacing(16);
    w.heading(c.tr("ui.staff.queue"));
    w.text(
        locale::format(c.tr("ui.staff.queue_counts"), {{"pending", std::to_string(v.pending)},
                                                       {"in_flight", std::to_string(v.in_flight)},
                                                       {"delivered", std::to_string(v.delivered)},
                                                       {"dead", std::to_string(v.dead)}}));
    damaged_rows(c, v);
    if (v.paused) {
        w.text(locale::format(c.tr("ui.staff.paused"), {{"reason", v.pause_reason}}),
               w.fonts().bold, w.colors().error);
        if (w.button("staff.resume", c.tr("ui.staff.resume"), ImVec2(c.width, 0),
                     ButtonKind::primary))
            c.emit(flow::intent::StaffResume{});
    } else {
        w.text(c.tr("ui.staff.running"), w.fonts().bold, w.colors().ok);
        if (w.button("staff.pause", c.tr("ui.staff.pause"), ImVec2(c.width, 0)))
            c.emit(flow::intent::StaffPause{});
    }

    pending_rows(c, v);

    w.spacing(16);
    w.heading(c.tr("ui.staff.dead_letters"));
    if (v.dead_letters.empty())
        w.text(c.tr("ui.staff.no_dead_letters"), w.fonts().body, w.colors().muted);
    for (const auto& d : v.dead_letters) {
        w.text(d.receipt_code + " " + std::string(glyph::middle_dot) + " " + d.procedure_code,
               w.fonts().bold);
        w.text(error_text(c, d), w.fonts().body, w.colors().error);
        if (w.button("resend:" + d.dossier_id, c.tr("ui.staff.resend"), ImVec2(c.width, 0)))
            c.emit(flow::intent::StaffResend{d.dossier_id});
        w.spacing(8);
    }

    w.spacing(16);
    w.heading(c.tr("ui.staff.reprint_title"));
    plain_field_box(c, flow::key::staff_reprint, c.tr("ui.staff.reprint_code"));
    if (w.button("staff.reprint", c.tr("ui.staff.reprint"), ImVec2(c.width, 0)))
        c.emit(flow::intent::StaffReprint{});

    w.spacing(16);
    w.heading(c.tr("fee.staff.title"));
    w.text(c.tr("fee.staff.hint"), w.fonts().body, c.w.colors().muted);
    plain_field_box(c, flow::key::staff_fee_paid, c.tr("ui.staff.reprint_code"));
    if (w.button("staff.fee_paid", c.tr("fee.staff.mark"), ImVec2(c.width, 0)))
        c.emit(flow::intent::StaffFeePaid{});

    w.spacing(16);
    w.heading(c.tr("ui.staff.checks"));
    check_row(c, c.tr("ui.staff.printer"), v.printer, v.printer_detail);
    check_row(c, c.tr("ui.staff.scanner"), v.scanner, v.scanner_detail);
    check_row(c, c.tr("ui.staff.network"), v.network, v.network_detail);
    check_row(c, c.tr("ui.staff.disk"), v.disk, v.disk_detail);
    test_print_rows(c);
    clock_row(c, v.clock);
    service_rows(c, v);
    catalog_rows(c, v);

    w.spacing(16);
    w.heading(c.tr("ui.staff.audit"));
    if (v.audit.empty()) w.text(c.tr("ui.staff.audit_empty"), w.fonts().body, w.colors().muted);
    for (const auto& a : v.audit) {
        std::string_view key = "ui.staff.audit.other";
        for (const auto& [event, text] : kAuditTexts) {
            if (a.event == event) key = text;
        }
        const std::string what(c.tr(key));
        const std::string when = short_time(a.time);
        w.text(when + " " + std::string(glyph::middle_dot) + " " + what, w.fonts().bold);
        if (!a.detail.empty()) w.text(a.detail, w.fonts().body, w.colors().muted);
    }

    w.spacing(16);
    w.heading(c.tr("ui.staff.about"));
    w.text(locale::format(
        c.tr("ui.staff.version"),
        {{"version", v.version}, {"catalog", v.catalog_version}, {"kiosk", v.kiosk_id}}));
    w.spacing(16);
}

}  // namespace quay::ui
