#include "draw_data.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>

namespace quay::platform {

namespace {

// How a triangle is drawn: sampled from the texture, or a plain fill (every vertex on the
// atlas' white pixel), blended only where some vertex is translucent.
enum class Kind { textured, fill_blend, fill_opaque };

Kind kind_of(const ImDrawVert& a, const ImDrawVert& b, const ImDrawVert& c, ImVec2 white) {
    const auto on_white = [&](const ImDrawVert& v) {
        return v.uv.x == white.x && v.uv.y == white.y;
    };
    if (!on_white(a) || !on_white(b) || !on_white(c)) return Kind::textured;
    const auto opaque = [](const ImDrawVert& v) {
        return (v.col & IM_COL32_A_MASK) == IM_COL32_A_MASK;
    };
    return opaque(a) && opaque(b) && opaque(c) ? Kind::fill_opaque : Kind::fill_blend;
}

// Two triangles (a, b, c) and (a, c, d) covering an axis-aligned rectangle in one colour:
// how ImGui fills a rectangle without rounding (window and button backgrounds). SDL's
// software renderer fills a rectangle row by row, but rasterises a triangle by testing
// every pixel of its bounding box.
std::optional<SDL_FRect> as_rect(const ImDrawVert* vertices, const ImDrawIdx* idx) {
    if (idx[3] != idx[0] || idx[4] != idx[2]) return std::nullopt;
    const ImDrawVert& a = vertices[idx[0]];
    const ImDrawVert& b = vertices[idx[1]];
    const ImDrawVert& c = vertices[idx[2]];
    const ImDrawVert& d = vertices[idx[5]];
    if (a.col != b.col || a.col != c.col || a.col != d.col) return std::nullopt;
    if (a.pos.y != b.pos.y || b.pos.x != c.pos.x || c.pos.y != d.pos.y || d.pos.x != a.pos.x)
        return std::nullopt;
    return SDL_FRect{std::min(a.pos.x, c.pos.x), std::min(a.pos.y, c.pos.y),
                     std::fabs(c.pos.x - a.pos.x), std::fabs(c.pos.y - a.pos.y)};
}

void fill_rect(SDL_Renderer* renderer, const SDL_FRect& rect, ImU32 col) {
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(renderer, col & 0xFF, (col >> 8) & 0xFF, (col >> 16) & 0xFF, 255);
    SDL_RenderFillRectF(renderer, &rect);
}

// One run of triangles of the same kind.
void draw_run(SDL_Renderer* renderer, Kind kind, SDL_Texture* texture, const ImDrawVert* vertices,
              int vertex_count, const ImDrawIdx* indices, int index_count) {
    if (kind != Kind::textured) {
        texture = nullptr;
        SDL_SetRenderDrawBlendMode(
            renderer, kind == Kind::fill_opaque ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    }
    const auto* base = reinterpret_cast<const char*>(vertices);
    constexpr int stride = static_cast<int>(sizeof(ImDrawVert));
    SDL_RenderGeometryRaw(
        renderer, texture, reinterpret_cast<const float*>(base + offsetof(ImDrawVert, pos)), stride,
        reinterpret_cast<const SDL_Color*>(base + offsetof(ImDrawVert, col)), stride,
        reinterpret_cast<const float*>(base + offsetof(ImDrawVert, uv)), stride, vertex_count,
        indices, index_count, static_cast<int>(sizeof(ImDrawIdx)));
}

void draw_command(SDL_Renderer* renderer, const ImDrawList& list, const ImDrawCmd& cmd,
                  ImVec2 white) {
    auto* texture = static_cast<SDL_Texture*>(cmd.GetTexID());
    const ImDrawVert* vertices = list.VtxBuffer.Data + cmd.VtxOffset;
    const int vertex_count = list.VtxBuffer.Size - static_cast<int>(cmd.VtxOffset);
    const ImDrawIdx* indices = list.IdxBuffer.Data + cmd.IdxOffset;
    const int count = static_cast<int>(cmd.ElemCount);
    int start = 0;
    Kind run = Kind::textured;
    auto flush = [&](int end) {
        if (end > start)
            draw_run(renderer, run, texture, vertices, vertex_count, indices + start, end - start);
    };
    for (int i = 0; i < count; i += 3) {
        const Kind k = kind_of(vertices[indices[i]], vertices[indices[i + 1]],
                               vertices[indices[i + 2]], white);
        if (k == Kind::fill_opaque && i + 6 <= count) {
            if (const auto rect = as_rect(vertices, indices + i)) {
                flush(i);
                fill_rect(renderer, *rect, vertices[indices[i]].col);
                start = i + 6;
                i += 3;  // the loop adds the other 3
                continue;
            }
        }
        if (i == start) {
            run = k;
        } else if (k != run) {
            flush(i);
            start = i;
            run = k;
        }
    }
    flush(count);
}

}  // namespace

void render_draw_data(SDL_Renderer* renderer, const ImDrawData& data, ImVec2 white_uv) {
    SDL_BlendMode old_mode = SDL_BLENDMODE_NONE;
    SDL_GetRenderDrawBlendMode(renderer, &old_mode);
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList& list = *data.CmdLists[n];
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            if (cmd.UserCallback != nullptr) continue;  // the kiosk draws no custom callbacks
            const ImVec2 clip_min(cmd.ClipRect.x - data.DisplayPos.x,
                                  cmd.ClipRect.y - data.DisplayPos.y);
            const ImVec2 clip_max(cmd.ClipRect.z - data.DisplayPos.x,
                                  cmd.ClipRect.w - data.DisplayPos.y);
            if (clip_max.x <= clip_min.x || clip_max.y <= clip_min.y) continue;
            const SDL_Rect clip{static_cast<int>(clip_min.x), static_cast<int>(clip_min.y),
                                static_cast<int>(clip_max.x - clip_min.x),
                                static_cast<int>(clip_max.y - clip_min.y)};
            SDL_RenderSetClipRect(renderer, &clip);
            draw_command(renderer, list, cmd, white_uv);
        }
    }
    SDL_RenderSetClipRect(renderer, nullptr);
    SDL_SetRenderDrawBlendMode(renderer, old_mode);
}

}  // namespace quay::platform
