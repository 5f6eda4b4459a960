#pragma once
// The one SDL2 runner: a full-screen window (or a window of a given size), an
// SDL_Renderer, Dear ImGui with the SDL backends, the touch adapter, rotation through a
// render target, idle sleep in SDL_WaitEventTimeout and wake-ups from worker threads.
//
// It refuses SDL's offscreen and dummy video drivers unless told it is running a test or a
// screenshot: in production a missing display must be an error, not a silent blank kiosk.

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "quay/clock.hpp"
#include "quay/platform/application.hpp"
#include "quay/platform/fonts.hpp"
#include "quay/platform/rotation.hpp"
#include "quay/platform/touch.hpp"

namespace quay::platform {

struct RunnerOptions {
    std::optional<Size> size;  // logical UI size; nullopt: the whole display
    Rotation rotation;
    bool headless = false;               // offscreen driver + software renderer
    bool allow_virtual_display = false;  // scripts and screenshots may use offscreen/dummy
    // Tests and screenshots: every frame advances this clock by kFixedStep and ImGui's
    // DeltaTime matches, so timings and animations are the same on every run.
    ManualClock* test_clock = nullptr;
    std::string title = "Quầy";
};

inline constexpr std::chrono::milliseconds kFixedStep{16};

// Finger phases for injected input (scripts): they go through SDL's event queue and the
// production TouchAdapter exactly as a panel's touches do.
enum class FingerPhase { down, motion, up };

class Runner {
  public:
    Runner(const RunnerOptions& options, const FontSpec& fonts);  // throws quay::Error
    ~Runner();
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;

    const FontSet& fonts() const;
    Size logical_size() const { return logical_; }
    std::string video_driver() const;
    std::string renderer_name() const;

    // Thread-safe: wakes the loop (one SDL user event at most in flight).
    std::function<void()> waker() const;

    // The interactive loop: sleeps when nothing moves. Returns when the window closes or
    // the app asks to quit.
    void run(Application& app);
    // The loop ended because the window closed (SDL_QUIT: SIGTERM, SIGINT), not because the
    // app asked.
    bool closed() const { return quit_; }

    // One frame: handle queued events, draw, present. If capture is given, the frame's
    // pixels (logical orientation, RGBA) are kept for write_capture().
    void frame(Application& app, bool capture = false);
    // Frames until nothing animates and two more frames have shown the result.
    void settle(Application& app, int max_frames = 600);
    // Waits (up to timeout) for any event, e.g. a worker's wake-up. True if one came.
    bool wait_for_event(std::chrono::milliseconds timeout);
    // Writes the last captured frame as PNG. Throws quay::Error.
    void write_capture(const std::filesystem::path& png) const;

    void push_finger(FingerPhase phase, Point logical);
    void push_text(std::string_view utf8);
    void push_key(Key key);

    std::uint64_t frames_drawn() const { return frames_; }

  private:
    struct Sdl;  // SDL objects and the ImGui context, released in reverse order
    bool handle_event(Application& app, const void* sdl_event);
    void draw(Application& app, bool capture);

    std::unique_ptr<Sdl> sdl_;
    std::unique_ptr<Fonts> fonts_;
    RunnerOptions options_;
    Size logical_, physical_;
    TouchAdapter touch_;
    std::uint32_t wake_event_ = 0;
    std::vector<unsigned char> capture_;  // RGBA, logical_ size
    std::uint64_t frames_ = 0;
    int extra_frames_ = 0;  // frames still to draw after the last event
    bool quit_ = false;
    bool font_data_released_ = false;
};

}  // namespace quay::platform
