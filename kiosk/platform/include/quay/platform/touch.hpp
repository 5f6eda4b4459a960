#pragma once
// Finger → Dear ImGui mouse adapter, used on every video driver. SDL only turns touches
// into mouse events when the touch has a window, which KMSDRM's evdev input never has,
// and ImGui 1.86 ignores SDL_FINGER* events; so the runner sets
// SDL_HINT_TOUCH_MOUSE_EVENTS=0 and feeds fingers through this class instead.
//
// Rules (1.86 has no input queue): a press is latched so that a finger that goes down
// and up between two frames still gives one frame with the button down; the release
// frame keeps the position so the button under the finger sees its release; the frame
// after that moves the pointer away so nothing stays hovered.

#include <SDL.h>

#include <optional>

#include "quay/platform/rotation.hpp"

struct ImGuiIO;

namespace quay::platform {

class TouchAdapter {
  public:
    // Physical window size in pixels, the logical UI size and how the UI is turned.
    void set_geometry(Rotation rotation, Size physical, Size logical);

    // Returns true when the event was pointer input this adapter handles.
    bool on_event(const SDL_Event& event);

    // Call after ImGui_ImplSDL2_NewFrame() (which overwrites the mouse) and before
    // ImGui::NewFrame(). Mouse input from the backend is turned to logical coordinates.
    void apply(ImGuiIO& io);

    // True while a finger is down or a release still has to be shown to ImGui.
    bool busy() const { return down_ || pressed_ || released_ || clear_next_; }

  private:
    Point to_logical_from_normalised(float nx, float ny) const;

    Rotation rotation_;
    Size physical_;
    Size logical_;
    std::optional<SDL_FingerID> finger_;  // the one finger followed; others are ignored
    Point pos_;
    bool down_ = false;        // finger currently on the glass
    bool pressed_ = false;     // went down since the last apply()
    bool released_ = false;    // went up since the last apply()
    bool clear_next_ = false;  // pointer leaves on the next apply()
    bool touch_mode_ = false;  // last pointer input was a finger, not a mouse
};

}  // namespace quay::platform
