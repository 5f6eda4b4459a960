#include "quay/platform/item_layout.hpp"

#include <algorithm>
#include <cmath>

namespace quay::platform {

namespace {

std::string name(const RecordedItem& item) {
    std::size_t cut = std::min<std::size_t>(item.label.size(), 40);
    while (cut > 0 && cut < item.label.size() &&
           (static_cast<unsigned char>(item.label[cut]) & 0xC0) == 0x80)
        --cut;  // never half a character
    return (item.id.empty() ? std::string("text") : "#" + item.id) + " \"" +
           item.label.substr(0, cut) + "\"";
}

std::string where(const Rect& r) {
    return std::to_string(std::lround(r.x)) + "," + std::to_string(std::lround(r.y)) + " " +
           std::to_string(std::lround(r.w)) + "x" + std::to_string(std::lround(r.h));
}

// How far `inner` reaches outside `outer` on its worst side.
float overhang(const Rect& inner, const Rect& outer) {
    return std::max({outer.x - inner.x, outer.y - inner.y,
                     (inner.x + inner.w) - (outer.x + outer.w),
                     (inner.y + inner.h) - (outer.y + outer.h)});
}

// The smaller of the overlap's width and height (≤ 0 when they do not meet).
float overlap(const Rect& a, const Rect& b) {
    const float w = std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x);
    const float h = std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y);
    return std::min(w, h);
}

// Whether `inner` lies within `outer` (a panel and the texts drawn in it).
bool inside(const Rect& inner, const Rect& outer, float tolerance_px) {
    return overhang(inner, outer) <= tolerance_px;
}

}  // namespace

std::vector<std::string> layout_faults(const std::vector<RecordedItem>& items,
                                       const std::set<std::string>& floating, float tolerance_px,
                                       bool overlaps, float screen_width) {
    std::vector<std::string> out;
    for (const RecordedItem& it : items) {
        if (it.text && overhang(*it.text, it.rect) > tolerance_px)
            out.push_back(name(it) + ": text at " + where(*it.text) + " runs outside its box " +
                          where(it.rect));
        if (it.text && screen_width > 0 &&
            (it.text->x < -tolerance_px || it.text->x + it.text->w > screen_width + tolerance_px))
            out.push_back(name(it) + ": text at " + where(*it.text) + " leaves the screen");
    }
    if (!overlaps) return out;
    std::vector<const Rect*> floats;
    for (const RecordedItem& it : items)
        if (floating.contains(it.id)) floats.push_back(&it.rect);
    auto takes_part = [&](const RecordedItem& it) {
        if (it.label.empty()) return false;
        return std::none_of(floats.begin(), floats.end(), [&](const Rect* f) {
            return inside(it.rect, *f, tolerance_px);  // the floating item and its own texts
        });
    };
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (!takes_part(items[i])) continue;
        for (std::size_t j = i + 1; j < items.size(); ++j) {
            if (!takes_part(items[j])) continue;
            const Rect &a = items[i].rect, &b = items[j].rect;
            if (inside(a, b, tolerance_px) || inside(b, a, tolerance_px)) continue;  // grouped
            if (overlap(a, b) > tolerance_px)
                out.push_back(name(items[i]) + " at " + where(items[i].rect) + " overlaps " +
                              name(items[j]) + " at " + where(items[j].rect));
        }
    }
    return out;
}

}  // namespace quay::platform
