#include "quay/ui/theme.hpp"

namespace quay::ui::theme {

void apply_style(ImGuiStyle& s, float density) {
    s = ImGuiStyle();
    s.WindowPadding = ImVec2(0, 0);
    s.WindowBorderSize = 0;
    s.ChildBorderSize = 0;
    s.WindowRounding = 0;
    s.FramePadding = ImVec2(pad, pad / 2);
    s.ItemSpacing = ImVec2(gap, gap);
    s.ItemInnerSpacing = ImVec2(gap / 2, gap / 2);
    s.ScrollbarSize = 14;
    s.ScrollbarRounding = 7;
    s.GrabMinSize = 40;
    s.AntiAliasedLinesUseTex = false;
    s.ScaleAllSizes(density);
}

void apply_colors(ImGuiStyle& s, const Palette& p) {
    auto c = [](ImU32 v) { return ImGui::ColorConvertU32ToFloat4(v); };
    s.Colors[ImGuiCol_WindowBg] = c(p.background);
    s.Colors[ImGuiCol_ChildBg] = c(rgb(0, 0, 0, 0));
    s.Colors[ImGuiCol_Text] = c(p.text);
    s.Colors[ImGuiCol_ScrollbarBg] = c(rgb(0, 0, 0, 0));
    s.Colors[ImGuiCol_ScrollbarGrab] = c(p.border);
    s.Colors[ImGuiCol_ScrollbarGrabHovered] = c(p.border);
    s.Colors[ImGuiCol_ScrollbarGrabActive] = c(p.muted);
    s.Colors[ImGuiCol_PopupBg] = c(p.card);
    s.Colors[ImGuiCol_ModalWindowDimBg] = c(p.scrim);
}

}  // namespace quay::ui::theme
