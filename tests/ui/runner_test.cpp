// The SDL runner under the offscreen driver: refusal without test mode, scripted taps
// through the touch adapter (rotated too), drag-to-scroll that taps nothing, wake-ups
// from other threads, screenshots.
#include <doctest/doctest.h>
#include <imgui.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include <SDL.h>

#include "quay/platform/renderer_choice.hpp"
#include "quay/platform/runner.hpp"
#include "quay/platform/screenshot.hpp"
#include "quay/platform/script.hpp"
#include "quay/ui/scroll.hpp"
#include "quay/ui/widgets.hpp"

using namespace quay;
using namespace quay::platform;

namespace {

// A list of 30 buttons in a scrolling child, drawn with the production widgets and
// drag-to-scroll.
class ListApp final : public Application {
  public:
    explicit ListApp(const FontSet& fonts) : widgets_(fonts, locale_, 1.0f) {}
    void frame() override {
        widgets_.begin_frame(Language::vi, false);
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("main", nullptr, ImGuiWindowFlags_NoDecoration);
        ImGui::BeginChild("list", ImVec2(0, 0));
        for (int i = 0; i < 30; ++i) {
            if (widgets_.button("row" + std::to_string(i), "Hàng " + std::to_string(i),
                                ImVec2(600, 100)))
                ++taps[i];
        }
        scroll_.update(18);
        scroll_y = ImGui::GetScrollY();
        ImGui::EndChild();
        ImGui::End();
        widgets_.end_frame();
    }
    void on_text(std::string_view t) override { text += t; }
    void on_key(Key) override { ++keys; }
    bool animating() const override { return scroll_.moving(); }
    std::optional<std::chrono::milliseconds> sleep_budget() const override { return std::nullopt; }
    std::string screen_name() const override { return "list"; }
    std::optional<Rect> find_item(std::string_view s) const override { return widgets_.find(s); }

    int taps[30] = {};
    float scroll_y = 0;
    std::string text;
    int keys = 0;

  private:
    locale::Locale locale_ = locale::Locale::embedded();
    ui::Widgets widgets_;
    ui::DragScroll scroll_;
};

RunnerOptions headless(int rotation = 0) {
    RunnerOptions o;
    o.headless = true;
    o.allow_virtual_display = true;
    o.size = Size{1080, 1920};
    o.rotation = *Rotation::from_degrees(rotation);
    return o;
}

int total(const ListApp& a) {
    int n = 0;
    for (int t : a.taps)
        n += t;
    return n;
}

}  // namespace

TEST_CASE("the runner refuses the offscreen driver outside test mode") {
    RunnerOptions o = headless();
    o.allow_virtual_display = false;
    CHECK_THROWS_WITH_AS(Runner(o, FontSpec{}), doctest::Contains("no display"), Error);
}

TEST_CASE("scripted taps, a drag that scrolls and taps nothing, typed text") {
    for (int rotation : {0, 90}) {
        CAPTURE(rotation);
        Runner runner(headless(rotation), FontSpec{});
        ListApp app(runner.fonts());
        CHECK(runner.video_driver() == "offscreen");
        play_script(runner, app,
                    parse_script("tap \"Hàng 2\"\n"
                                 "fast-tap #row3\n"
                                 "drag #row12 0 -700 10\n"
                                 "text \"Việt\"\n"
                                 "key backspace\n"),
                    ScriptHooks{});
        CHECK(app.taps[2] == 1);
        CHECK(app.taps[3] == 1);
        CHECK(total(app) == 2);     // the drag started on row 12 and did not tap it
        CHECK(app.scroll_y > 700);  // the finger's 700 px plus inertia
        CHECK(app.text == "Việt");
        CHECK(app.keys == 1);
        // An item scrolled out of view cannot be tapped.
        CHECK_THROWS_AS(play_script(runner, app, parse_script("tap #row0\n"), ScriptHooks{}),
                        ScriptError);
    }
}

TEST_CASE("a worker's wake-up ends the idle wait at once") {
    Runner runner(headless(), FontSpec{});
    ListApp app(runner.fonts());
    runner.settle(app);
    CHECK_FALSE(runner.wait_for_event(std::chrono::milliseconds(20)));
    auto wake = runner.waker();
    std::thread t([wake] { wake(); });
    const auto start = std::chrono::steady_clock::now();
    CHECK(runner.wait_for_event(std::chrono::seconds(10)));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
    t.join();
}

TEST_CASE("screenshots are PNGs of the logical screen, the same twice") {
    const auto dir = std::filesystem::path(QUAY_BINARY_DIR) / "tests/ui/out/runner";
    std::filesystem::create_directories(dir);
    for (int i = 0; i < 2; ++i) {
        Runner runner(headless(i == 0 ? 0 : 180), FontSpec{});
        ListApp app(runner.fonts());
        runner.settle(app);
        runner.frame(app, true);
        runner.write_capture(dir / ("shot" + std::to_string(i) + ".png"));
    }
    const Image a = read_png(dir / "shot0.png"), b = read_png(dir / "shot1.png");
    CHECK(a.size.w == 1080);
    CHECK(a.size.h == 1920);
    const ImageDiff d = compare(a, b, 0);
    CHECK(d.same_size);
    CHECK(d.differing_pixels == 0);  // rotation does not change what the UI draws
}

TEST_CASE("the renderer check passes a renderer that draws and refuses one that cannot") {
    // The kiosk's renderer must prove it draws before the first frame: SDL's desktop-GL
    // renderer on a GLES-only KMSDRM context clears the screen and draws nothing else.
    const auto check_on_surface = [](int side) {
        SDL_Surface* surface =
            SDL_CreateRGBSurfaceWithFormat(0, side, side, 32, SDL_PIXELFORMAT_ABGR8888);
        REQUIRE(surface != nullptr);
        SDL_Renderer* renderer = SDL_CreateSoftwareRenderer(surface);
        REQUIRE(renderer != nullptr);
        const bool draws = quay::platform::renderer_draws(renderer);
        SDL_DestroyRenderer(renderer);
        SDL_FreeSurface(surface);
        return draws;
    };
    CHECK(check_on_surface(32));
    // Too small to hold the test triangle's pixel: the read-back fails, so the check does.
    CHECK_FALSE(check_on_surface(1));
}
