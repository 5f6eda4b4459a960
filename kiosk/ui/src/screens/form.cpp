// The form in short pages, and the review with an Edit button per page.
#include <algorithm>

#include "quay/ui/glyphs.hpp"
#include "quay/ui/theme.hpp"
#include "screens/screen.hpp"

namespace quay::ui {

namespace {

using catalog::FieldType;

// The tappable value box. Returns true when tapped.
bool value_box(Ctx& c, std::string_view id, std::string_view label, const std::string& shown,
               bool is_hint, bool focused, bool has_error) {
    Widgets& w = c.w;
    const float pad = w.px(20);
    ImFont* font = w.fonts().body;
    const float text_w = c.width - 2 * pad;
    const float h = std::max(w.px(theme::target), w.text_height(shown, font, text_w) + 2 * pad);
    const bool tapped = w.tap_area(id, ImVec2(c.width, h), flow::ItemKind::field, label,
                                   is_hint ? std::string_view() : std::string_view(shown));
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, w.colors().card, w.px(theme::rounding));
    const ImU32 edge = focused     ? w.colors().focus
                       : has_error ? w.colors().error
                                   : w.colors().border;
    dl->AddRect(a, b, edge, w.px(theme::rounding), 0, w.px(focused || has_error ? 4 : 2));
    const float y = a.y + (h - std::max(line_height(font), w.text_height(shown, font, text_w))) / 2;
    const ImVec2 end = draw_wrapped_text(dl, font, ImVec2(a.x + pad, y), text_w,
                                         is_hint ? w.colors().muted : w.colors().text, shown);
    if (focused) {
        const float x = is_hint ? a.x + pad : end.x + w.px(3);
        const float top = is_hint ? y : end.y;
        dl->AddRectFilled(ImVec2(x, top + w.px(4)),
                          ImVec2(x + w.px(3), top + line_height(font) - w.px(4)), w.colors().focus);
    }
    w.record(id, shown, a, b);  // what the box shows: scripts can check the value
    return tapped;
}

void error_line(Ctx& c, const std::string& key) {
    Widgets& w = c.w;
    const ImVec2 a = ImGui::GetCursorScreenPos();
    const float pad = w.px(12);
    const float h = w.text_height(c.tr(key), w.fonts().bold, c.width - 2 * pad) + 2 * pad;
    ImGui::GetWindowDrawList()->AddRectFilled(a, ImVec2(a.x + c.width, a.y + h),
                                              w.colors().error_bg, w.px(8));
    ImGui::SetCursorScreenPos(ImVec2(a.x + pad, a.y + pad));
    w.text(c.tr(key), w.fonts().bold, w.colors().error, c.width - 2 * pad);
    ImGui::SetCursorScreenPos(ImVec2(a.x, a.y + h));
    ImGui::Dummy(ImVec2(c.width, 0));
}

std::string label_with_optional(const Ctx& c, const catalog::FormField& f) {
    std::string l = c.t(f.label);
    if (!f.required) l += " " + std::string(c.tr("ui.form.optional"));
    return l;
}

}  // namespace

std::string display_value(const Ctx& c, const catalog::FormField& f, const std::string& v) {
    if (v.empty()) return v;
    if (f.type == FieldType::date) return format_date(v);
    if (f.type == FieldType::choice) {
        for (const auto& o : f.options)
            if (o.value == v) return c.t(o.label);
    }
    // A list's item as its button said it ("Republic of Korea"); the value is still sent.
    if (const auto* list = c.k.list_of(f.code); list && !list->last_part) {
        for (const auto& i : list->items)
            if (i.value == v && !i.label.empty()) return c.t(i.label);
    }
    return v;
}

void plain_field_box(Ctx& c, std::string_view key, std::string_view label, bool secret) {
    Widgets& w = c.w;
    w.bold(label);
    const std::string v = c.session().value(key);
    const bool focused = c.session().focused && *c.session().focused == key;
    std::string shown = v;
    if (secret) {
        shown.clear();
        for (std::size_t i = 0; i < v.size(); ++i)
            shown += std::string(glyph::hidden_digit) + " ";
    }
    const bool hint = shown.empty();
    if (hint) shown = std::string(c.tr("ui.form.tap_to_type"));
    auto err = c.session().errors.find(std::string(key));
    if (value_box(c, "field:" + std::string(key), label, shown, hint, focused,
                  err != c.session().errors.end())) {
        c.st.date_field.reset();
        c.emit(flow::intent::Focus{std::string(key)});
    }
    if (err != c.session().errors.end()) error_line(c, err->second);
}

void field_box(Ctx& c, const catalog::FormField& f) {
    Widgets& w = c.w;
    const std::string label = label_with_optional(c, f);
    w.text(label, w.fonts().bold, 0, c.width);
    if (!f.help.empty()) w.text(c.t(f.help), w.fonts().body, w.colors().muted, c.width);
    const std::string v = c.session().value(f.code);
    auto err = c.session().errors.find(f.code);
    const bool has_error = err != c.session().errors.end();

    if (f.type == FieldType::choice) {
        const float gap = w.px(theme::gap);
        const int n = static_cast<int>(std::max<std::size_t>(f.options.size(), 1));
        const int cols = std::min(n, c.width > w.px(900) ? 3 : 2);
        const float bw = (c.width - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
        for (std::size_t i = 0; i < f.options.size(); ++i) {
            if (i % static_cast<std::size_t>(cols) != 0) ImGui::SameLine(0, gap);
            const auto& o = f.options[i];
            const auto kind = o.value == v ? ButtonKind::selected : ButtonKind::secondary;
            if (w.button("option:" + f.code + ":" + o.value, c.t(o.label), ImVec2(bw, 0), kind))
                c.emit(flow::intent::SetValue{f.code, o.value});
        }
    } else {
        const bool focused = (c.session().focused && *c.session().focused == f.code) ||
                             (c.st.date_field && *c.st.date_field == f.code);
        // A list not chosen away from opens its picker (docs/pickers.md).
        const bool picks = c.k.opens_picker(f.code);
        std::string shown = display_value(c, f, v);
        const bool hint = shown.empty();
        if (hint) {
            shown = std::string(f.type == FieldType::date ? c.tr("ui.form.tap_to_pick")
                                : picks                   ? c.tr("pickers.tap_to_choose")
                                                          : c.tr("ui.form.tap_to_type"));
        }
        if (value_box(c, "field:" + f.code, label, shown, hint, focused, has_error)) {
            if (picks) {
                c.st.date_field.reset();
                c.emit(flow::intent::OpenPicker{f.code});
            } else if (f.type == FieldType::date) {
                c.emit(flow::intent::Blur{});
                c.st.date_field = f.code;
                int y = 0, m = 0, d = 0;
                if (v.size() == 10 && std::sscanf(v.c_str(), "%4d-%2d-%2d", &y, &m, &d) == 3) {
                    c.st.year = y;
                    c.st.month = m;
                    c.st.day = d;
                } else {
                    const bool birth_of_adult = f.code == flow::applicant::date_of_birth;
                    c.st.year = c.today_year - (birth_of_adult ? 30 : 0);
                    c.st.month = c.today_month;
                    c.st.day = c.today_day;
                }
            } else {
                c.st.date_field.reset();
                c.emit(flow::intent::Focus{f.code});
            }
        }
        picker_button(c, f);
    }
    if (has_error) error_line(c, err->second);
    w.spacing(12);
}

namespace {

// After a scan: what was filled, at the top of the page the person now checks (not a toast
// over the fields); stays until "Đã hiểu" or the page changes.
void form_notice(Ctx& c) {
    const std::string& key = c.k.form_notice();
    if (key.empty()) return;
    Widgets& w = c.w;
    // The card's address names a province merged in 2025: said here, the address unchanged.
    std::string moved_text;
    if (const auto moved = c.k.moved_province())
        moved_text = locale::format(c.tr("pickers.moved_province"),
                                    {{"former", moved->former}, {"current", moved->current}});
    const ImVec2 top = card(c, {c.w.colors().ok_bg, 0, c.w.colors().ok}, [&](float inner) {
        const float bw = std::min(inner * 0.4f, w.px(260));
        const float text_w = inner - bw - w.px(theme::gap);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        w.text(c.tr(key), w.fonts().bold, c.w.colors().ok, text_w);
        if (!moved_text.empty()) {
            w.spacing(8);
            const ImVec2 moved_at = ImGui::GetCursorScreenPos();
            w.text(moved_text, w.fonts().bold, c.w.colors().text, text_w);
            w.record("form.notice.province", moved_text, moved_at,
                     ImVec2(moved_at.x + text_w, ImGui::GetCursorScreenPos().y));
        }
        const float text_bottom = ImGui::GetCursorScreenPos().y;
        ImGui::SetCursorScreenPos(ImVec2(at.x + text_w + w.px(theme::gap), at.y));
        if (w.button("form.notice.dismiss", c.tr("ui.form.notice_dismiss"), ImVec2(bw, 0)))
            c.emit(flow::intent::DismissFormNotice{});
        ImGui::SetCursorScreenPos(
            ImVec2(at.x, std::max(text_bottom, ImGui::GetCursorScreenPos().y)));
        ImGui::Dummy(ImVec2(inner, 0));
    });
    w.record("form.notice", c.tr(key), top, ImVec2(top.x + c.width, ImGui::GetCursorScreenPos().y));
    w.spacing(12);
}

}  // namespace

void draw_form(Ctx& c) {
    const auto* plan = c.k.plan();
    if (plan == nullptr) return;
    Widgets& w = c.w;
    form_notice(c);
    const int page = c.k.location().page;
    const int count = plan->page_count();
    const auto& fp = plan->pages()[static_cast<std::size_t>(std::clamp(page, 0, count - 1))];

    bundle_form_progress(c, fp);
    // Progress: "Step 2 of 6" and a bar.
    w.text(locale::format(c.tr("ui.form.progress"),
                          {{"n", std::to_string(page + 1)}, {"total", std::to_string(count)}}),
           w.fonts().bold, w.colors().muted);
    const ImVec2 a = ImGui::GetCursorScreenPos();
    const float bar_h = w.px(12);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, ImVec2(a.x + c.width, a.y + bar_h), w.colors().border, bar_h / 2);
    dl->AddRectFilled(
        a,
        ImVec2(a.x + c.width * static_cast<float>(page + 1) / static_cast<float>(count),
               a.y + bar_h),
        w.colors().primary, bar_h / 2);
    ImGui::Dummy(ImVec2(c.width, bar_h));
    w.spacing(8);
    w.heading(c.t(fp.title));
    if (fp.group == "applicant" && page == 0) {
        w.text(c.tr("ui.form.scan_hint"), w.fonts().body, w.colors().muted);
    }
    w.spacing(8);
    // Wide (landscape without a keyboard): two fields a row, so a page shows whole.
    const float full = c.width, gap = w.px(theme::margin);
    if (full > w.px(1400)) {
        c.width = (full - gap) / 2;
        for (std::size_t i = 0; i < fp.fields.size(); ++i) {
            if (i % 2 == 1) ImGui::SameLine(0, gap);
            ImGui::BeginGroup();
            field_box(c, *fp.fields[i]);
            ImGui::EndGroup();
        }
        c.width = full;
    } else {
        for (const auto* f : fp.fields)
            field_box(c, *f);
    }
    if (!c.session().submit_error.empty()) error_line(c, c.session().submit_error);
}

namespace {

// One label/value pair of the review: the label small and grey right above its value,
// pairs apart from each other and divided by a thin line (issue 14: pairs must group).
void review_pair(Ctx& c, const catalog::FormField& f, float inner, bool first) {
    Widgets& w = c.w;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 p = ImGui::GetCursorScreenPos();
    if (!first) {
        p.y += w.px(12);
        dl->AddLine(p, ImVec2(p.x + inner, p.y), w.colors().border, w.px(2));
        p.y += w.px(14);
    }
    const std::string v = c.session().value(f.code);
    const std::string shown =
        v.empty() ? std::string(c.tr("ui.review.empty")) : display_value(c, f, v);
    ImFont* label = w.fonts().body;
    ImFont* value = w.fonts().bold;
    const ImVec2 top = p;
    p.y = draw_wrapped_text(dl, label, p, inner, w.colors().muted, c.t(f.label)).y +
          line_height(label) * 0.85f;
    const ImVec2 value_at = p;
    p.y = draw_wrapped_text(dl, value, p, inner, v.empty() ? w.colors().muted : w.colors().text,
                            shown)
              .y +
          line_height(value);
    w.record("review:" + f.code, shown, value_at, ImVec2(value_at.x + inner, p.y));
    if (auto e = c.session().errors.find(f.code); e != c.session().errors.end())
        p.y = draw_wrapped_text(dl, value, p, inner, w.colors().error, c.tr(e->second)).y +
              line_height(value);
    ImGui::SetCursorScreenPos(top);
    ImGui::Dummy(ImVec2(inner, p.y - top.y));
}

// "Tôi cam đoan…": a whole-width row with a large box, ticked or not.
void declaration_row(Ctx& c) {
    Widgets& w = c.w;
    const bool ticked = c.session().declared;
    const bool refused = c.session().errors.count(std::string(flow::key::declaration)) > 0;
    const float pad = w.px(theme::pad), box = w.px(56);
    const std::string_view text = c.tr("ui.review.declaration");
    ImFont* font = w.fonts().bold;
    const float text_w = c.width - 3 * pad - box;
    const float h = std::max(w.px(theme::target), w.text_height(text, font, text_w) + 2 * pad);
    const bool tapped = w.tap_area("review.declare", ImVec2(c.width, h), flow::ItemKind::check,
                                   text, ticked ? "1" : "0");
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, w.colors().card, w.px(theme::rounding));
    dl->AddRect(a, b, refused ? w.colors().error : w.colors().border, w.px(theme::rounding), 0,
                w.px(refused ? 4 : 2));
    const ImVec2 bx(a.x + pad, a.y + (h - box) / 2);
    dl->AddRectFilled(bx, ImVec2(bx.x + box, bx.y + box),
                      ticked ? w.colors().focus : w.colors().card, w.px(8));
    dl->AddRect(bx, ImVec2(bx.x + box, bx.y + box), w.colors().focus, w.px(8), 0, w.px(4));
    if (ticked) {
        const ImVec2 tick[] = {ImVec2(bx.x + box * 0.22f, bx.y + box * 0.52f),
                               ImVec2(bx.x + box * 0.42f, bx.y + box * 0.72f),
                               ImVec2(bx.x + box * 0.78f, bx.y + box * 0.3f)};
        dl->AddPolyline(tick, 3, IM_COL32_WHITE, 0, w.px(6));
    }
    const float ty = a.y + (h - w.text_height(text, font, text_w)) / 2;
    draw_wrapped_text(dl, font, ImVec2(bx.x + box + pad, ty), text_w, w.colors().text, text);
    w.record("review.declare", ticked ? "ticked" : "not ticked", a, b);
    if (tapped) c.emit(flow::intent::Declare{!ticked});
    if (refused) error_line(c, c.session().errors.at(std::string(flow::key::declaration)));
}

}  // namespace

void draw_review(Ctx& c) {
    const auto* plan = c.k.plan();
    if (plan == nullptr) return;
    Widgets& w = c.w;
    w.text(c.tr("ui.review.step"), w.fonts().bold, w.colors().muted);
    w.text(c.tr("ui.review.intro"));
    if (!c.session().submit_error.empty()) {
        w.spacing(8);
        error_line(c, c.session().submit_error);
    }
    for (int i = 0; i < plan->page_count(); ++i) {
        const auto& fp = plan->pages()[static_cast<std::size_t>(i)];
        // A bundle: each procedure's pages under its own heading.
        if (i == 0 || fp.procedure != plan->pages()[static_cast<std::size_t>(i - 1)].procedure)
            bundle_review_heading(c, fp.procedure);
        w.spacing(16);
        // A card per page: title + Edit, then label/value pairs.
        card(c, {w.colors().card, w.colors().border}, [&](float inner) {
            const float edit_w = w.px(200);
            const ImVec2 title_at = ImGui::GetCursorScreenPos();
            w.text(c.t(fp.title), w.fonts().heading, w.colors().text,
                   inner - edit_w - w.px(theme::gap));
            const ImVec2 after_title = ImGui::GetCursorScreenPos();
            ImGui::SetCursorScreenPos(ImVec2(title_at.x + inner - edit_w, title_at.y));
            if (w.button("edit:" + std::to_string(i), c.tr("ui.review.edit"), ImVec2(edit_w, 0)))
                c.emit(flow::intent::EditPage{i});
            ImGui::SetCursorScreenPos(
                ImVec2(title_at.x, std::max(after_title.y, ImGui::GetCursorScreenPos().y)));
            bool first = true;
            for (const auto* f : fp.fields) {
                review_pair(c, *f, inner, first);
                first = false;
            }
        });
    }
    for (const auto& [code, due] : c.session().bundle_fees_due) {
        const auto* p = c.k.catalog().find(code);
        if (due <= 0 || p == nullptr) continue;
        w.spacing(24);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const std::string line = c.t(p->name) + ": " +
                                 locale::format(c.tr("fee.review.due"), {{"amount", c.money(due)}});
        w.text(line, w.fonts().heading);
        w.record("review.fee:" + code, line, at, ImGui::GetItemRectMax());
    }
    if (const auto due = c.session().fee_due; due && *due > 0) {
        w.spacing(24);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const std::string line =
            locale::format(c.tr("fee.review.due"), {{"amount", c.money(*due)}});
        w.text(line, w.fonts().heading);
        w.record("review.fee", line, at, ImGui::GetItemRectMax());
        w.text(c.tr("fee.review.how"), w.fonts().body, w.colors().muted);
    }
    w.spacing(24);
    w.bold(c.tr("ui.review.privacy_title"));
    w.text(c.tr("ui.review.privacy"), w.fonts().body, w.colors().muted);
    w.spacing(16);
    declaration_row(c);
    w.spacing(16);
}

}  // namespace quay::ui
