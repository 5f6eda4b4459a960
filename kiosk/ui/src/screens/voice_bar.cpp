// The "◀ ▶ Chọn" bar (issue 15, docs/keypad.md): while voice mode is on, three large
// buttons drive the same focus cursor as the keypad's 8, 2 and 5, for a touch user who
// cannot see the screen well (or at all: the bar is at a fixed place above the action
// bar). Its buttons are not items the keys move through: they are what moves.
#include "quay/ui/theme.hpp"
#include "screens/screen.hpp"

namespace quay::ui {

namespace {

enum class Arrow { none, left, right };

bool bar_button(Ctx& c, std::string_view id, std::string_view label, ImVec2 size, Arrow arrow) {
    Widgets& w = c.w;
    const Palette& p = w.colors();
    ImGui::PushID(id.data(), id.data() + id.size());
    const bool tapped = ImGui::InvisibleButton("##bar", size);
    ImGui::PopID();
    const bool held = ImGui::IsItemActive();
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const bool choose = arrow == Arrow::none;
    const ImU32 bg = choose ? p.focus : (held ? p.card_pressed : p.card);
    const ImU32 fg = choose ? p.primary_text : p.text;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, bg, w.px(theme::rounding));
    dl->AddRect(a, b, choose ? p.focus : p.border, w.px(theme::rounding), 0, w.px(2));
    // A drawn triangle (the font has no ◀ ▶) on the side it points to; the words beside it.
    const float tri = w.px(18), inset = w.px(16), cy = (a.y + b.y) / 2;
    float text_l = a.x + w.px(12), text_r = b.x - w.px(12);
    if (arrow == Arrow::left) {
        const float x = a.x + inset;
        dl->AddTriangleFilled(ImVec2(x, cy), ImVec2(x + tri, cy - tri), ImVec2(x + tri, cy + tri),
                              fg);
        text_l = x + tri + w.px(8);
    } else if (arrow == Arrow::right) {
        const float x = b.x - inset;
        dl->AddTriangleFilled(ImVec2(x, cy), ImVec2(x - tri, cy - tri), ImVec2(x - tri, cy + tri),
                              fg);
        text_r = x - tri - w.px(8);
    }
    TextBox box;
    draw_centered_text(dl, w.fonts().bold, ImVec2(text_l, a.y), ImVec2(text_r, b.y), fg, label,
                       &box);
    w.record(id, label, a, b, box);
    return tapped;
}

}  // namespace

float voice_bar_height(const Ctx& c) {
    if (!c.session().voice) return 0;
    return c.w.px(theme::target) + 2 * c.w.px(theme::gap);
}

void draw_voice_bar(Ctx& c, ImVec2 at, float width) {
    Widgets& w = c.w;
    const float h = voice_bar_height(c);
    if (h <= 0) return;
    const float gap = w.px(theme::gap), m = w.px(theme::margin);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, ImVec2(at.x + width, at.y + h), w.colors().keyboard_bg);
    const float each = (width - 2 * m - 2 * gap) / 3;
    const ImVec2 size(each, w.px(theme::target));
    ImGui::SetCursorScreenPos(ImVec2(at.x + m, at.y + gap));
    if (bar_button(c, "voicebar.previous", c.tr("voice2.bar.previous"), size, Arrow::left))
        c.emit(flow::intent::FocusPrevious{});
    ImGui::SameLine(0, gap);
    if (bar_button(c, "voicebar.choose", c.tr("voice2.bar.choose"), size, Arrow::none))
        c.emit(flow::intent::Activate{});
    ImGui::SameLine(0, gap);
    if (bar_button(c, "voicebar.next", c.tr("voice2.bar.next"), size, Arrow::right))
        c.emit(flow::intent::FocusNext{});
}

}  // namespace quay::ui
