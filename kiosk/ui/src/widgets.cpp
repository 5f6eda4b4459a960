#include "quay/ui/widgets.hpp"

#include <algorithm>
#include <cmath>

#include "quay/ui/theme.hpp"

namespace quay::ui {

namespace {

struct Colors {
    ImU32 bg, bg_pressed, fg, border;
};

Colors colors_of(const Palette& p, ButtonKind k, bool enabled) {
    if (!enabled) return {p.disabled, p.disabled, p.disabled_text, p.disabled};
    switch (k) {
        case ButtonKind::primary:
            return {p.primary, p.primary_pressed, p.primary_text, p.primary};
        case ButtonKind::danger:
            return {p.error, p.primary_pressed, p.primary_text, p.error};
        case ButtonKind::quiet:
            return {rgb(0, 0, 0, 0), rgb(255, 255, 255, 60), p.header_text, p.header_text};
        case ButtonKind::selected:
            return {p.focus, p.focus, p.primary_text, p.focus};
        case ButtonKind::header_selected:
            return {p.card, p.card_pressed, p.primary, p.card};
        case ButtonKind::key:
            return {p.key, p.card_pressed, p.text, p.border};
        case ButtonKind::key_special:
            return {p.key_special, p.card_pressed, p.text, p.border};
        case ButtonKind::secondary:
            break;
    }
    return {p.card, p.card_pressed, p.text, p.border};
}

// Lines of s wrapped at width, as [begin, end) pairs.
std::vector<std::pair<const char*, const char*>> wrap_lines(ImFont* font, std::string_view s,
                                                            float width, float scale = 1.0f) {
    std::vector<std::pair<const char*, const char*>> lines;
    const char* p = s.data();
    const char* end = s.data() + s.size();
    while (p < end) {
        const char* nl = std::find(p, end, '\n');
        const char* stop = font->CalcWordWrapPositionA(scale, p, nl, width);
        if (stop == p) stop = p + 1;  // a character wider than the box: show it anyway
        // Never split a UTF-8 sequence.
        while (stop < nl && (static_cast<unsigned char>(*stop) & 0xC0) == 0x80)
            ++stop;
        const char* line_end = stop;
        while (line_end > p && line_end[-1] == ' ')
            --line_end;
        lines.emplace_back(p, line_end);
        p = stop;
        while (p < nl && *p == ' ')
            ++p;
        if (p == nl && nl < end) ++p;
    }
    return lines;
}

}  // namespace

float line_height(const ImFont* font) {
    return std::floor(font->FontSize * 1.3f);
}

ImVec2 draw_wrapped_text(ImDrawList* dl, ImFont* font, ImVec2 at, float width, ImU32 color,
                         std::string_view s, TextBox* box) {
    ImVec2 end = at;
    float y = at.y;
    for (const auto& [b, e] : wrap_lines(font, s, width)) {
        dl->AddText(font, font->FontSize, ImVec2(at.x, y), color, b, e);
        end = ImVec2(at.x + font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, b, e).x, y);
        if (box != nullptr) box->add(ImVec2(at.x, y), ImVec2(end.x, y + font->FontSize));
        y += line_height(font);
    }
    return end;
}

// Width of the widest word: a label whose longest word does not fit is drawn smaller
// rather than broken inside the word ("Delet|e").
float widest_word(ImFont* font, std::string_view s) {
    float widest = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t j = std::min(s.find_first_of(" \n", i), s.size());
        widest = std::max(
            widest, font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, s.data() + i, s.data() + j).x);
        i = j + 1;
    }
    return widest;
}

void draw_centered_text(ImDrawList* dl, ImFont* font, ImVec2 min, ImVec2 max, ImU32 color,
                        std::string_view s, TextBox* box) {
    const float width = max.x - min.x;
    const float widest = widest_word(font, s);
    float scale = widest > width && widest > 0 ? std::max(0.6f, width / widest) : 1.0f;
    auto lines = wrap_lines(font, s, width, scale);
    // Too many lines for the box's height: smaller still, wrapped again at that size (a
    // smaller size can put two words on one line: "Ẩn bàn / phím" in a large-text key).
    for (int tries = 0; tries < 4; ++tries) {
        const float full_h = line_height(font) * scale * static_cast<float>(lines.size());
        const float next = std::max(0.6f, scale * (max.y - min.y) / full_h);
        if (full_h <= max.y - min.y || next >= scale) break;
        scale = next;
        lines = wrap_lines(font, s, width, scale);
    }
    const float size = font->FontSize * scale;
    const float lh = line_height(font) * scale;
    const float h = lh * static_cast<float>(lines.size());
    float y = min.y + (max.y - min.y - h) / 2;
    for (const auto& [b, e] : lines) {
        const float w = font->CalcTextSizeA(size, FLT_MAX, 0, b, e).x;
        const ImVec2 at(std::floor(min.x + (width - w) / 2), std::floor(y + (lh - size) / 2));
        dl->AddText(font, size, at, color, b, e);
        if (box != nullptr) box->add(at, ImVec2(at.x + w, at.y + size));
        y += lh;
    }
}

Widgets::Widgets(const platform::FontSet& fonts, const locale::Locale& locale, float density)
    : fonts_(&fonts),
      locale_(&locale),
      strings_(&locale.strings(Language::vi)),
      style_(&fonts.normal),
      density_(density) {}

void Widgets::begin_frame(Language language, bool large_text, bool high_contrast) {
    language_ = language;
    large_ = large_text;
    strings_ = &locale_->strings(language);
    style_ = &fonts_->style(large_text);
    scale_ = large_text ? kLargeLayoutScale : 1.0f;
    palette_ = high_contrast ? &kHighContrast : &kStandard;
    items_.clear();
    actionables_.clear();
    ring_.reset();
}

void Widgets::end_frame() {
    draw_focus_ring();
    std::swap(items_, last_items_);
    std::swap(actionables_, last_actionables_);
    activate_.reset();  // one frame: an activation never fires twice
}

void Widgets::set_focus(std::optional<std::string> focused, std::optional<std::string> activate) {
    focus_moved_ = focused && focused != focused_;
    focused_ = std::move(focused);
    activate_ = std::move(activate);
}

bool Widgets::tap_area(std::string_view id, ImVec2 size, flow::ItemKind kind,
                       std::string_view label, std::string_view value) {
    ImGui::PushID(id.data(), id.data() + id.size());
    const bool tapped = ImGui::InvisibleButton("##tap", size);
    ImGui::PopID();
    actionables_.push_back({std::string(id), std::string(label), kind, std::string(value)});
    const bool fired = tapped || (activate_ && *activate_ == id);
    if (!focused_ || *focused_ != id) return fired;
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    if (focus_moved_ && ImGui::GetScrollMaxY() > 0) {
        // Into view, with a margin for the ring; applies from the next frame.
        const float top = ImGui::GetWindowPos().y, bottom = top + ImGui::GetWindowHeight();
        const float margin = px(24);
        if (a.y - margin < top)
            ImGui::SetScrollY(ImGui::GetScrollY() - (top - a.y + margin));
        else if (b.y + margin > bottom)
            ImGui::SetScrollY(ImGui::GetScrollY() + (b.y + margin - bottom));
        focus_moved_ = false;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ring_ = Ring{a, b, dl->GetClipRectMin(), dl->GetClipRectMax()};
    return fired;
}

// Over everything drawn, so no widget's own fill covers it: a thick band in the focus
// colour with a thin line in the card colour inside it, so the ring shows on the red top
// bar as well as on the page, cards and keys (kPairs "focus ring ...").
void Widgets::draw_focus_ring() {
    if (!ring_) return;
    const float band = px(6), line = px(2), reach = line + band;
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    dl->PushClipRect(ImVec2(ring_->clip_min.x - reach, ring_->clip_min.y - reach),
                     ImVec2(ring_->clip_max.x + reach, ring_->clip_max.y + reach), false);
    auto grow = [&](float d) {
        return std::pair(ImVec2(ring_->min.x - d, ring_->min.y - d),
                         ImVec2(ring_->max.x + d, ring_->max.y + d));
    };
    const auto [ia, ib] = grow(line / 2);
    dl->AddRect(ia, ib, palette_->card, px(theme::rounding), 0, line);
    const auto [oa, ob] = grow(line + band / 2);
    dl->AddRect(oa, ob, palette_->focus, px(theme::rounding) + band, 0, band);
    dl->PopClipRect();
    // Scripts and tests see which item is ringed: "#focus:<id>".
    items_.push_back({"focus:" + *focused_, "", oa, ob, std::nullopt});
}

void Widgets::record(std::string_view id, std::string_view label, ImVec2 min, ImVec2 max,
                     const TextBox& text) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 lo = dl->GetClipRectMin(), hi = dl->GetClipRectMax();
    auto clip = [&](ImVec2 p, ImVec2 q) {
        return std::pair(ImVec2(std::max(p.x, lo.x), std::max(p.y, lo.y)),
                         ImVec2(std::min(q.x, hi.x), std::min(q.y, hi.y)));
    };
    const auto [a, b] = clip(min, max);
    if (b.x - a.x < 2 || b.y - a.y < 2) return;  // not visible: cannot be tapped
    Item item{std::string(id), std::string(label), a, b, std::nullopt};
    if (!text.empty()) {
        // Only the visible part of the text: a label scrolled half out of view is not clipped
        // by its widget, the scroll region clips both.
        const auto [ta, tb] = clip(text.min, text.max);
        if (tb.x > ta.x && tb.y > ta.y) item.text = std::pair(ta, tb);
    }
    items_.push_back(std::move(item));
}

namespace {
platform::Rect rect_of(ImVec2 min, ImVec2 max) {
    return {min.x, min.y, max.x - min.x, max.y - min.y};
}
platform::Rect rect_of(const Item& it) {
    return rect_of(it.min, it.max);
}
}  // namespace

std::optional<platform::Rect> Widgets::find(std::string_view selector) const {
    const bool by_id = !selector.empty() && selector.front() == '#';
    const std::string_view want = by_id ? selector.substr(1) : selector;
    // Last drawn wins: overlays (prompts, keyboards) are drawn after the page under them.
    for (auto it = last_items_.rbegin(); it != last_items_.rend(); ++it) {
        if ((by_id ? it->id : it->label) == want) return rect_of(*it);
    }
    return std::nullopt;
}

std::vector<platform::RecordedItem> Widgets::recorded() const {
    std::vector<platform::RecordedItem> out;
    out.reserve(last_items_.size());
    for (const Item& it : last_items_) {
        out.push_back({it.id, it.label, rect_of(it), std::nullopt});
        if (it.text) out.back().text = rect_of(it.text->first, it.text->second);
    }
    return out;
}

void Widgets::spacing(float h) const {
    ImGui::Dummy(ImVec2(1, px(h)));
}

bool Widgets::button(std::string_view id, std::string_view label, ImVec2 size, ButtonKind kind,
                     ImFont* font, bool enabled) {
    return draw_button(id, label, size, kind, font, enabled, {});
}

bool Widgets::value_key(std::string_view id, std::string_view label, std::string_view value,
                        ImVec2 size) {
    return draw_button(id, label, size, ButtonKind::key, nullptr, true, value);
}

bool Widgets::draw_button(std::string_view id, std::string_view label, ImVec2 size, ButtonKind kind,
                          ImFont* font, bool enabled, std::string_view value) {
    if (font == nullptr) font = style_->bold;
    // No height: the usual target. Asked smaller (keys fitting a side panel): never under
    // ui.md's 80 px.
    size.y = size.y <= 0 ? px(theme::target) : std::max(size.y, 80 * density_);
    bool pressed = false;
    if (enabled) {
        const bool is_key = kind == ButtonKind::key || kind == ButtonKind::key_special;
        const bool chosen = kind == ButtonKind::selected || kind == ButtonKind::header_selected;
        pressed = tap_area(id, size, is_key ? flow::ItemKind::key : flow::ItemKind::button, label,
                           chosen ? "selected" : value);
    } else {
        ImGui::PushID(id.data(), id.data() + id.size());
        ImGui::InvisibleButton("##tap", size);  // takes its place; not reachable, never fires
        ImGui::PopID();
    }
    const bool held = ImGui::IsItemActive();
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const Colors c = colors_of(*palette_, kind, enabled);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, held ? c.bg_pressed : c.bg, px(theme::rounding));
    dl->AddRect(a, b, c.border, px(theme::rounding), 0, px(2));
    const float inset = px(12);
    TextBox box;
    draw_centered_text(dl, font, ImVec2(a.x + inset, a.y), ImVec2(b.x - inset, b.y), c.fg, label,
                       &box);
    record(id, label, a, b, box);
    return pressed;
}

float Widgets::text_height(std::string_view s, ImFont* font, float wrap_width) const {
    return line_height(font) * static_cast<float>(wrap_lines(font, s, wrap_width).size());
}

bool Widgets::card_button(std::string_view id, std::string_view title, std::string_view subtitle,
                          float width, bool chevron) {
    const float pad = px(theme::pad);
    const float chevron_w = chevron ? px(40) : 0;
    const float text_w = width - 2 * pad - chevron_w;
    const float title_h = text_height(title, style_->bold, text_w);
    const float sub_h = subtitle.empty() ? 0 : px(6) + text_height(subtitle, style_->body, text_w);
    const float h = std::max(px(theme::target), 2 * px(18) + title_h + sub_h);
    const bool pressed = tap_area(id, ImVec2(width, h), flow::ItemKind::button, title);
    const bool held = ImGui::IsItemActive();
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, held ? palette_->card_pressed : palette_->card, px(theme::rounding));
    dl->AddRect(a, b, palette_->border, px(theme::rounding), 0, px(2));
    const float y = a.y + (h - title_h - sub_h) / 2;
    TextBox box;
    draw_wrapped_text(dl, style_->bold, ImVec2(a.x + pad, y), text_w, palette_->text, title, &box);
    if (!subtitle.empty()) {
        draw_wrapped_text(dl, style_->body, ImVec2(a.x + pad, y + title_h + px(6)), text_w,
                          palette_->muted, subtitle, &box);
    }
    if (chevron) {
        // A drawn chevron: no glyph needed.
        const float cx = b.x - pad - px(8), cy = (a.y + b.y) / 2, s = px(12);
        dl->AddLine(ImVec2(cx - s / 2, cy - s), ImVec2(cx + s / 2, cy), palette_->muted, px(4));
        dl->AddLine(ImVec2(cx + s / 2, cy), ImVec2(cx - s / 2, cy + s), palette_->muted, px(4));
    }
    record(id, title, a, b, box);
    return pressed;
}

void Widgets::text(std::string_view s, ImFont* font, ImU32 color, float wrap_width) {
    if (font == nullptr) font = style_->body;
    if (color == 0) color = palette_->text;
    if (wrap_width <= 0) wrap_width = ImGui::GetContentRegionAvail().x;
    const ImVec2 a = ImGui::GetCursorScreenPos();
    const float h = std::max(line_height(font), text_height(s, font, wrap_width));
    ImGui::Dummy(ImVec2(wrap_width, h));
    TextBox box;
    draw_wrapped_text(ImGui::GetWindowDrawList(), font, a, wrap_width, color, s, &box);
    record("", s, a, ImVec2(a.x + wrap_width, a.y + h), box);
}

}  // namespace quay::ui
