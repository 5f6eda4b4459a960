#include "screens/staff_sections.hpp"

#include <span>
#include <utility>

#include "quay/staff/figures.hpp"
#include "quay/ui/glyphs.hpp"

namespace quay::ui {

namespace {

// delivery::error_kind's words and their text.
constexpr std::pair<std::string_view, std::string_view> kErrorTexts[] = {
    {"network", "staff2.error.network"},           {"busy", "staff2.error.busy"},
    {"in_progress", "staff2.error.in_progress"},   {"portal_error", "staff2.error.portal_error"},
    {"odd_answer", "staff2.error.odd_answer"},     {"refused", "staff2.error.refused"},
    {"unauthorized", "staff2.error.unauthorized"},
};

// metrics::catalog_state's sources and delivery::SyncAttempt's outcomes, and their text.
constexpr std::pair<std::string_view, std::string_view> kCatalogTexts[] = {
    {"bundled", "staff2.catalog.source.bundled"},
    {"synced", "staff2.catalog.source.synced"},
    {"config_file", "staff2.catalog.source.config_file"},
    {"updated", "staff2.catalog.outcome.updated"},
    {"unchanged", "staff2.catalog.outcome.unchanged"},
    {"offline", "staff2.catalog.outcome.offline"},
    {"portal_error", "staff2.catalog.outcome.portal_error"},
    {"bad_catalog", "staff2.catalog.outcome.bad_catalog"},
    {"storage", "staff2.catalog.outcome.storage"},
};

std::string_view text_of(Ctx& c,
                         std::span<const std::pair<std::string_view, std::string_view>> table,
                         std::string_view word, std::string_view fallback) {
    for (const auto& [w, key] : table) {
        if (w == word) return c.tr(key);
    }
    return c.tr(fallback);
}

}  // namespace

std::string short_time(const std::string& rfc3339) {
    if (rfc3339.size() < 16) return rfc3339;
    return rfc3339.substr(0, 10) + " " + rfc3339.substr(11, 5);
}

std::string waiting_text(Ctx& c, std::int64_t age_s) {
    const auto a = staff::split_age(age_s);
    const std::string days = std::to_string(a.days), hours = std::to_string(a.hours),
                      minutes = std::to_string(a.minutes);
    if (a.days > 0)
        return locale::format(c.tr("staff2.age.days"), {{"days", days}, {"hours", hours}});
    if (a.hours > 0)
        return locale::format(c.tr("staff2.age.hours"), {{"hours", hours}, {"minutes", minutes}});
    return locale::format(c.tr("staff2.age.minutes"), {{"minutes", minutes}});
}

std::string error_text(Ctx& c, const flow::QueueItemView& item) {
    return locale::format(c.tr("staff2.pending.error"),
                          {{"what", text_of(c, kErrorTexts, item.error_kind, "staff2.error.other")},
                           {"detail", item.last_error}});
}

void pending_rows(Ctx& c, const flow::StaffView& v) {
    Widgets& w = c.w;
    w.spacing(16);
    w.heading(c.tr("staff2.pending.title"));
    if (v.undelivered.empty()) {
        w.text(c.tr("staff2.pending.none"), w.fonts().body, w.colors().muted);
        return;
    }
    const std::string dot = " " + std::string(glyph::middle_dot) + " ";
    for (const auto& d : v.undelivered) {
        const std::string head =
            d.receipt_code + dot + d.procedure_code + dot + waiting_text(c, d.age_s);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        w.text(head, w.fonts().bold);
        w.record("pending:" + d.receipt_code, head, at,
                 ImVec2(at.x + c.width, ImGui::GetCursorScreenPos().y));
        std::string tries = d.attempts == 0 ? std::string(c.tr("staff2.pending.not_tried"))
                                            : c.count("staff2.pending.attempts", d.attempts);
        if (d.state == "in_flight") tries += dot + std::string(c.tr("staff2.pending.in_flight"));
        w.text(tries, w.fonts().body, w.colors().muted);
        if (!d.last_error.empty()) w.text(error_text(c, d), w.fonts().body, w.colors().error);
        w.spacing(8);
    }
    const auto waiting = static_cast<std::int64_t>(v.pending) + v.in_flight;
    if (waiting > static_cast<std::int64_t>(v.undelivered.size()))
        w.text(c.count("staff2.pending.more",
                       waiting - static_cast<std::int64_t>(v.undelivered.size())),
               w.fonts().body, w.colors().muted);
}

void test_print_rows(Ctx& c) {
    Widgets& w = c.w;
    w.spacing(8);
    w.text(c.tr("staff2.test_print.hint"), w.fonts().body, w.colors().muted);
    if (w.button("staff.test_print", c.tr("staff2.test_print.button"), ImVec2(c.width, 0)))
        c.emit(flow::intent::StaffTestPrint{});
    // Its outcome also here, where the staff member's eyes are (the top may be scrolled away).
    const std::string_view said = c.k.staff_message();
    if (said.starts_with("staff2.test_print."))
        w.text(c.tr(said), w.fonts().bold,
               said == "staff2.test_print.printed" ? w.colors().ok : w.colors().error);
}

void today_rows(Ctx& c, const flow::StaffView& v) {
    Widgets& w = c.w;
    const flow::TodayView& t = v.today;
    w.spacing(16);
    w.heading(c.tr("staff2.today.title"));
    if (!t.known) {
        w.text(c.tr("staff2.today.unknown"), w.fonts().body, w.colors().error);
        return;
    }
    w.text(locale::format(c.tr("staff2.today.counts"), {{"filed", std::to_string(t.dossiers)},
                                                        {"slips", std::to_string(t.slips)},
                                                        {"help", std::to_string(t.help_calls)}}),
           w.fonts().bold);
    if (t.ratings_day.empty()) {
        w.text(c.tr("staff2.today.no_ratings"), w.fonts().body, w.colors().muted);
        return;
    }
    // The faces' own words (rating.value.N), happiest first.
    constexpr std::string_view faces[] = {"rating.value.1", "rating.value.2", "rating.value.3",
                                          "rating.value.4"};
    std::string counts;
    for (int f = 3; f >= 0; --f) {
        if (!counts.empty()) counts += " " + std::string(glyph::middle_dot) + " ";
        counts += std::string(c.tr(faces[f])) + " " + std::to_string(t.ratings[f]);
    }
    w.text(
        locale::format(c.tr("staff2.today.ratings"), {{"day", t.ratings_day}, {"counts", counts}}),
        w.fonts().body, w.colors().muted);
}

void catalog_rows(Ctx& c, const flow::StaffView& v) {
    Widgets& w = c.w;
    const flow::CatalogView& cat = v.catalog;
    w.spacing(16);
    w.heading(c.tr("staff2.catalog.title"));
    if (cat.source == "error") {
        w.text(c.tr("staff2.catalog.unreadable"), w.fonts().bold, w.colors().error);
    } else {
        const std::vector<std::pair<std::string_view, std::string_view>> args = {
            {"version", cat.version}};
        std::string line;
        if (!cat.age_days)
            line = locale::format(c.tr("staff2.catalog.age_unknown"), args);
        else if (*cat.age_days == 0)
            line = locale::format(c.tr("staff2.catalog.age_today"), args);
        else if (*cat.age_days == 1)
            line = locale::format(c.tr("staff2.catalog.age_yesterday"), args);
        else
            line =
                locale::format(c.tr("staff2.catalog.age"),
                               {{"version", cat.version}, {"days", std::to_string(*cat.age_days)}});
        const ImVec2 at = ImGui::GetCursorScreenPos();
        w.text(line, w.fonts().bold, cat.stale ? w.colors().warn : w.colors().text);
        w.record("staff.catalog", line, at, ImVec2(at.x + c.width, ImGui::GetCursorScreenPos().y));
        if (cat.stale)
            w.text(locale::format(c.tr("staff2.catalog.stale"),
                                  {{"days", std::to_string(staff::catalog_stale_days)}}),
                   w.fonts().body, w.colors().warn);
        w.text(text_of(c, kCatalogTexts, cat.source, "staff2.catalog.source.bundled"),
               w.fonts().body, w.colors().muted);
    }
    if (!cat.sync_at.empty())
        w.text(locale::format(c.tr("staff2.catalog.sync_last"),
                              {{"time", short_time(cat.sync_at)},
                               {"outcome", text_of(c, kCatalogTexts, cat.sync_outcome,
                                                   "staff2.catalog.outcome.error")}}),
               w.fonts().body,
               cat.sync_outcome == "updated" || cat.sync_outcome == "unchanged" ? w.colors().muted
                                                                                : w.colors().error);
    else if (cat.timed_sync)
        w.text(c.tr("staff2.catalog.sync_never"), w.fonts().body, w.colors().muted);
    if (!cat.timed_sync) w.text(c.tr("staff2.catalog.sync_off"), w.fonts().body, w.colors().muted);
}

void damaged_summary(Ctx& c, const flow::StaffView& v) {
    Widgets& w = c.w;
    const std::string line =
        c.count("staff2.damaged.count", static_cast<std::int64_t>(v.damaged.size()));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    w.text(line, w.fonts().bold, w.colors().error);
    w.record("staff.damaged", line, at, ImVec2(at.x + c.width, ImGui::GetCursorScreenPos().y));
    w.text(c.tr("staff2.damaged.todo"), w.fonts().body, w.colors().error);
}

}  // namespace quay::ui
