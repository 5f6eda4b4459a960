// The touch adapter, rotation and the script parser, without a window.
#include <doctest/doctest.h>
#include <imgui.h>

#include <unistd.h>
#include <cfloat>
#include <filesystem>

#include "quay/error.hpp"
#include "quay/platform/item_golden.hpp"
#include "quay/platform/item_layout.hpp"
#include "quay/platform/rotation.hpp"
#include "quay/platform/screenshot.hpp"
#include "quay/platform/script.hpp"
#include "quay/platform/touch.hpp"

using namespace quay::platform;

TEST_CASE("rotation maps logical to physical and back") {
    const Size logical{1080, 1920};
    CHECK_FALSE(Rotation::from_degrees(45));
    for (long d : {0L, 90L, 180L, 270L}) {
        const Rotation r = *Rotation::from_degrees(d);
        const Size phys = r.physical_size(logical);
        CHECK(r.logical_size(phys).w == logical.w);
        for (Point p : {Point{0, 0}, Point{100, 1800}, Point{1080, 1920}, Point{540, 960}}) {
            const Point q = r.to_physical(p, logical);
            CHECK(q.x >= 0);
            CHECK(q.x <= static_cast<float>(phys.w));
            CHECK(q.y <= static_cast<float>(phys.h));
            const Point back = r.to_logical(q, logical);
            CHECK(back.x == doctest::Approx(p.x));
            CHECK(back.y == doctest::Approx(p.y));
        }
    }
    // Clockwise by 90: the UI's top-left corner is at the panel's top-right.
    const Rotation r90 = *Rotation::from_degrees(90);
    const Point tl = r90.to_physical({0, 0}, logical);
    CHECK(tl.x == 1920);
    CHECK(tl.y == 0);
}

namespace {

// A headless ImGui context with one button at (100,100)-(300,200).
struct Gui {
    ImGuiContext* ctx = ImGui::CreateContext();
    TouchAdapter touch;
    int clicks = 0;
    bool hovered = false;

    Gui() {
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(1080, 1920);
        io.IniFilename = nullptr;
        unsigned char* px = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsAlpha8(&px, &w, &h);
        touch.set_geometry(Rotation{}, {1080, 1920}, {1080, 1920});
    }
    ~Gui() { ImGui::DestroyContext(ctx); }

    void frame() {
        ImGuiIO& io = ImGui::GetIO();
        io.DeltaTime = 1.0f / 60;
        // What the SDL backend does before the adapter: the (absent) mouse.
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        for (bool& b : io.MouseDown)
            b = false;
        touch.apply(io);
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(io.DisplaySize);
        ImGui::Begin("w", nullptr, ImGuiWindowFlags_NoDecoration);
        ImGui::SetCursorScreenPos(ImVec2(100, 100));
        if (ImGui::Button("b", ImVec2(200, 100))) ++clicks;
        hovered = ImGui::IsItemHovered();
        ImGui::End();
        ImGui::Render();
    }
    void finger(Uint32 type, float x, float y) {
        SDL_Event e{};
        e.type = type;
        e.tfinger.fingerId = 7;
        e.tfinger.x = x / 1080;
        e.tfinger.y = y / 1920;
        CHECK(touch.on_event(e));
    }
};

}  // namespace

TEST_CASE("a tap shorter than a frame still clicks once, and nothing stays hovered") {
    Gui g;
    g.frame();
    g.finger(SDL_FINGERDOWN, 150, 150);
    g.finger(SDL_FINGERUP, 150, 150);  // both before the next frame
    for (int i = 0; i < 4; ++i)
        g.frame();
    CHECK(g.clicks == 1);
    CHECK_FALSE(g.hovered);
    CHECK_FALSE(g.touch.busy());
}

TEST_CASE("a slow tap clicks once; a release elsewhere does not click") {
    Gui g;
    g.frame();
    g.finger(SDL_FINGERDOWN, 150, 150);
    g.frame();
    g.frame();
    CHECK(g.touch.busy());
    g.finger(SDL_FINGERUP, 150, 150);
    g.frame();
    g.frame();
    CHECK(g.clicks == 1);

    g.finger(SDL_FINGERDOWN, 150, 150);
    g.frame();
    g.finger(SDL_FINGERMOTION, 600, 900);
    g.frame();
    g.finger(SDL_FINGERUP, 600, 900);
    g.frame();
    g.frame();
    CHECK(g.clicks == 1);
}

TEST_CASE("a second finger is ignored until the first lifts") {
    Gui g;
    g.frame();
    g.finger(SDL_FINGERDOWN, 600, 900);
    g.frame();
    SDL_Event e{};
    e.type = SDL_FINGERDOWN;
    e.tfinger.fingerId = 8;
    e.tfinger.x = 150.0f / 1080;
    e.tfinger.y = 150.0f / 1920;
    g.touch.on_event(e);
    e.type = SDL_FINGERUP;
    g.touch.on_event(e);
    g.frame();
    g.frame();
    CHECK(g.clicks == 0);
}

TEST_CASE("rotated touch lands on the logical button") {
    Gui g;
    const Rotation r = *Rotation::from_degrees(270);
    g.touch.set_geometry(r, {1920, 1080}, {1080, 1920});
    g.frame();
    const Point p = r.to_physical({150, 150}, {1080, 1920});
    SDL_Event e{};
    e.type = SDL_FINGERDOWN;
    e.tfinger.fingerId = 1;
    e.tfinger.x = p.x / 1920;
    e.tfinger.y = p.y / 1080;
    g.touch.on_event(e);
    e.type = SDL_FINGERUP;
    g.touch.on_event(e);
    for (int i = 0; i < 3; ++i)
        g.frame();
    CHECK(g.clicks == 1);
}

TEST_CASE("scripts parse, and bad lines name their line") {
    const auto steps = parse_script(
        "# a comment\n"
        "tap 10 20\n"
        "tap #home.search   # trailing comment\n"
        "tap \"Đăng ký khai sinh\"\n"
        "drag #list 0 -600 20\n"
        "osk \"khai sinh\"\n"
        "key backspace\n"
        "wait-for screen procedure 5\n"
        "expect no-item \"x\"\n"
        "scan \"001|\\\"q\\\"\\r\"\n"
        "screenshot home_vi\n"
        "advance 61\n");
    REQUIRE(steps.size() == 11);
    CHECK(steps[0].target.kind == Target::Kind::point);
    CHECK(steps[0].target.point.y == 20);
    CHECK(steps[1].target.kind == Target::Kind::id);
    CHECK(steps[1].target.text == "home.search");
    CHECK(steps[2].target.text == "Đăng ký khai sinh");
    CHECK(steps[3].dy == -600);
    CHECK(steps[3].count == 20);
    CHECK(steps[6].duration == std::chrono::milliseconds(5000));
    CHECK(steps[8].text == "001|\"q\"\r");
    CHECK(steps[10].duration == std::chrono::milliseconds(61000));
    CHECK(steps[3].line == 5);

    auto line_of = [](const char* text) {
        try {
            parse_script(text);
        } catch (const ScriptError& e) {
            return e.line();
        }
        return 0;
    };
    CHECK(line_of("tap 1 2\nfly 3\n") == 2);
    CHECK(line_of("tap \"open\n") == 1);
    CHECK(line_of("key f13\n") == 1);
    CHECK(line_of("tap 1\n") == 1);
    CHECK(line_of("screenshot ../x\n") == 1);
    CHECK(line_of("wait-for nothing\n") == 1);
}

TEST_CASE("the golden comparison catches one changed digit but not scattered anti-aliasing") {
    const Size screen{1080, 1920};
    const Image golden{screen, std::vector<unsigned char>(1080u * 1920u * 4u, 255)};
    auto pixel = [&](Image& img, int x, int y) {
        return img.rgba.data() + (static_cast<std::size_t>(y) * 1080 + x) * 4;
    };
    // "1" becoming "4" in a 28 px body font: the new glyph's cross stroke and left arm,
    // a few dozen dark pixels in one spot.
    Image digit = golden;
    for (int y = 900; y < 916; ++y)
        for (int x = 500; x < 503; ++x)
            std::fill(pixel(digit, x, y), pixel(digit, x, y) + 3, 20);
    for (int x = 500; x < 512; ++x)
        for (int y = 914; y < 917; ++y)
            std::fill(pixel(digit, x, y), pixel(digit, x, y) + 3, 20);
    const auto d = compare(golden, digit, GoldenTolerance{}.channel_threshold);
    CHECK(d.differing_pixels < 100);  // far below the old 0.5 % (10,368 pixels) tolerance
    CHECK(d.densest_tile > GoldenTolerance{}.max_per_tile);
    CHECK_FALSE(matches_golden(d));

    // Edges drawn a shade differently all over the screen: one pixel here and there.
    Image noise = golden;
    for (int y = 5; y < 1920; y += 97)
        for (int x = 7; x < 1080; x += 89)
            std::fill(pixel(noise, x, y), pixel(noise, x, y) + 3, 120);
    const auto n = compare(golden, noise, GoldenTolerance{}.channel_threshold);
    CHECK(n.differing_pixels > 100);
    CHECK(matches_golden(n));
}

// The one difference compare_items reports (the test fails unless there is exactly one).
std::string one_difference(const std::vector<RecordedItem>& golden,
                           const std::vector<RecordedItem>& actual) {
    const auto d = compare_items(golden, actual);
    REQUIRE(d.size() == 1);
    return d[0];
}

TEST_CASE("the item golden fails a widget moved 3 px, a changed label, a missing button") {
    const std::vector<RecordedItem> golden = {
        {"home.search", "Tìm thủ tục", {40, 200, 1000, 120}, {}},
        {"", "Chọn việc bạn cần làm", {40, 340, 1000, 48}, {}},
        {"event:birth", "Khai sinh", {40, 400, 480, 160}, {}},
        {"event:moving_house", "Chuyển nơi ở", {560, 400, 480, 160}, {}},
    };
    CHECK(compare_items(golden, golden).empty());

    auto nudged = golden;
    nudged[2].rect.x += 1;  // anti-aliasing and rounding: one pixel either way passes
    nudged[3].rect.h -= 1;
    CHECK(compare_items(golden, nudged).empty());

    auto moved = golden;
    moved[2].rect.x += 3;
    CHECK(one_difference(golden, moved) ==
          "#event:birth \"Khai sinh\" moved: golden 40,400 480x160, now 43,400 480x160 "
          "(left +3 px, right +3 px)");

    auto relabelled = golden;
    relabelled[3].label = "Chuyển nơi ở mới";
    CHECK(one_difference(golden, relabelled) ==
          "#event:moving_house: label \"Chuyển nơi ở\" in the golden, "
          "\"Chuyển nơi ở mới\" now");

    auto missing = golden;
    missing.erase(missing.begin());
    CHECK(one_difference(golden, missing) ==
          "missing #home.search \"Tìm thủ tục\" (golden 40,200 1000x120)");
    CHECK(one_difference(missing, golden) == "new #home.search \"Tìm thủ tục\" at 40,200 1000x120");

    auto swapped = golden;  // the same items in another order fail too
    std::swap(swapped[2], swapped[3]);
    CHECK_FALSE(compare_items(golden, swapped).empty());
}

TEST_CASE("the item list survives its file: what is written is read back") {
    const std::vector<RecordedItem> items = {
        {"a", "x \"quoted\"\nline", {0.4f, 9.6f, 10, 20}, Rect{2, 12, 6, 16}},
        {"", "", {1, 2, 3, 4}, {}}};
    const auto path = std::filesystem::temp_directory_path() /
                      ("quay-items-" + std::to_string(::getpid()) + ".json");
    write_items(path, items);
    const auto back = read_items(path);
    std::filesystem::remove(path);
    REQUIRE(back.size() == 2);
    CHECK(back[0].label == items[0].label);
    CHECK(back[0].rect.x == 0);  // edges rounded to whole pixels
    CHECK(back[0].rect.y == 10);
    CHECK(compare_items(items, back, 0.5f).empty());
    CHECK_THROWS_AS(read_items(path), quay::Error);
}

TEST_CASE("layout faults: a label outside its widget, two widgets on top of each other") {
    const std::vector<RecordedItem> clean = {
        {"home.search", "Tìm thủ tục", {40, 200, 1000, 120}, Rect{400, 230, 200, 50}},
        {"", "Chọn việc", {40, 340, 1000, 48}, Rect{40, 340, 300, 48}},
        {"panel", "Việc cần làm", {40, 400, 1000, 300}, {}},
        {"", "1. Mang biên nhận", {60, 420, 900, 50}, Rect{60, 420, 500, 50}},  // in the panel
        {"staff.corner", "", {0, 0, 140, 120}, {}}};  // no label: a hit area
    CHECK(layout_faults(clean).empty());

    auto cut = clean;
    cut[0].text = Rect{400, 230, 700, 50};  // runs past the button's right edge
    const auto f1 = layout_faults(cut);
    REQUIRE(f1.size() == 1);
    CHECK(f1[0].find("#home.search") != std::string::npos);

    auto stacked = clean;
    stacked.push_back({"home.status", "Tra cứu", {500, 650, 1000, 120}, {}});  // half on the panel
    const auto f2 = layout_faults(stacked);
    REQUIRE(f2.size() == 1);
    CHECK(f2[0].find("overlaps #home.status") != std::string::npos);
    CHECK(layout_faults(stacked, {"home.status"}).empty());  // a floating notice may

    // A top-bar button pushed past the left edge: its box is clipped at the screen's edge,
    // so only the screen's width shows the label leaving it ("ng Việt", large portrait).
    auto off = clean;
    off.push_back({"lang.vi", "Tiếng Việt", {0, 150, 120, 88}, Rect{-40, 170, 150, 45}});
    off[4].text = Rect{-40, 170, 150, 45};
    off[4].rect = {-60, 150, 200, 88};
    off.pop_back();
    CHECK(layout_faults(off).empty());  // the box holds its text: unseen without the width
    const auto f3 = layout_faults(off, {}, 1.0f, true, 1080);
    REQUIRE(f3.size() == 1);
    CHECK(f3[0].find("leaves the screen") != std::string::npos);
}
