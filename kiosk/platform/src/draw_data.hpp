#pragma once
// Draws ImGui's draw data with an SDL_Renderer, like the stock SDL_Renderer backend, but
// sends runs of untextured triangles (fills, borders, anti-aliased fringes: every vertex
// on the font atlas' white pixel) without the texture. SDL's software renderer fills
// those without sampling and modulating a texture per pixel, which is most of a frame's
// cost at 1080x1920 (bench/ui). GPU renderers draw the same pixels either way.

#include <SDL.h>
#include <imgui.h>

namespace quay::platform {

void render_draw_data(SDL_Renderer* renderer, const ImDrawData& data, ImVec2 white_uv);

}  // namespace quay::platform
