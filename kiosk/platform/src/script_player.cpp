#include <chrono>

#include "quay/platform/item_golden.hpp"
#include "quay/platform/runner.hpp"
#include "quay/platform/script.hpp"
#include "quay/text/utf8.hpp"

namespace quay::platform {

namespace {

using Clock = std::chrono::steady_clock;

std::string describe(const Target& t) {
    switch (t.kind) {
        case Target::Kind::id:
            return "#" + t.text;
        case Target::Kind::label:
            return "\"" + t.text + "\"";
        case Target::Kind::point:
            return std::to_string(static_cast<int>(t.point.x)) + " " +
                   std::to_string(static_cast<int>(t.point.y));
    }
    return "";
}

class Player {
  public:
    Player(Runner& r, Application& a, const ScriptHooks& h) : runner_(r), app_(a), hooks_(h) {}

    void play(const std::vector<Step>& steps) {
        runner_.settle(app_);
        for (const Step& s : steps) {
            line_ = s.line;
            step(s);
        }
    }

  private:
    [[noreturn]] void fail(const std::string& why) const { throw ScriptError(line_, why); }

    std::optional<Point> locate(const Target& t) const {
        if (t.kind == Target::Kind::point) return t.point;
        const std::string selector = t.kind == Target::Kind::id ? "#" + t.text : t.text;
        auto r = app_.find_item(selector);
        if (!r) return std::nullopt;
        return Point{r->x + r->w / 2, r->y + r->h / 2};
    }
    Point must_locate(const Target& t) const {
        auto p = locate(t);
        if (!p) fail("no visible item " + describe(t) + " on screen '" + app_.screen_name() + "'");
        return *p;
    }

    void tap(const Target& t, bool fast) {
        const Point p = must_locate(t);
        runner_.push_finger(FingerPhase::down, p);
        if (!fast) {
            runner_.frame(app_);
            runner_.frame(app_);
        }
        runner_.push_finger(FingerPhase::up, p);
        runner_.settle(app_);
    }

    void drag(const Step& s) {
        const Point start = must_locate(s.target);
        runner_.push_finger(FingerPhase::down, start);
        runner_.frame(app_);
        for (int i = 1; i <= s.count; ++i) {
            const float f = static_cast<float>(i) / static_cast<float>(s.count);
            runner_.push_finger(FingerPhase::motion, {start.x + s.dx * f, start.y + s.dy * f});
            runner_.frame(app_);
        }
        runner_.push_finger(FingerPhase::up, {start.x + s.dx, start.y + s.dy});
        runner_.settle(app_);
    }

    // Frames until cond holds; sleeps on the event queue (worker wake-ups) when idle.
    template <class Cond>
    void wait(Cond cond, std::chrono::milliseconds timeout, const std::string& what) {
        if (timeout.count() == 0) timeout = hooks_.wait_timeout;
        const auto deadline = Clock::now() + timeout;
        for (;;) {
            runner_.frame(app_);
            if (cond()) {
                runner_.settle(app_);
                return;
            }
            if (Clock::now() >= deadline) fail("timed out waiting for " + what);
            if (!app_.animating()) runner_.wait_for_event(std::chrono::milliseconds(50));
        }
    }

    void osk(const std::string& text) {
        for (char32_t c : quay::text::decode(text)) {
            std::string key;
            if (c == U' ') {
                key = "space";
            } else {
                quay::text::append_utf8(key, c);
                key = quay::text::to_lower(key);
            }
            tap({Target::Kind::id, {}, "key:" + key}, false);
        }
    }

    void step(const Step& s) {
        using Op = Step::Op;
        switch (s.op) {
            case Op::tap:
                tap(s.target, false);
                break;
            case Op::fast_tap:
                tap(s.target, true);
                break;
            case Op::drag:
                drag(s);
                break;
            case Op::text:
                runner_.push_text(s.text);
                runner_.settle(app_);
                break;
            case Op::key:
                runner_.push_key(s.key);
                runner_.settle(app_);
                break;
            case Op::osk:
                osk(s.text);
                break;
            case Op::scan:
                if (!hooks_.scan) fail("no scanner source is configured for 'scan'");
                hooks_.scan(s.text);
                break;
            case Op::wait_for_screen:
                wait([&] { return app_.screen_name() == s.text; }, s.duration,
                     "screen '" + s.text + "' (now '" + app_.screen_name() + "')");
                break;
            case Op::wait_for_item:
                wait([&] { return locate(s.target).has_value(); }, s.duration,
                     "item " + describe(s.target));
                break;
            case Op::wait_gone:
                wait([&] { return !locate(s.target).has_value(); }, s.duration,
                     "item " + describe(s.target) + " to go");
                break;
            case Op::expect_screen:
                runner_.settle(app_);
                if (app_.screen_name() != s.text)
                    fail("expected screen '" + s.text + "', got '" + app_.screen_name() + "'");
                break;
            case Op::expect_item:
                runner_.settle(app_);
                must_locate(s.target);
                break;
            case Op::expect_no_item:
                runner_.settle(app_);
                if (locate(s.target)) fail("item " + describe(s.target) + " is on screen");
                break;
            case Op::screenshot:
                runner_.settle(app_);
                runner_.frame(app_, true);
                runner_.write_capture(hooks_.screenshot_dir / (s.text + ".png"));
                write_items(hooks_.screenshot_dir / (s.text + ".items.json"),
                            app_.recorded_items());
                break;
            case Op::advance:
                if (!hooks_.advance_clock) fail("'advance' needs the test clock");
                hooks_.advance_clock(s.duration);
                runner_.settle(app_);
                break;
            case Op::frames:
                for (int i = 0; i < s.count; ++i)
                    runner_.frame(app_);
                break;
        }
    }

    Runner& runner_;
    Application& app_;
    const ScriptHooks& hooks_;
    int line_ = 0;
};

}  // namespace

void play_script(Runner& runner, Application& app, const std::vector<Step>& steps,
                 const ScriptHooks& hooks) {
    Player(runner, app, hooks).play(steps);
}

}  // namespace quay::platform
