// A reference list for one form field (docs/pickers.md): large one-tap buttons in the
// list's order, a quick-find box above them, and "Khác — tự gõ" last.
#include <algorithm>

#include "quay/text/utf8.hpp"
#include "quay/ui/theme.hpp"
#include "screens/screen.hpp"

namespace quay::ui {

namespace {

// The item as its button says it: label (or value), and the provinces it absorbed.
std::string item_label(const Ctx& c, const catalog::ListItem& item) {
    std::string name = item.label.empty() ? item.value : c.t(item.label);
    if (item.formerly.empty()) return name;
    std::string former;
    for (const auto& f : item.formerly)
        former.append(former.empty() ? "" : ", ").append(f);
    return locale::format(c.tr("pickers.with_formerly"), {{"name", name}, {"formerly", former}});
}

// The field already holds this item (a province as the address's last part).
bool holds(const std::string& value, const catalog::ListItem& item, bool last_part) {
    if (value == item.value) return true;
    return last_part && value.ends_with(", " + item.value);
}

}  // namespace

void draw_picker(Ctx& c) {
    const auto* f = c.k.picker_field();
    const auto* list = c.k.picker_list();
    if (f == nullptr || list == nullptr) return;
    Widgets& w = c.w;
    if (!list->within.empty()) {  // after the province: its communes
        w.text(locale::format(c.tr("pickers.intro_within"), {{"province", list->within}}),
               w.fonts().bold, w.colors().text, c.width);
    } else {
        w.text(c.tr(list->last_part ? "pickers.intro_part" : "pickers.intro"), w.fonts().body,
               w.colors().muted, c.width);
    }
    w.spacing(8);
    plain_field_box(c, flow::key::picker_filter, c.tr("pickers.filter_label"));
    w.spacing(8);
    const auto items = c.k.picker_items();
    const std::string value = c.session().value(f->code);
    const float gap = w.px(theme::gap);
    const std::size_t cols = c.width > w.px(1400) ? 3 : 2;
    const float bw = (c.width - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    // Each row as tall as its longest label (a province and what it absorbed wraps).
    ImFont* font = w.fonts().bold;
    std::vector<std::string> labels;
    for (const auto* item : items)
        labels.push_back(item_label(c, *item));
    float row_h = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i % cols == 0) {
            row_h = w.px(theme::target);
            for (std::size_t j = i; j < std::min(items.size(), i + cols); ++j)
                row_h = std::max(row_h,
                                 w.text_height(labels[j], font, bw - 2 * w.px(12)) + 2 * w.px(16));
        } else {
            ImGui::SameLine(0, gap);
        }
        const auto& item = *items[i];
        const auto kind =
            holds(value, item, list->last_part) ? ButtonKind::selected : ButtonKind::secondary;
        // Its place in the whole list: a stable id for scripts, unique even when two
        // values differ only in tone placement.
        const auto index = static_cast<std::size_t>(items[i] - list->items.data());
        if (w.button("pick:" + std::to_string(index), labels[i], ImVec2(bw, row_h), kind, font))
            c.emit(flow::intent::Pick{item.value});
    }
    if (items.empty()) w.text(c.tr("pickers.none"), w.fonts().bold, w.colors().text, c.width);
    w.spacing(16);
    if (w.button("pick.other", c.tr("pickers.other"), ImVec2(c.width, 0)))
        c.emit(flow::intent::TypeInstead{});
    w.spacing(16);
}

// Under a field with a list it is not opened by: the address's province, or a field the
// person chose to type.
void picker_button(Ctx& c, const catalog::FormField& f) {
    const auto* list = c.k.list_of(f.code);
    if (list == nullptr) return;
    Widgets& w = c.w;
    std::string label(c.tr("pickers.from_list"));
    if (list->last_part) {
        w.text(c.tr("pickers.address_hint"), w.fonts().body, w.colors().muted, c.width);
        label = locale::format(c.tr("pickers.choose_part"),
                               {{"list", text::to_lower(c.t(list->name))}});
    } else if (!c.session().typed.contains(f.code)) {
        return;  // the box itself opens the picker
    }
    w.spacing(4);
    if (w.button("picker:" + f.code, label, ImVec2(c.width, 0)))
        c.emit(flow::intent::OpenPicker{f.code});
}

}  // namespace quay::ui
