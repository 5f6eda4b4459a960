// Input panels under (portrait) or beside (landscape) the page: the Vietnamese on-screen
// keyboard with its tone bar, the digit pad and the day/month/year picker.
#include <algorithm>
#include <deque>

#include "quay/catalog/validate.hpp"
#include "quay/text/utf8.hpp"
#include "quay/ui/glyphs.hpp"
#include "quay/ui/theme.hpp"
#include "screens/screen.hpp"

namespace quay::ui {

namespace {

// The method key shows the current method; a tap moves to the next one.
std::string_view method_label(flow::InputMethod m) {
    switch (m) {
        case flow::InputMethod::telex:
            return "ui.keyboard.telex";
        case flow::InputMethod::vni:
            return "ui.keyboard.vni";
        case flow::InputMethod::plain:
            break;
    }
    return "ui.keyboard.plain";
}

flow::InputMethod next_method(flow::InputMethod m) {
    switch (m) {
        case flow::InputMethod::telex:
            return flow::InputMethod::vni;
        case flow::InputMethod::vni:
            return flow::InputMethod::plain;
        case flow::InputMethod::plain:
            break;
    }
    return flow::InputMethod::telex;
}

constexpr float kKeyH = 88;  // at least the touch target
constexpr float kPanelPad = 16;

struct KeyDef {
    std::string_view id;  // after "key:"
    std::string_view label;
    float units = 1;
};

bool vietnamese_field(const Ctx& c) {
    const auto& f = c.session().focused;
    if (!f) return false;
    if (*f == flow::key::search) return true;
    if (const auto* plan = c.k.plan())
        if (const auto* ff = plan->find(*f))
            return catalog::keyboard_for(*ff) == catalog::Keyboard::vietnamese;
    return false;
}

// A side panel that must fit the screen's height keeps the least gap ui.md allows.
float key_gap(const Ctx& c) {
    return c.panel_fit > 0 ? c.w.density() * theme::gap : c.w.px(theme::gap);
}

// Large text: the tone bar takes two rows of three (its two-line labels need the width).
bool split_tones(const Ctx& c) {
    return c.w.large_text();
}

// Rows of keys a panel has (the date picker: its four rows below the labels).
float key_rows(const Ctx& c, Panel p) {
    switch (p) {
        case Panel::keyboard:
            return vietnamese_field(c) ? (split_tones(c) ? 8.0f : 7.0f) : 5.0f;
        case Panel::digits:
            return 5;  // three rows of digits, backspace and 0, hide and next box
        case Panel::date:
            return 4;
        case Panel::none:
            break;
    }
    return 0;
}

// Key height: the usual one, or less in a side panel that must fit the screen's height
// (large text in landscape), never under the 80 px touch target.
float key_height(const Ctx& c, Panel p) {
    const float usual = c.w.px(kKeyH);
    if (c.panel_fit <= 0) return usual;
    const float rows = key_rows(c, p);
    float fixed = 2 * c.w.px(kPanelPad) + key_gap(c) * (rows - 1);
    if (p == Panel::date) fixed += line_height(c.w.fonts().bold) + key_gap(c);
    const float fit = (c.panel_fit - fixed) / rows;
    return std::clamp(fit, 80 * c.w.density(), usual);
}

// One row of keys spanning width; returns the id of the key tapped, if any.
std::string key_row(Ctx& c, const std::vector<KeyDef>& keys, float width, float unit, float key_h) {
    const float gap = key_gap(c);
    auto key_w = [&](const KeyDef& k) { return unit * k.units + gap * (k.units - 1); };
    float row_w = gap * static_cast<float>(keys.size() - 1);
    for (const auto& k : keys)
        row_w += key_w(k);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (width - row_w) / 2));
    std::string tapped;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (i > 0) ImGui::SameLine(0, gap);
        const auto& k = keys[i];
        const bool special = k.units != 1 || k.id.size() > 4;
        // Keys and their labels grow with large text like the rest of the screen.
        if (c.w.button("key:" + std::string(k.id), k.label, ImVec2(key_w(k), key_h),
                       special ? ButtonKind::key_special : ButtonKind::key)) {
            tapped = std::string(k.id);
        }
    }
    return tapped;
}

}  // namespace

Panel panel_for(const Ctx& c) {
    if (c.st.date_field) return Panel::date;
    const auto& f = c.session().focused;
    if (!f) return Panel::none;
    return c.k.box_takes_digits() ? Panel::digits : Panel::keyboard;
}

float panel_height(const Ctx& c, Panel p, float) {
    if (p == Panel::none) return 0;
    const float rows = key_rows(c, p);
    float h = 2 * c.w.px(kPanelPad) + (key_height(c, p) + key_gap(c)) * rows - key_gap(c);
    if (p == Panel::date) h += line_height(c.w.fonts().bold) + key_gap(c);
    return h;
}

void draw_keyboard(Ctx& c, float width) {
    const float gap = key_gap(c);
    const float key_h = key_height(c, Panel::keyboard);
    const float unit = std::min((width - 9 * gap) / 10, c.w.px(120));
    // Shift, or the first letter of a word in a name (the flow capitalises it): the keys
    // show what a tap will type.
    const bool upper = c.st.shift || c.k.next_letter_upper();
    // One key per letter (UTF-8: the Vietnamese row has ă â đ ê ô ơ ư).
    auto letters = [&](std::string_view row) {
        std::vector<KeyDef> keys;
        for (std::size_t i = 0; i < row.size();) {
            std::size_t n = 1;
            while (i + n < row.size() && (static_cast<unsigned char>(row[i + n]) & 0xC0) == 0x80)
                ++n;
            keys.push_back({row.substr(i, n), row.substr(i, n)});
            i += n;
        }
        return keys;
    };
    std::deque<std::string> upper_labels;  // storage for shifted labels (stable addresses)
    auto shifted = [&](std::vector<KeyDef> keys) {
        if (!upper) return keys;
        for (auto& k : keys) {
            upper_labels.push_back(text::to_upper(k.label));
            k.label = upper_labels.back();
        }
        return keys;
    };

    std::string tapped;
    auto take = [&](std::string t) {
        if (!t.empty()) tapped = std::move(t);
    };

    if (vietnamese_field(c)) {
        // The tone bar: for people who do not know Telex or VNI.
        struct ToneDef {
            std::string_view id, label;
            flow::Tone tone;
        };
        const ToneDef tones[] = {
            {"tone:level", c.tr("ui.keyboard.tone.level"), flow::Tone::level},
            {"tone:acute", c.tr("ui.keyboard.tone.acute"), flow::Tone::acute},
            {"tone:grave", c.tr("ui.keyboard.tone.grave"), flow::Tone::grave},
            {"tone:hook", c.tr("ui.keyboard.tone.hook"), flow::Tone::hook},
            {"tone:tilde", c.tr("ui.keyboard.tone.tilde"), flow::Tone::tilde},
            {"tone:dot", c.tr("ui.keyboard.tone.dot"), flow::Tone::dot},
        };
        const std::size_t per_row = split_tones(c) ? 3 : 6;
        const float row_w = unit * 10 + gap * 9;
        const float tw =
            (row_w - gap * static_cast<float>(per_row - 1)) / static_cast<float>(per_row);
        const float x0 = ImGui::GetCursorPosX() + std::max(0.0f, (width - row_w) / 2);
        for (std::size_t i = 0; i < 6; ++i) {
            if (i % per_row == 0)
                ImGui::SetCursorPosX(x0);
            else
                ImGui::SameLine(0, gap);
            if (c.w.button(tones[i].id, tones[i].label, ImVec2(tw, key_h),
                           ButtonKind::key_special)) {
                c.emit(flow::intent::ToneKey{tones[i].tone});
            }
        }
        // The letters Telex would make, as keys of their own (docs/vietnamese-input.md).
        take(key_row(c, shifted(letters("ăâđêôơư")), width, unit, key_h));
    }
    take(key_row(c, letters("1234567890"), width, unit, key_h));
    take(key_row(c, shifted(letters("qwertyuiop")), width, unit, key_h));
    auto row2 = shifted(letters("asdfghjkl"));
    row2.push_back({"backspace", c.tr("ui.keyboard.backspace"), 1});
    take(key_row(c, row2, width, unit, key_h));
    std::vector<KeyDef> row3{{"shift", c.tr("ui.keyboard.shift"), 1.5f}};
    for (auto k : shifted(letters("zxcvbnm")))
        row3.push_back(k);
    row3.push_back({",", ",", 0.75f});
    row3.push_back({".", ".", 0.75f});
    take(key_row(c, row3, width, unit, key_h));
    const flow::InputMethod method = c.session().method;
    // "Xong" meant three things (issue 14): this key hides the keyboard and says so; the
    // next box has its own key when there is one.
    std::vector<KeyDef> row4{{"method", c.tr(method_label(method)), 1.5f},
                             {"-", "-", 0.75f},
                             {"/", "/", 0.75f},
                             {":", ":", 0.75f},  // a time: 14:30
                             {"space", c.tr("ui.keyboard.space"), 2},
                             {"@", "@", 0.75f}};
    if (c.k.next_field()) {
        row4.push_back({"done", c.tr("ui.keyboard.hide"), 1.75f});
        row4.push_back({"next", c.tr("ui.keyboard.next"), 1.75f});
    } else {
        row4.push_back({"done", c.tr("ui.keyboard.hide"), 3.5f});
    }
    take(key_row(c, row4, width, unit, key_h));

    if (tapped.empty()) return;
    if (tapped == "backspace") {
        c.emit(flow::intent::Backspace{});
    } else if (tapped == "space") {
        c.emit(flow::intent::Space{});
    } else if (tapped == "shift") {
        c.st.shift = !c.st.shift;
    } else if (tapped == "method") {
        c.emit(flow::intent::SetMethod{next_method(method)});
    } else if (tapped == "done") {
        c.emit(flow::intent::Blur{});
    } else if (tapped == "next") {
        c.emit(flow::intent::NextField{});
    } else {
        const char32_t ch = text::decode(upper ? text::to_upper(tapped) : tapped).front();
        c.st.shift = false;
        c.emit(flow::intent::Key{ch});
    }
}

void draw_digit_pad(Ctx& c, float width) {
    const float gap = key_gap(c);
    const float key_h = key_height(c, Panel::digits);
    const float pad_w = std::min(width, c.w.px(760));
    const float unit = (pad_w - 2 * gap) / 3;
    std::string tapped;
    auto take = [&](std::string t) {
        if (!t.empty()) tapped = std::move(t);
    };
    take(key_row(c, {{"1", "1"}, {"2", "2"}, {"3", "3"}}, width, unit, key_h));
    take(key_row(c, {{"4", "4"}, {"5", "5"}, {"6", "6"}}, width, unit, key_h));
    take(key_row(c, {{"7", "7"}, {"8", "8"}, {"9", "9"}}, width, unit, key_h));
    take(
        key_row(c, {{"backspace", c.tr("ui.keyboard.backspace")}, {"0", "0"}}, width, unit, key_h));
    if (c.k.next_field()) {
        take(key_row(
            c, {{"done", c.tr("ui.keyboard.hide"), 1.5f}, {"next", c.tr("ui.keyboard.next"), 1.5f}},
            width, unit, key_h));
    } else {
        take(key_row(c, {{"done", c.tr("ui.keyboard.hide"), 3}}, width, unit, key_h));
    }
    if (tapped.empty()) return;
    if (tapped == "backspace")
        c.emit(flow::intent::Backspace{});
    else if (tapped == "done")
        c.emit(flow::intent::Blur{});
    else if (tapped == "next")
        c.emit(flow::intent::NextField{});
    else
        c.emit(flow::intent::Key{static_cast<char32_t>(tapped[0])});
}

namespace {

int days_in(int year, int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[std::clamp(month, 1, 12) - 1];
}

}  // namespace

void draw_date_picker(Ctx& c, float width) {
    Widgets& w = c.w;
    UiState& st = c.st;
    const float gap = key_gap(c);
    const float col = std::min((width - 2 * gap) / 3, w.px(320));
    const float total = col * 3 + gap * 2;
    const float x0 = ImGui::GetCursorPosX() + std::max(0.0f, (width - total) / 2);
    const float half = (col - gap) / 2;
    const ImVec2 key(col, key_height(c, Panel::date));
    // The field's own years (a date of birth stops at this year, the end of a stay goes
    // on): the catalogue's rule, read from its one owner.
    catalog::YearSpan years;
    if (const auto* plan = c.k.plan())
        if (const auto* f = plan->find(*st.date_field))
            years = catalog::picker_years(*f, c.today_range);
    auto keep_in_range = [&] {
        st.year = std::clamp(st.year, years.first, years.last);
        st.day = std::clamp(st.day, 1, days_in(st.year, st.month));
    };

    ImGui::SetCursorPosX(x0);
    const ImVec2 labels_at = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const std::string_view names[] = {c.tr("ui.date.day"), c.tr("ui.date.month"),
                                      c.tr("ui.date.year")};
    for (int i = 0; i < 3; ++i) {
        const float x = labels_at.x + static_cast<float>(i) * (col + gap);
        draw_centered_text(dl, w.fonts().bold, ImVec2(x, labels_at.y),
                           ImVec2(x + col, labels_at.y + line_height(w.fonts().bold)),
                           w.colors().muted, names[i]);
    }
    ImGui::Dummy(ImVec2(total, line_height(w.fonts().bold)));

    // Each key carries the part it changes: voice mode says "Tăng ngày, 21".
    const std::string day = std::to_string(st.day), month = std::to_string(st.month),
                      year = std::to_string(st.year);
    ImGui::SetCursorPosX(x0);
    if (w.value_key("date:day+", "+", day, key)) st.day = st.day % days_in(st.year, st.month) + 1;
    ImGui::SameLine(0, gap);
    if (w.value_key("date:month+", "+", month, key)) st.month = st.month % 12 + 1;
    ImGui::SameLine(0, gap);
    if (w.value_key("date:year+", "+1", year, ImVec2(half, key.y))) ++st.year;
    ImGui::SameLine(0, gap);
    if (w.value_key("date:year+10", "+10", year, ImVec2(half, key.y))) st.year += 10;

    keep_in_range();
    ImGui::SetCursorPosX(x0);
    const ImVec2 v = ImGui::GetCursorScreenPos();
    const std::string values[] = {std::to_string(st.day), std::to_string(st.month),
                                  std::to_string(st.year)};
    for (int i = 0; i < 3; ++i) {
        const float x = v.x + static_cast<float>(i) * (col + gap);
        dl->AddRectFilled(ImVec2(x, v.y), ImVec2(x + col, v.y + key.y), w.colors().card, w.px(8));
        draw_centered_text(dl, w.fonts().heading, ImVec2(x, v.y), ImVec2(x + col, v.y + key.y),
                           w.colors().text, values[i]);
        w.record(i == 0   ? "date:day"
                 : i == 1 ? "date:month"
                          : "date:year",
                 values[i], ImVec2(x, v.y), ImVec2(x + col, v.y + key.y));
    }
    ImGui::Dummy(ImVec2(total, key.y));

    ImGui::SetCursorPosX(x0);
    if (w.value_key("date:day-", glyph::minus, day, key))
        st.day = st.day == 1 ? days_in(st.year, st.month) : st.day - 1;
    ImGui::SameLine(0, gap);
    if (w.value_key("date:month-", glyph::minus, month, key))
        st.month = st.month == 1 ? 12 : st.month - 1;
    ImGui::SameLine(0, gap);
    if (w.value_key("date:year-", std::string(glyph::minus) + "1", year, ImVec2(half, key.y)))
        --st.year;
    ImGui::SameLine(0, gap);
    if (w.value_key("date:year-10", std::string(glyph::minus) + "10", year, ImVec2(half, key.y)))
        st.year -= 10;
    keep_in_range();

    ImGui::SetCursorPosX(x0);
    if (w.button("date:done", c.tr("ui.date.use"), ImVec2(total, key.y), ButtonKind::primary)) {
        char iso[16];
        std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", st.year, st.month, st.day);
        c.emit(flow::intent::SetValue{*st.date_field, iso});
        st.date_field.reset();
    }
}

}  // namespace quay::ui
