#include "draw_data.hpp"

#include <cstddef>

namespace quay::platform {

namespace {

bool solid(const ImDrawVert& v, ImVec2 white) {
    return v.uv.x == white.x && v.uv.y == white.y;
}

// One run of triangles of the same kind, drawn with or without the texture.
void draw_run(SDL_Renderer* renderer, SDL_Texture* texture, const ImDrawVert* vertices,
              int vertex_count, const ImDrawIdx* indices, int index_count) {
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
    bool start_solid = true;
    for (int i = 0; i < count; i += 3) {
        const bool s = solid(vertices[indices[i]], white) &&
                       solid(vertices[indices[i + 1]], white) &&
                       solid(vertices[indices[i + 2]], white);
        if (i == 0) {
            start_solid = s;
        } else if (s != start_solid) {
            draw_run(renderer, start_solid ? nullptr : texture, vertices, vertex_count,
                     indices + start, i - start);
            start = i;
            start_solid = s;
        }
    }
    if (count > start)
        draw_run(renderer, start_solid ? nullptr : texture, vertices, vertex_count, indices + start,
                 count - start);
}

}  // namespace

void render_draw_data(SDL_Renderer* renderer, const ImDrawData& data, ImVec2 white_uv) {
    SDL_BlendMode old_mode = SDL_BLENDMODE_NONE;
    SDL_GetRenderDrawBlendMode(renderer, &old_mode);
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);  // the untextured runs
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
