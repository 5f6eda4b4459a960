#pragma once
// Which SDL renderer the kiosk draws with, and proof that it really draws.

#include <SDL.h>

#include <string>

namespace quay::platform {

// Creates the window's renderer with `flags`. On KMSDRM the GLES2 renderer is asked for
// first (the environment's SDL_RENDER_DRIVER still wins): SDL 2.26's desktop-GL renderer
// there runs on a GLES-only context and draws nothing but its clear colour. Each candidate
// must pass a draw-and-read-back check; the next driver is tried otherwise. Throws Error
// ("display") when none draws. `log` receives one line per refused renderer.
SDL_Renderer* create_drawing_renderer(SDL_Window* window, Uint32 flags,
                                      void (*log)(const std::string&));

// Draws one triangle into the back buffer and reads a pixel of it back.
bool renderer_draws(SDL_Renderer* renderer);

}  // namespace quay::platform
