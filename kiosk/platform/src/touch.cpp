#include "quay/platform/touch.hpp"

#include <imgui.h>

#include <cfloat>

namespace quay::platform {

void TouchAdapter::set_geometry(Rotation rotation, Size physical, Size logical) {
    rotation_ = rotation;
    physical_ = physical;
    logical_ = logical;
}

Point TouchAdapter::to_logical_from_normalised(float nx, float ny) const {
    const Point p{nx * static_cast<float>(physical_.w), ny * static_cast<float>(physical_.h)};
    return rotation_.to_logical(p, logical_);
}

bool TouchAdapter::on_event(const SDL_Event& e) {
    switch (e.type) {
        case SDL_FINGERDOWN:
            if (finger_) return true;  // a second finger: ignored until the first lifts
            finger_ = e.tfinger.fingerId;
            pos_ = to_logical_from_normalised(e.tfinger.x, e.tfinger.y);
            down_ = true;
            pressed_ = true;
            touch_mode_ = true;
            return true;
        case SDL_FINGERMOTION:
            if (finger_ && *finger_ == e.tfinger.fingerId)
                pos_ = to_logical_from_normalised(e.tfinger.x, e.tfinger.y);
            return true;
        case SDL_FINGERUP:
            if (!finger_ || *finger_ != e.tfinger.fingerId) return true;
            pos_ = to_logical_from_normalised(e.tfinger.x, e.tfinger.y);
            finger_.reset();
            down_ = false;
            released_ = true;
            return true;
        case SDL_MOUSEMOTION:
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
            if (e.motion.which != SDL_TOUCH_MOUSEID) touch_mode_ = false;
            return false;  // the ImGui backend reads the mouse itself
        default:
            return false;
    }
}

void TouchAdapter::apply(ImGuiIO& io) {
    if (!touch_mode_) {
        // Mouse from the backend: physical window coordinates → logical.
        if (io.MousePos.x != -FLT_MAX) {
            const Point l = rotation_.to_logical({io.MousePos.x, io.MousePos.y}, logical_);
            io.MousePos = ImVec2(l.x, l.y);
        }
        return;
    }
    for (bool& b : io.MouseDown)
        b = false;
    if (pressed_) {
        // Shown as down for this frame even if the finger already lifted.
        pressed_ = false;
        io.MouseDown[0] = true;
        io.MousePos = ImVec2(pos_.x, pos_.y);
        return;
    }
    if (down_) {
        io.MouseDown[0] = true;
        io.MousePos = ImVec2(pos_.x, pos_.y);
        return;
    }
    if (released_) {
        released_ = false;
        clear_next_ = true;
        io.MousePos = ImVec2(pos_.x, pos_.y);
        return;
    }
    clear_next_ = false;
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
}

}  // namespace quay::platform
