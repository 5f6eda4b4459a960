#include "quay/ui/kiosk_app.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "quay/clock_status.hpp"
#include "quay/locale/words.hpp"
#include "quay/ui/keypad.hpp"
#include "quay/ui/theme.hpp"
#include "screens/screen.hpp"

namespace quay::ui {

namespace {

using flow::Screen;

constexpr ImGuiWindowFlags kPlain = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                    ImGuiWindowFlags_NoSavedSettings |
                                    ImGuiWindowFlags_NoScrollWithMouse;

}  // namespace

KioskApp::KioskApp(const platform::FontSet& fonts, const locale::Locale& locale,
                   const catalog::Catalog& catalog, const Clock& clock, flow::Inbox& inbox,
                   std::function<void(flow::Effect)> run_effect, AppOptions options)
    : fonts_(&fonts),
      clock_(&clock),
      inbox_(&inbox),
      run_effect_(std::move(run_effect)),
      options_(std::move(options)),
      kiosk_(catalog, locale, clock, options_.settings),
      search_vi_(catalog, Language::vi),
      search_en_(catalog, Language::en),
      widgets_(fonts, locale, options_.density),
      st_(std::make_unique<UiState>()) {
    theme::apply_style(ImGui::GetStyle(), options_.density);
}

KioskApp::~KioskApp() = default;

void KioskApp::on_text(std::string_view utf8) {
    // A keypad key that moved or pressed in a letters box also sends its digit as text.
    if (std::exchange(swallow_text_, {}) == utf8 && !utf8.empty()) return;
    kiosk_.apply(flow::intent::TypeText{std::string(utf8)});
}

void KioskApp::on_key(platform::Key key) {
    // docs/keypad.md: one table for the keypad, the arrows and Enter/Backspace/Escape.
    const auto& box = kiosk_.session().focused;
    const auto item = kiosk_.focused_item();
    const KeyContext where{box.has_value(), item && (!box || item->item.id != "field:" + *box),
                           box.has_value() && !kiosk_.box_takes_digits()};
    swallow_text_.clear();
    if (auto i = key_intent(key, where)) {
        if (where.letters) swallow_text_ = std::string(keypad_text(key));
        kiosk_.apply(*i);
    } else {
        kiosk_.activity();
    }
}

bool KioskApp::animating() const {
    return scroll_.moving();
}

std::optional<std::chrono::milliseconds> KioskApp::sleep_budget() const {
    return kiosk_.next_timer();
}

std::uint32_t KioskApp::clear_color() const {
    return (kiosk_.session().high_contrast ? kHighContrast : kStandard).background;
}

std::string KioskApp::screen_name() const {
    return std::string(to_string(kiosk_.location().screen));
}

std::optional<platform::Rect> KioskApp::find_item(std::string_view selector) const {
    return widgets_.find(selector);
}

void KioskApp::draw_top_bar(float width) {
    Widgets& w = widgets_;
    const float m = w.px(24), gap = w.px(theme::gap);
    const float bh = w.px(theme::target);
    const float pad_y = (w.px(theme::top_bar) - bh) / 2;
    ImFont* font = w.fonts().bold;  // grows with large text like the rest of the screen
    ImFont* right_font = font;      // the language, size and contrast buttons (below)
    const Screen screen = kiosk_.location().screen;
    const flow::Session& s = kiosk_.session();
    // Each button as wide as its label needs, never narrower than its usual width.
    auto fit = [&](std::string_view label, float usual, ImFont* f = nullptr) {
        if (f == nullptr) f = font;
        const float text_w =
            f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, label.data(), label.data() + label.size()).x;
        return std::max(w.px(usual), std::ceil(text_w + 2 * w.px(24)));
    };
    const float wb = fit(w.tr("common.back"), 200), wh = fit(w.tr("common.home"), 210);
    float wl = 0, we = 0, wt = 0, wc = 0, right_w = 0;
    auto measure_right = [&] {
        wl = fit(w.tr("common.language_vi"), 180, right_font);
        we = fit(w.tr("common.language_en"), 150, right_font);
        wt = fit(w.tr("ui.common.large_text"), 150, right_font);
        wc = fit(w.tr("ui.common.high_contrast"), 150, right_font);
        right_w = wl + gap + we + gap + wt + gap + wc;
    };
    measure_right();
    // Large text in portrait: the four labels at their large size are wider than the
    // screen; they keep their usual size rather than run off its edge.
    if (right_w > width - 2 * m) {
        right_font = fonts_->normal.bold;
        measure_right();
    }
    const float left_w = screen == Screen::home ? w.px(360) : wb + gap + wh;
    // Too narrow for one row (large text in portrait): navigation above, language below.
    const bool two_rows = 2 * m + left_w + 2 * gap + right_w > width;
    const float bar = two_rows ? 3 * pad_y + 2 * bh : w.px(theme::top_bar);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + bar), w.colors().header);
    const float y = origin.y + pad_y;
    const float row1 = two_rows ? pad_y + bh + pad_y / 2 : bar;  // the first row's band
    voice_in_bar_ = two_rows && screen != Screen::staff && screen != Screen::staff_pin;
    const float wv = voice_in_bar_ ? fit(w.tr("voice.toggle"), 150) : 0;

    if (screen == Screen::home) {
        const std::string& centre = s.language == Language::en && !options_.centre_name_en.empty()
                                        ? options_.centre_name_en
                                        : options_.centre_name_vi;
        const std::string name = centre.empty() ? std::string(w.tr("app.name")) : centre;
        const float name_w = two_rows ? width - 2 * m - (voice_in_bar_ ? wv + gap : 0)
                                      : width - 2 * m - right_w - 2 * gap;
        ImGui::SetCursorScreenPos(
            ImVec2(origin.x + m, origin.y + std::max(0.0f, (row1 - line_height(font)) / 2)));
        w.text(name, font, w.colors().header_text, name_w);
        // Staff gesture: five taps in this corner within three seconds.
        ImGui::SetCursorScreenPos(origin);
        if (ImGui::InvisibleButton("##staffcorner", ImVec2(w.px(140), row1)))
            emit(flow::intent::StaffCorner{});
        w.record("staff.corner", "", origin, ImVec2(origin.x + w.px(140), origin.y + row1));
    } else {
        ImGui::SetCursorScreenPos(ImVec2(origin.x + m, y));
        if (w.button("nav.back", w.tr("common.back"), ImVec2(wb, bh), ButtonKind::quiet, font,
                     screen != Screen::saving)) {
            emit(flow::intent::Back{});
        }
        ImGui::SameLine(0, gap);
        if (w.button("nav.home", w.tr("common.home"), ImVec2(wh, bh), ButtonKind::quiet, font,
                     screen != Screen::saving)) {
            emit(flow::intent::Home{});  // the flow asks first when typed data would go
        }
    }
    if (voice_in_bar_) {  // the first row's right end: room the navigation leaves
        ImGui::SetCursorScreenPos(ImVec2(origin.x + width - m - wv, y));
        if (w.button("voice.toggle", w.tr("voice.toggle"), ImVec2(wv, bh),
                     s.voice ? ButtonKind::header_selected : ButtonKind::quiet, font))
            emit(flow::intent::ToggleVoice{});
    }
    // Right side: language, text size and contrast, always in the same place.
    ImGui::SetCursorScreenPos(
        ImVec2(origin.x + width - m - right_w, two_rows ? y + bh + pad_y : y));
    const bool vi = s.language == Language::vi;
    if (w.button("lang.vi", w.tr("common.language_vi"), ImVec2(wl, bh),
                 vi ? ButtonKind::header_selected : ButtonKind::quiet, right_font)) {
        emit(flow::intent::SetLanguage{Language::vi});
    }
    ImGui::SameLine(0, gap);
    if (w.button("lang.en", w.tr("common.language_en"), ImVec2(we, bh),
                 vi ? ButtonKind::quiet : ButtonKind::header_selected, right_font)) {
        emit(flow::intent::SetLanguage{Language::en});
    }
    ImGui::SameLine(0, gap);
    if (w.button("text.large", w.tr("ui.common.large_text"), ImVec2(wt, bh),
                 s.large_text ? ButtonKind::header_selected : ButtonKind::quiet, right_font)) {
        emit(flow::intent::ToggleLargeText{});
    }
    ImGui::SameLine(0, gap);
    if (w.button("text.contrast", w.tr("ui.common.high_contrast"), ImVec2(wc, bh),
                 s.high_contrast ? ButtonKind::header_selected : ButtonKind::quiet, right_font)) {
        emit(flow::intent::ToggleHighContrast{});
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + bar));
    ImGui::Dummy(ImVec2(width, 0));
}

void KioskApp::draw_overlays() {
    Widgets& w = widgets_;
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    const float m = w.px(theme::margin);
    const float card_w = std::min(size.x - 2 * m, w.px(900));

    auto modal = [&](const char* name, auto&& body) {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(size);
        ImGui::SetNextWindowFocus();
        ImGui::PushStyleColor(ImGuiCol_WindowBg, w.colors().scrim);
        ImGui::Begin(name, nullptr, kPlain | ImGuiWindowFlags_NoScrollbar);
        ImGui::PopStyleColor();
        w.begin_layer();  // the keys reach the prompt only, as a finger does
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->ChannelsSplit(2);
        dl->ChannelsSetCurrent(1);
        const ImVec2 top((size.x - card_w) / 2, size.y * 0.28f);
        const float pad = w.px(40);
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, top.y + pad));
        ImGui::BeginGroup();
        body(card_w - 2 * pad);
        ImGui::EndGroup();
        const float bottom = ImGui::GetItemRectMax().y + pad;
        dl->ChannelsSetCurrent(0);
        dl->AddRectFilled(top, ImVec2(top.x + card_w, bottom), w.colors().card,
                          w.px(theme::rounding));
        dl->ChannelsMerge();
        ImGui::End();
    };

    if (kiosk_.help_open()) {
        modal("##help", [&](float inner) {
            w.text(w.tr("ui.help.called_title"), w.fonts().heading, w.colors().text, inner);
            w.spacing(12);
            w.text(w.tr("ui.help.called"), w.fonts().body, w.colors().text, inner);
            w.spacing(20);
            if (w.button("help.close", w.tr("ui.help.close"), ImVec2(inner, w.px(100)),
                         ButtonKind::primary))
                emit(flow::intent::CloseHelp{});
        });
    }

    const auto prompt = kiosk_.idle_prompt();
    if (prompt.visible) {
        modal("##idle", [&](float inner) {
            w.text(w.tr("ui.idle.question"), w.fonts().heading, w.colors().text, inner);
            w.spacing(12);
            w.text(locale::count(w.strings(), "ui.idle.countdown", prompt.seconds_left),
                   w.fonts().body, w.colors().text, inner);
            w.spacing(20);
            if (w.button("idle.continue", w.tr("ui.idle.continue"), ImVec2(inner, w.px(100)),
                         ButtonKind::primary)) {
                emit(flow::intent::StillHere{});
            }
        });
    } else if (kiosk_.leave_prompt()) {
        modal("##confirm_home", [&](float inner) {
            w.text(w.tr("ui.confirm_home.question"), w.fonts().heading, w.colors().text, inner);
            w.spacing(12);
            w.text(w.tr("ui.confirm_home.detail"), w.fonts().body, w.colors().text, inner);
            w.spacing(20);
            const float half = (inner - w.px(theme::gap)) / 2;
            if (w.button("confirm_home.stay", w.tr("ui.confirm_home.stay"), ImVec2(half, w.px(100)),
                         ButtonKind::primary)) {
                emit(flow::intent::StayHere{});
            }
            ImGui::SameLine(0, w.px(theme::gap));
            // Leaving erases what was typed: the safe choice is the prominent one.
            if (w.button("confirm_home.leave", w.tr("ui.confirm_home.leave"),
                         ImVec2(half, w.px(100)), ButtonKind::secondary)) {
                emit(flow::intent::LeaveForm{});
            }
        });
    }

    const std::string notice = kiosk_.notice();
    if (!notice.empty()) {
        const std::string_view msg = w.tr(notice);
        const float pad = w.px(24);
        const NoticeBand& band = notice_band_;
        const float notice_w = std::min(band.x1 - band.x0 - 2 * m, w.px(900));
        const float h = w.text_height(msg, w.fonts().bold, notice_w - 2 * pad) + 2 * pad;
        ImGui::SetNextWindowPos(
            ImVec2(band.x0 + (band.x1 - band.x0 - notice_w) / 2, band.bottom - h - m));
        ImGui::SetNextWindowSize(ImVec2(notice_w, h));
        ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(w.colors().text));
        ImGui::Begin("##notice", nullptr,
                     kPlain | ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoFocusOnAppearing);
        ImGui::PopStyleColor();
        ImGui::SetCursorPos(ImVec2(pad, pad));
        w.text(msg, w.fonts().bold, w.colors().header_text, notice_w - 2 * pad);
        w.record("notice", msg, ImGui::GetWindowPos(),
                 ImVec2(ImGui::GetWindowPos().x + notice_w, ImGui::GetWindowPos().y + h));
        ImGui::End();
    }
}

void KioskApp::frame() {
    for (const auto& e : inbox_->take())
        kiosk_.on(e);
    kiosk_.tick();
    const flow::Session& s = kiosk_.session();
    widgets_.begin_frame(s.language, s.large_text, s.high_contrast);
    const auto focused = kiosk_.focused_item();
    widgets_.set_focus(focused ? std::optional(focused->item.id) : std::nullopt,
                       kiosk_.take_activation());
    theme::apply_colors(ImGui::GetStyle(), widgets_.colors());
    ImGuiIO& io = ImGui::GetIO();
    if (io.MouseClicked[0] || (io.MouseDown[0] && (io.MouseDelta.x != 0 || io.MouseDelta.y != 0)))
        kiosk_.activity();

    const auto& loc = kiosk_.location();
    const bool moved = !(loc == shown_);
    if (moved && loc.screen == Screen::home && s.values.empty()) *st_ = UiState{};

    const auto today = local_time(clock_->now(), clock_->utc_offset_minutes());
    // A clock that cannot be trusted never keeps the picker from the real year.
    const TodayRange range = today_range(*clock_);
    Widgets& w = widgets_;
    Ctx ctx{w, kiosk_, *st_, intents_};
    ctx.search = s.language == Language::en ? &search_en_ : &search_vi_;
    ctx.status_url = options_.status_url;
    ctx.today_year = today.year;
    ctx.today_month = today.month;
    ctx.today_day = today.day;
    ctx.today_range = range;

    const ImVec2 size = io.DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(size);
    ImGui::SetNextWindowBgAlpha(0);  // the runner clears to the background colour
    ImGui::Begin("##kiosk", nullptr,
                 kPlain | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoBringToFrontOnFocus);
    draw_top_bar(size.x);

    const float m = w.px(theme::margin);
    // Title: where the person is; beside it, on every citizen screen, the call for help.
    w.spacing(12);
    ImGui::SetCursorPosX(m);
    const bool staff = loc.screen == Screen::staff || loc.screen == Screen::staff_pin;
    const std::string_view help = w.tr("ui.help.button");
    ImFont* help_font = fonts_->normal.bold;  // keeps its size in large text, like the top bar
    const float help_w =
        staff ? 0
              : std::min(size.x * 0.45f,
                         help_font
                                 ->CalcTextSizeA(help_font->FontSize, FLT_MAX, 0, help.data(),
                                                 help.data() + help.size())
                                 .x +
                             w.px(56));
    // "Đọc to" (voice mode, docs/voice.md) beside it when the top bar has no room for it
    // (one row: landscape, where the title row has width to spare).
    const bool voice_here = !staff && !voice_in_bar_;
    const std::string_view voice = w.tr("voice.toggle");
    const float voice_w = !voice_here
                              ? 0
                              : help_font
                                        ->CalcTextSizeA(help_font->FontSize, FLT_MAX, 0,
                                                        voice.data(), voice.data() + voice.size())
                                        .x +
                                    w.px(56);
    const float gap = w.px(theme::gap);
    const ImVec2 title_at = ImGui::GetCursorScreenPos();
    w.text(screen_title(ctx), w.fonts().heading, w.colors().text,
           size.x - 2 * m - (staff ? 0 : help_w + gap + (voice_here ? voice_w + gap : 0)));
    float title_bottom = ImGui::GetCursorScreenPos().y;
    if (voice_here) {
        ImGui::SetCursorScreenPos(ImVec2(size.x - m - help_w - gap - voice_w, title_at.y));
        if (w.button("voice.toggle", voice, ImVec2(voice_w, 0),
                     ctx.session().voice ? ButtonKind::selected : ButtonKind::secondary, help_font))
            emit(flow::intent::ToggleVoice{});
    }
    if (!staff) {
        ImGui::SetCursorScreenPos(ImVec2(size.x - m - help_w, title_at.y));
        if (w.button("help.call", help, ImVec2(help_w, 0), ButtonKind::secondary, help_font,
                     loc.screen != Screen::saving))
            emit(flow::intent::CallHelp{});
        title_bottom = std::max(title_bottom, ImGui::GetCursorScreenPos().y);
    }
    ImGui::SetCursorScreenPos(ImVec2(title_at.x, title_bottom));
    w.spacing(4);

    const Panel panel = panel_for(ctx);
    const bool side_panel = panel != Panel::none && size.x > size.y * 1.2f;
    const float panel_w = side_panel ? std::min(size.x * 0.55f, w.px(1100)) : size.x;
    const float content_w = side_panel ? size.x - panel_w : size.x;
    const float actions_h = screen_has_actions(ctx) ? w.px(theme::action_bar) : 0;
    const float top = ImGui::GetCursorPosY();
    const float avail = size.y - top;
    if (side_panel) ctx.panel_fit = avail;
    const float panel_h = panel_height(ctx, panel, panel_w);
    const float bar_h = voice_bar_height(ctx);  // "◀ ▶ Chọn", above the action bar
    const float content_h = side_panel ? avail - actions_h - bar_h
                                       : std::max(w.px(200), avail - actions_h - bar_h - panel_h);

    ImGui::SetCursorPos(ImVec2(0, top));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(m, w.px(8)));
    ImGui::BeginChild("##content", ImVec2(content_w, content_h), false,
                      ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleVar();
    if (moved) {
        ImGui::SetScrollY(0);
        scroll_.stop();
    }
    ctx.width = content_w - 2 * m - ImGui::GetStyle().ScrollbarSize;
    screen_content(ctx);
    w.spacing(8);
    scroll_.update(w.px(18));
    ImGui::EndChild();

    draw_voice_bar(ctx, ImVec2(0, top + content_h), content_w);
    if (actions_h > 0) {
        const float y = top + content_h + bar_h;
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, y), ImVec2(content_w, y + actions_h),
                                                  w.colors().background);
        ImGui::GetWindowDrawList()->AddLine(ImVec2(0, y), ImVec2(content_w, y), w.colors().border,
                                            w.px(2));
        ImGui::SetCursorPos(ImVec2(m, y + (actions_h - w.px(100)) / 2));
        ctx.width = content_w - 2 * m;
        screen_actions(ctx);
    }
    notice_band_ = side_panel ? NoticeBand{0, content_w, size.y - actions_h - bar_h}
                              : NoticeBand{0, size.x, top + content_h};
    if (panel != Panel::none) {
        const float px0 = side_panel ? content_w : 0;
        const float py0 = side_panel ? top : top + content_h + bar_h + actions_h;
        const float ph = side_panel ? avail : panel_h;
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(px0, py0), ImVec2(px0 + panel_w, py0 + ph),
                                                  w.colors().keyboard_bg);
        const float pad = w.px(16);
        // Beside the page the keys sit at the bottom, where the hands are (issue 14, item 8).
        const float keys_y = side_panel ? std::max(py0, py0 + ph - panel_h) : py0;
        ImGui::SetCursorScreenPos(ImVec2(px0 + pad, keys_y + pad));
        ImGui::BeginGroup();
        const float inner = panel_w - 2 * pad;
        switch (panel) {
            case Panel::keyboard:
                draw_keyboard(ctx, inner);
                break;
            case Panel::digits:
                draw_digit_pad(ctx, inner);
                break;
            case Panel::date:
                draw_date_picker(ctx, inner);
                break;
            case Panel::none:
                break;
        }
        ImGui::EndGroup();
    }
    ImGui::End();
    draw_overlays();
    widgets_.end_frame();
    // What this frame offers the keys, before anything tapped moves to another screen.
    if (widgets_.actionables() != kiosk_.screen_items())
        kiosk_.on(flow::event::ScreenItems{widgets_.actionables()});

    shown_ = loc;
    // The one place every tap passes (docs/voice.md "The tap sound").
    if (!intents_.empty() && options_.on_tap) options_.on_tap();
    for (auto& i : std::exchange(intents_, {}))
        kiosk_.apply(i);
    for (auto& e : kiosk_.take_effects())
        run_effect_(std::move(e));
}

}  // namespace quay::ui
