#pragma once
// Scripted input for tests and demos (docs/kiosk-script.md). A script is plain text, one
// step per line; the player replays it through SDL's event queue and the production
// touch adapter, so a scripted tap is handled exactly like a finger on the panel.

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "quay/error.hpp"
#include "quay/platform/application.hpp"
#include "quay/platform/rotation.hpp"

namespace quay::platform {

class Runner;

// Where a step touches: logical pixels, an item's id ("#id") or its exact label.
struct Target {
    enum class Kind { point, id, label } kind = Kind::point;
    Point point;
    std::string text;  // id without '#', or the label
};

struct Step {
    enum class Op {
        tap,              // tap TARGET: finger down, two frames, up
        fast_tap,         // fast-tap TARGET: down and up before the next frame
        drag,             // drag TARGET DX DY [FRAMES]
        text,             // text "…": physical keyboard text
        key,              // key NAME
        osk,              // osk "…": taps the on-screen keyboard's keys, one per character
        wait_for_screen,  // wait-for screen NAME [SECONDS]
        wait_for_item,    // wait-for item TARGET [SECONDS]
        wait_gone,        // wait-gone TARGET [SECONDS]
        expect_screen,    // expect screen NAME
        expect_item,      // expect item TARGET
        expect_no_item,   // expect no-item TARGET
        screenshot,       // screenshot NAME
        advance,          // advance SECONDS: move the test clock (timeouts)
        frames,           // frames N
        scan,             // scan "…": bytes written to the configured scanner source
    };
    int line = 0;
    Op op = Op::frames;
    Target target;
    std::string text;
    float dx = 0, dy = 0;
    int count = 0;
    Key key = Key::enter;
    std::chrono::milliseconds duration{0};
};

class ScriptError : public Error {
  public:
    ScriptError(int line, const std::string& message)
        : Error("script", "line " + std::to_string(line) + ": " + message), line_(line) {}
    int line() const { return line_; }

  private:
    int line_;
};

std::vector<Step> parse_script(std::string_view text);  // throws ScriptError
std::vector<Step> load_script(const std::filesystem::path& file);

struct ScriptHooks {
    std::filesystem::path screenshot_dir = ".";
    std::function<void(std::string_view bytes)> scan;  // feeds the scanner source
    std::function<void(std::chrono::milliseconds)> advance_clock;
    std::chrono::milliseconds wait_timeout{30000};  // default for wait-for (real time)
};

// Replays steps; throws ScriptError naming the line of a step that cannot be performed
// or an expectation that does not hold.
void play_script(Runner& runner, Application& app, const std::vector<Step>& steps,
                 const ScriptHooks& hooks);

}  // namespace quay::platform
