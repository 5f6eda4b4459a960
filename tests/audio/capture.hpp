#pragma once
// SDL's disk audio driver as the tests' ears: what the kiosk would play lands in a file.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "quay/audio/pcm.hpp"

namespace quay::test {

namespace fs = std::filesystem;
using audio::Samples;

// A fresh capture file for SDL's disk driver; removed afterwards.
struct Capture {
    fs::path file;
    explicit Capture(const std::string& name) {
        ::setenv("SDL_AUDIODRIVER", "disk", 0);
        ::setenv("SDL_DISKAUDIODELAY", "1", 0);
        file = fs::temp_directory_path() /
               ("quay-audio-" + std::to_string(::getpid()) + "-" + name + ".raw");
        fs::remove(file);
        ::setenv("SDL_DISKAUDIOFILE", file.c_str(), 1);
    }
    ~Capture() { fs::remove(file); }
    // Everything captured from sample `from` on (the driver writes silence too: the file
    // grows all the time, so a long test reads only what is new).
    Samples samples(std::size_t from = 0) const {
        std::ifstream in(file, std::ios::binary);
        const std::size_t total = fs::file_size(file) / sizeof(std::int16_t);
        in.seekg(static_cast<std::streamoff>(std::min(from, total) * sizeof(std::int16_t)));
        Samples out(total - std::min(from, total));
        in.read(reinterpret_cast<char*>(out.data()),
                static_cast<std::streamsize>(out.size() * sizeof(std::int16_t)));
        return out;
    }
};

inline constexpr std::size_t window = quay::audio::sample_rate / 100;  // 10 ms

inline std::size_t loud_samples(const Samples& s) {
    std::size_t n = 0;
    for (const auto v : s)
        n += (v > 64 || v < -64) ? 1 : 0;
    return n;
}

}  // namespace quay::test
