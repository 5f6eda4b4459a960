#include "quay/ui/scroll.hpp"

#include <imgui_internal.h>

#include <cmath>

namespace quay::ui {

namespace {
constexpr float kStopSpeed = 30;  // px/s below which inertia ends
constexpr float kDecay = 0.05f;   // fraction of speed left after one second
}  // namespace

void DragScroll::update(float threshold) {
    ImGuiIO& io = ImGui::GetIO();
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    State& s = states_[w->ID];
    const float dt = io.DeltaTime > 0 ? io.DeltaTime : 1.0f / 60;

    if (s.dragging) {
        if (io.MouseDown[0]) {
            ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
            const float v = -io.MouseDelta.y / dt;
            s.velocity =
                s.velocity * 0.6f + v * 0.4f;  // smoothed: one jittery frame is not a fling
        } else {
            s.dragging = false;
        }
        return;
    }
    const bool started_here = w->Rect().Contains(io.MouseClickedPos[0]);
    const bool hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem |
                                                ImGuiHoveredFlags_ChildWindows);
    if (io.MouseDown[0] && started_here && hovered) {
        const ImVec2 d = ImGui::GetMouseDragDelta(0, 0);
        if (std::fabs(d.y) > threshold && std::fabs(d.y) > std::fabs(d.x)) {
            s.dragging = true;
            s.velocity = 0;
            ImGui::ClearActiveID();  // the button under the finger will not fire
            ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
        } else {
            s.velocity = 0;  // a finger resting on the list stops it
        }
        return;
    }
    if (std::fabs(s.velocity) > kStopSpeed) {
        const float before = ImGui::GetScrollY();
        ImGui::SetScrollY(before + s.velocity * dt);
        s.velocity *= std::pow(kDecay, dt);
        const float after = ImGui::GetScrollY() + s.velocity * dt;
        if (after <= 0 || after >= ImGui::GetScrollMaxY()) s.velocity = 0;
    } else {
        s.velocity = 0;
    }
}

void DragScroll::stop() {
    states_.clear();
}

bool DragScroll::moving() const {
    for (const auto& [id, s] : states_)
        if (s.dragging || s.velocity != 0) return true;
    return false;
}

}  // namespace quay::ui
