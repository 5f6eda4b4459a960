#include "quay/platform/renderer_choice.hpp"

#include "quay/error.hpp"

namespace quay::platform {

namespace {

std::string name_of(SDL_Renderer* r) {
    SDL_RendererInfo info;
    return SDL_GetRendererInfo(r, &info) == 0 ? info.name : "?";
}

}  // namespace

bool renderer_draws(SDL_Renderer* renderer) {
    SDL_SetRenderDrawColor(renderer, 0, 0, 0, 255);
    SDL_RenderClear(renderer);
    const SDL_Color magenta{255, 0, 255, 255};
    const SDL_Vertex triangle[3] = {
        {{0, 0}, magenta, {0, 0}}, {{16, 0}, magenta, {0, 0}}, {{0, 16}, magenta, {0, 0}}};
    if (SDL_RenderGeometry(renderer, nullptr, triangle, 3, nullptr, 0) != 0) return false;
    Uint8 pixel[4] = {};
    const SDL_Rect at{2, 2, 1, 1};
    if (SDL_RenderReadPixels(renderer, &at, SDL_PIXELFORMAT_ABGR8888, pixel, 4) != 0) return false;
    return pixel[0] == 255 && pixel[1] == 0 && pixel[2] == 255;  // ABGR8888 is R,G,B,A bytes
}

SDL_Renderer* create_drawing_renderer(SDL_Window* window, Uint32 flags,
                                      void (*log)(const std::string&)) {
    const char* driver = SDL_GetCurrentVideoDriver();
    if (driver != nullptr && SDL_strcasecmp(driver, "KMSDRM") == 0) {
        // SDL_SetHint yields to the environment's SDL_RENDER_DRIVER; the software renderer's
        // window surface is shown through a GL renderer too.
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "opengles2");
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "opengles2");
    }
    // The preferred renderer first (-1: SDL's choice under the hint), then every other one,
    // then SDL's software renderer (no acceleration asked for).
    const Uint32 software = SDL_RENDERER_SOFTWARE | (flags & SDL_RENDERER_TARGETTEXTURE);
    for (const Uint32 wanted : {flags, software}) {
        for (int index = -1; index < SDL_GetNumRenderDrivers(); ++index) {
            SDL_Renderer* r = SDL_CreateRenderer(window, index, wanted);
            if (r == nullptr) continue;
            if (renderer_draws(r)) return r;
            log("renderer " + name_of(r) + " draws nothing here; trying the next one");
            SDL_DestroyRenderer(r);
            SDL_SetHint(SDL_HINT_RENDER_DRIVER, "");
        }
    }
    throw Error("display", "no SDL renderer can draw on this display");
}

}  // namespace quay::platform
