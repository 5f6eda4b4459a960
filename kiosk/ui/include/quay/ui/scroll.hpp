#pragma once
// Drag-to-scroll with inertia for touch. Lists are made of buttons, so a drag may start
// on a button: once the finger has moved past the threshold, the pressed button is
// released without firing (ImGui buttons fire on release) and the finger scrolls.

#include <imgui.h>

#include <unordered_map>

namespace quay::ui {

class DragScroll {
  public:
    // Call inside a scrolling child window, after its content, before EndChild().
    void update(float threshold_px);
    // Forget the motion of the current window (e.g. a new screen).
    void stop();
    bool moving() const;

  private:
    struct State {
        bool dragging = false;
        float velocity = 0;  // px/s, positive scrolls down
    };
    std::unordered_map<ImGuiID, State> states_;
};

}  // namespace quay::ui
