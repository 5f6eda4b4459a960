// A padded panel drawn behind content of unknown height (the review's page cards, the
// receipt's "what to do now").
#include "quay/ui/theme.hpp"
#include "screens/screen.hpp"

namespace quay::ui {

ImVec2 card(Ctx& c, const CardLook& look, const std::function<void(float inner)>& body) {
    Widgets& w = c.w;
    const float pad = w.px(theme::pad);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSplit(2);  // the content first, its background under it once its height is known
    dl->ChannelsSetCurrent(1);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(top.x + pad, top.y + pad));
    ImGui::BeginGroup();
    body(c.width - 2 * pad);
    ImGui::EndGroup();
    const ImVec2 bottom(top.x + c.width, ImGui::GetItemRectMax().y + pad);
    dl->ChannelsSetCurrent(0);
    dl->AddRectFilled(top, bottom, look.fill, w.px(theme::rounding));
    if (look.accent != 0)  // a bar down the left edge
        dl->AddRectFilled(top, ImVec2(top.x + w.px(10), bottom.y), look.accent,
                          w.px(theme::rounding), ImDrawFlags_RoundCornersLeft);
    if (look.border != 0) dl->AddRect(top, bottom, look.border, w.px(theme::rounding), 0, w.px(2));
    dl->ChannelsMerge();
    ImGui::SetCursorScreenPos(ImVec2(top.x, bottom.y));
    ImGui::Dummy(ImVec2(c.width, 0));
    return top;
}

}  // namespace quay::ui
