#include "quay/platform/runner.hpp"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>

#include <unistd.h>
#include <algorithm>
#include <climits>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <mutex>
#include <string_view>

#include "draw_data.hpp"
#include "quay/clock.hpp"
#include "quay/error.hpp"
#include "quay/platform/renderer_choice.hpp"
#include "quay/platform/screenshot.hpp"
#include "quay/system/notify.hpp"

namespace quay::platform {

namespace {

Error sdl_error(const std::string& what) {
    return Error("display", what + ": " + SDL_GetError());
}

bool is_virtual_driver(std::string_view d) {
    return d == "offscreen" || d == "dummy";
}

// Drivers whose SDL_WaitEventTimeout really blocks; on the others (kmsdrm, offscreen)
// SDL 2.26 polls every millisecond, which alone costs a few percent of a core.
bool driver_blocks_in_wait(std::string_view d) {
    return d == "x11" || d == "wayland";
}

// Poll interval where SDL cannot block: short enough that a touch feels immediate.
constexpr int kPollMs = 10;

// Benchmarks: how long after the process started its first frame was presented
// (process start from /proc/self/stat, in clock ticks since boot).
void report_first_frame() {
    std::FILE* f = std::fopen("/proc/self/stat", "r");
    if (f == nullptr) return;
    char buf[1024] = {};
    const std::size_t n = std::fread(buf, 1, sizeof buf - 1, f);
    std::fclose(f);
    const char* p = std::strrchr(buf, ')');
    if (p == nullptr || n == 0) return;
    unsigned long long start_ticks = 0;
    // Fields after the command name: state is field 3, starttime field 22.
    int field = 2;
    for (const char* q = p + 1; *q != '\0'; ++q) {
        if (*q == ' ' && ++field == 22) {
            start_ticks = std::strtoull(q + 1, nullptr, 10);
            break;
        }
    }
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    const double since_boot =
        static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
    const double started =
        static_cast<double>(start_ticks) / static_cast<double>(sysconf(_SC_CLK_TCK));
    std::fprintf(stderr, "first_frame_s=%.3f\n", since_boot - started);
}

}  // namespace

// Wake-ups from worker threads: one pending SDL user event at most, plus a condition
// variable for drivers where the runner sleeps itself instead of inside SDL.
struct WakeState {
    std::mutex mutex;  // guards pending
    std::condition_variable cv;
    bool pending = false;
    std::uint32_t event_type = 0;

    void wake() {
        {
            std::lock_guard lock(mutex);
            if (pending) return;
            pending = true;
        }
        SDL_Event e{};
        e.type = event_type;
        SDL_PushEvent(&e);
        cv.notify_all();
    }
    void clear() {
        std::lock_guard lock(mutex);
        pending = false;
    }
};

struct Runner::Sdl {
    bool sdl_up = false;
    SDL_Window* window = nullptr;
    SDL_Renderer* renderer = nullptr;
    SDL_Texture* target = nullptr;  // logical-size render target when rotated
    ImGuiContext* imgui = nullptr;
    bool platform_backend = false, renderer_backend = false;
    std::shared_ptr<WakeState> wake = std::make_shared<WakeState>();

    ~Sdl() {
        if (renderer_backend) ImGui_ImplSDLRenderer_Shutdown();
        if (platform_backend) ImGui_ImplSDL2_Shutdown();
        if (imgui != nullptr) ImGui::DestroyContext(imgui);
        if (target != nullptr) SDL_DestroyTexture(target);
        if (renderer != nullptr) SDL_DestroyRenderer(renderer);
        if (window != nullptr) SDL_DestroyWindow(window);
        if (sdl_up) SDL_Quit();
    }
};

Runner::Runner(const RunnerOptions& options, const FontSpec& font_spec)
    : sdl_(std::make_unique<Sdl>()), options_(options) {
    if (options.headless) {
        // Overrides the environment so screenshots are the same on every machine.
        SDL_SetHintWithPriority(SDL_HINT_VIDEODRIVER, "offscreen", SDL_HINT_OVERRIDE);
        SDL_SetHintWithPriority(SDL_HINT_RENDER_DRIVER, "software", SDL_HINT_OVERRIDE);
        // The window surface stays in memory: no GL context (and no Mesa) behind it.
        SDL_SetHintWithPriority(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0", SDL_HINT_OVERRIDE);
    }
    // Fingers go through TouchAdapter on every driver; no synthetic mouse from touches
    // (which KMSDRM never produces anyway) and no synthetic touches from the mouse.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) throw sdl_error("SDL_Init failed");
    sdl_->sdl_up = true;

    const std::string driver = video_driver();
    if (is_virtual_driver(driver) && !options.allow_virtual_display) {
        throw Error("no_display",
                    "no display: SDL chose the '" + driver +
                        "' video driver. Set SDL_VIDEODRIVER (kmsdrm, wayland or x11) or run "
                        "with --headless for tests and screenshots.");
    }
    wake_event_ = SDL_RegisterEvents(1);
    if (wake_event_ == static_cast<std::uint32_t>(-1)) throw sdl_error("SDL_RegisterEvents");
    sdl_->wake->event_type = wake_event_;

    Uint32 window_flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
    Size physical{1080, 1920};
    if (options.size) {
        physical = options.rotation.physical_size(*options.size);
    } else {
        window_flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
        SDL_DisplayMode mode;
        if (SDL_GetDesktopDisplayMode(0, &mode) == 0) physical = {mode.w, mode.h};
    }
    sdl_->window = SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED,
                                    SDL_WINDOWPOS_CENTERED, physical.w, physical.h, window_flags);
    if (sdl_->window == nullptr) throw sdl_error("cannot open the window");

    Uint32 renderer_flags = options.headless ? SDL_RENDERER_SOFTWARE
                                             : SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC;
    if (options.rotation.degrees() != 0) renderer_flags |= SDL_RENDERER_TARGETTEXTURE;
    sdl_->renderer = create_drawing_renderer(
        sdl_->window, renderer_flags,
        [](const std::string& m) { std::fprintf(stderr, "quay-kiosk: %s\n", m.c_str()); });

    int ow = 0, oh = 0;
    SDL_GetRendererOutputSize(sdl_->renderer, &ow, &oh);
    physical_ = {ow, oh};
    logical_ = options.rotation.logical_size(physical_);
    if (options.rotation.degrees() != 0) {
        sdl_->target = SDL_CreateTexture(sdl_->renderer, SDL_PIXELFORMAT_ABGR8888,
                                         SDL_TEXTUREACCESS_TARGET, logical_.w, logical_.h);
        if (sdl_->target == nullptr) throw sdl_error("cannot create the rotation target");
    }
    touch_.set_geometry(options.rotation, physical_, logical_);

    if (!options.size) {
        // A kiosk's touch screen has no pointer to show.
        SDL_ShowCursor(SDL_DISABLE);
    }

    IMGUI_CHECKVERSION();
    sdl_->imgui = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // nothing written to disk
    io.LogFilename = nullptr;
    io.ConfigInputTextCursorBlink = false;  // a blinking cursor would keep the loop awake
    if (!options.size) io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    fonts_ = std::make_unique<Fonts>(*io.Fonts, font_spec);

    if (!ImGui_ImplSDL2_InitForSDLRenderer(sdl_->window)) throw sdl_error("ImGui SDL backend");
    sdl_->platform_backend = true;
    if (!ImGui_ImplSDLRenderer_Init(sdl_->renderer)) throw sdl_error("ImGui renderer backend");
    sdl_->renderer_backend = true;
}

Runner::~Runner() = default;

const FontSet& Runner::fonts() const {
    return fonts_->set();
}

std::string Runner::video_driver() const {
    const char* d = SDL_GetCurrentVideoDriver();
    return d != nullptr ? d : "";
}

std::string Runner::renderer_name() const {
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(sdl_->renderer, &info) != 0) return "";
    return info.name;
}

std::function<void()> Runner::waker() const {
    return [wake = sdl_->wake] { wake->wake(); };
}

namespace {

// Every key the kiosk reacts to: its SDL key code and its script name. The keypad's Enter
// is the keyboard's Enter.
struct KeyName {
    Key key;
    SDL_Keycode code;
    std::string_view name;
};

constexpr KeyName kKeys[] = {
    {Key::backspace, SDLK_BACKSPACE, "backspace"},
    {Key::enter, SDLK_RETURN, "enter"},
    {Key::enter, SDLK_KP_ENTER, "enter"},
    {Key::escape, SDLK_ESCAPE, "escape"},
    {Key::tab, SDLK_TAB, "tab"},
    {Key::left, SDLK_LEFT, "left"},
    {Key::right, SDLK_RIGHT, "right"},
    {Key::up, SDLK_UP, "up"},
    {Key::down, SDLK_DOWN, "down"},
    {Key::kp_0, SDLK_KP_0, "kp_0"},
    {Key::kp_1, SDLK_KP_1, "kp_1"},
    {Key::kp_2, SDLK_KP_2, "kp_2"},
    {Key::kp_3, SDLK_KP_3, "kp_3"},
    {Key::kp_4, SDLK_KP_4, "kp_4"},
    {Key::kp_5, SDLK_KP_5, "kp_5"},
    {Key::kp_6, SDLK_KP_6, "kp_6"},
    {Key::kp_7, SDLK_KP_7, "kp_7"},
    {Key::kp_8, SDLK_KP_8, "kp_8"},
    {Key::kp_9, SDLK_KP_9, "kp_9"},
    {Key::kp_period, SDLK_KP_PERIOD, "kp_period"},
    {Key::kp_plus, SDLK_KP_PLUS, "kp_plus"},
    {Key::kp_minus, SDLK_KP_MINUS, "kp_minus"},
    {Key::kp_multiply, SDLK_KP_MULTIPLY, "kp_multiply"},
    {Key::kp_divide, SDLK_KP_DIVIDE, "kp_divide"},
};

template <class Pred>
const KeyName* find_key(Pred pred) {
    const auto* it = std::find_if(std::begin(kKeys), std::end(kKeys), pred);
    return it == std::end(kKeys) ? nullptr : it;
}

std::optional<Key> key_of(SDL_Keycode k) {
    const auto* found = find_key([&](const KeyName& n) { return n.code == k; });
    return found ? std::optional<Key>(found->key) : std::nullopt;
}

SDL_Keycode keycode_of(Key k) {
    const auto* found = find_key([&](const KeyName& n) { return n.key == k; });
    return found ? found->code : SDLK_UNKNOWN;
}

}  // namespace

std::optional<Key> parse_key(std::string_view name) {
    const auto* found = find_key([&](const KeyName& n) { return n.name == name; });
    return found ? std::optional<Key>(found->key) : std::nullopt;
}

bool Runner::handle_event(Application& app, const void* raw) {
    const SDL_Event& e = *static_cast<const SDL_Event*>(raw);
    if (e.type == wake_event_) {
        sdl_->wake->clear();
        return true;
    }
    if (touch_.on_event(e)) return true;
    switch (e.type) {
        case SDL_QUIT:
            quit_ = true;
            return true;
        case SDL_TEXTINPUT:
            app.on_text(e.text.text);
            return true;
        case SDL_KEYDOWN:
            if (auto k = key_of(e.key.keysym.sym)) app.on_key(*k);
            return true;
        case SDL_WINDOWEVENT:
            if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
                int ow = 0, oh = 0;
                SDL_GetRendererOutputSize(sdl_->renderer, &ow, &oh);
                physical_ = {ow, oh};
                logical_ = options_.rotation.logical_size(physical_);
                if (sdl_->target != nullptr) {
                    SDL_DestroyTexture(sdl_->target);
                    sdl_->target =
                        SDL_CreateTexture(sdl_->renderer, SDL_PIXELFORMAT_ABGR8888,
                                          SDL_TEXTUREACCESS_TARGET, logical_.w, logical_.h);
                }
                touch_.set_geometry(options_.rotation, physical_, logical_);
            }
            ImGui_ImplSDL2_ProcessEvent(&e);
            return true;
        case SDL_MOUSEWHEEL:
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
        case SDL_MOUSEMOTION:
            ImGui_ImplSDL2_ProcessEvent(&e);
            return true;
        default:
            return false;
    }
}

void Runner::draw(Application& app, bool capture) {
    ImGui_ImplSDLRenderer_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(logical_.w), static_cast<float>(logical_.h));
    io.DisplayFramebufferScale = ImVec2(1, 1);
    if (options_.test_clock != nullptr) {
        options_.test_clock->advance(kFixedStep);
        io.DeltaTime = std::chrono::duration<float>(kFixedStep).count();
    }
    touch_.apply(io);
    ImGui::NewFrame();
    app.frame();
    ImGui::Render();

    SDL_SetRenderTarget(sdl_->renderer, sdl_->target);
    const std::uint32_t bg = app.clear_color();
    SDL_SetRenderDrawColor(sdl_->renderer, bg & 0xFF, (bg >> 8) & 0xFF, (bg >> 16) & 0xFF, 255);
    SDL_RenderClear(sdl_->renderer);
    render_draw_data(sdl_->renderer, *ImGui::GetDrawData(), io.Fonts->TexUvWhitePixel);
    if (capture) {
        capture_.assign(static_cast<std::size_t>(logical_.w) * logical_.h * 4, 0);
        if (SDL_RenderReadPixels(sdl_->renderer, nullptr, SDL_PIXELFORMAT_ABGR8888, capture_.data(),
                                 logical_.w * 4) != 0) {
            capture_.clear();
        }
        // A screen shows no transparency; a rotation target's alpha is only what blending
        // left there.
        for (std::size_t i = 3; i < capture_.size(); i += 4)
            capture_[i] = 255;
    }
    if (sdl_->target != nullptr) {
        SDL_SetRenderTarget(sdl_->renderer, nullptr);
        SDL_RenderClear(sdl_->renderer);
        const SDL_Rect dst{(physical_.w - logical_.w) / 2, (physical_.h - logical_.h) / 2,
                           logical_.w, logical_.h};
        SDL_RenderCopyEx(sdl_->renderer, sdl_->target, nullptr, &dst, options_.rotation.degrees(),
                         nullptr, SDL_FLIP_NONE);
    }
    SDL_RenderPresent(sdl_->renderer);
    if (frames_ == 0 && std::getenv("QUAY_TRACE_FIRST_FRAME") != nullptr) report_first_frame();
    ++frames_;
    if (!font_data_released_) {
        // The font texture now lives in the renderer: drop the CPU copy (megabytes).
        io.Fonts->ClearTexData();
        font_data_released_ = true;
    }
}

void Runner::frame(Application& app, bool capture) {
    SDL_Event e;
    bool any = false;
    while (SDL_PollEvent(&e))
        any |= handle_event(app, &e);
    if (any) extra_frames_ = 2;  // layout that depends on the last frame needs one more
    draw(app, capture);
    if (extra_frames_ > 0) --extra_frames_;
}

void Runner::settle(Application& app, int max_frames) {
    int quiet = 0;
    for (int i = 0; i < max_frames && quiet < 2; ++i) {
        frame(app);
        const bool busy = app.animating() || touch_.busy() || extra_frames_ > 0;
        quiet = busy ? 0 : quiet + 1;
    }
}

bool Runner::wait_for_event(std::chrono::milliseconds timeout) {
    const long ms = std::clamp<long>(timeout.count(), 0, INT_MAX);
    if (driver_blocks_in_wait(video_driver())) {
        return SDL_WaitEventTimeout(nullptr, static_cast<int>(ms)) == 1;
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    auto& wake = *sdl_->wake;
    for (;;) {
        SDL_PumpEvents();
        if (SDL_PeepEvents(nullptr, 0, SDL_PEEKEVENT, SDL_FIRSTEVENT, SDL_LASTEVENT) > 0)
            return true;
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline) return false;
        std::unique_lock lock(wake.mutex);
        wake.cv.wait_until(lock, std::min(deadline, now + std::chrono::milliseconds(kPollMs)),
                           [&] { return wake.pending; });
    }
}

void Runner::run(Application& app) {
    extra_frames_ = 3;
    // Under systemd (Type=notify, WatchdogSec=): READY=1 after the first frame, WATCHDOG=1
    // from this loop, so a loop that hangs is killed and restarted. No-ops elsewhere.
    const SystemClock clock;
    system::WatchdogFeeder watchdog(clock);
    bool ready = false;
    while (!quit_ && !app.quit_requested()) {
        const bool busy = extra_frames_ > 0 || app.animating() || touch_.busy();
        if (!busy) {
            const auto budget = app.sleep_budget();
            auto sleep = budget ? *budget : std::chrono::milliseconds(INT_MAX);
            if (const auto limit = watchdog.max_sleep()) sleep = std::min(sleep, *limit);
            wait_for_event(sleep);
        }
        frame(app);
        watchdog.tick();
        if (!ready) {
            ready = true;
            // READY=1 first: whoever reads the journal line may then expect the unit active.
            system::notify_ready("first frame drawn");
            std::fprintf(stderr, "quay-kiosk: first frame drawn (%s, %s, %dx%d)\n",
                         video_driver().c_str(), renderer_name().c_str(), physical_.w, physical_.h);
        }
    }
    system::notify_stopping();
}

void Runner::write_capture(const std::filesystem::path& png) const {
    if (capture_.empty()) throw Error("screenshot", "no frame was captured");
    write_png(png, logical_, capture_);
}

void Runner::push_finger(FingerPhase phase, Point logical) {
    const Point p = options_.rotation.to_physical(logical, logical_);
    SDL_Event e{};
    e.type = phase == FingerPhase::down     ? SDL_FINGERDOWN
             : phase == FingerPhase::motion ? SDL_FINGERMOTION
                                            : SDL_FINGERUP;
    e.tfinger.touchId = 1;
    e.tfinger.fingerId = 1;
    e.tfinger.x = p.x / static_cast<float>(physical_.w);
    e.tfinger.y = p.y / static_cast<float>(physical_.h);
    e.tfinger.pressure = phase == FingerPhase::up ? 0.0f : 1.0f;
    SDL_PushEvent(&e);
}

void Runner::push_text(std::string_view utf8) {
    // SDL_TEXTINPUT carries at most 31 bytes: split on character boundaries.
    std::size_t i = 0;
    while (i < utf8.size()) {
        std::size_t n = std::min<std::size_t>(utf8.size() - i, SDL_TEXTINPUTEVENT_TEXT_SIZE - 1);
        while (n > 0 && i + n < utf8.size() &&
               (static_cast<unsigned char>(utf8[i + n]) & 0xC0) == 0x80) {
            --n;
        }
        SDL_Event e{};
        e.type = SDL_TEXTINPUT;
        std::memcpy(e.text.text, utf8.data() + i, n);
        SDL_PushEvent(&e);
        i += n;
    }
}

void Runner::push_key(Key key) {
    SDL_Event e{};
    e.type = SDL_KEYDOWN;
    e.key.state = SDL_PRESSED;
    e.key.keysym.sym = keycode_of(key);
    e.key.keysym.scancode = SDL_GetScancodeFromKey(e.key.keysym.sym);
    SDL_PushEvent(&e);
    e.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    SDL_PushEvent(&e);
}

}  // namespace quay::platform
