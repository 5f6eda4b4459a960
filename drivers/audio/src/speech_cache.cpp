#include "quay/audio/speech_cache.hpp"

#include <cstdio>
#include <fstream>

#include "quay/error.hpp"

namespace quay::audio {

std::string speech_key(std::string_view voice, int rate, std::string_view sentence) {
    std::uint64_t h = 14695981039346656037ull;
    auto mix = [&](std::string_view s) {
        for (const char c : s) {
            h ^= static_cast<unsigned char>(c);
            h *= 1099511628211ull;
        }
        h ^= 0xff;  // a separator no UTF-8 byte equals: ("ab","c") differs from ("a","bc")
        h *= 1099511628211ull;
    };
    mix(voice);
    mix(std::to_string(rate));
    mix(sentence);
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
    return out;
}

std::filesystem::path SpeechCache::file_of(std::string_view voice, int rate,
                                           std::string_view sentence) const {
    return dir_ / (speech_key(voice, rate, sentence) + ".pcm");
}

std::optional<Samples> SpeechCache::find(std::string_view voice, int rate,
                                         std::string_view sentence) const {
    if (dir_.empty()) return std::nullopt;
    std::ifstream in(file_of(voice, rate, sentence), std::ios::binary | std::ios::ate);
    if (!in) return std::nullopt;
    const auto bytes = static_cast<std::size_t>(in.tellg());
    if (bytes == 0 || bytes % sizeof(std::int16_t) != 0) return std::nullopt;  // damaged
    Samples pcm(bytes / sizeof(std::int16_t));
    in.seekg(0);
    if (!in.read(reinterpret_cast<char*>(pcm.data()), static_cast<std::streamsize>(bytes)))
        return std::nullopt;
    return pcm;
}

void SpeechCache::store(std::string_view voice, int rate, std::string_view sentence,
                        const Samples& pcm) const {
    std::filesystem::create_directories(dir_);
    const auto path = file_of(voice, rate, sentence);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(pcm.data()),
              static_cast<std::streamsize>(pcm.size() * sizeof(std::int16_t)));
    if (!out) throw Error("io", "cannot write " + path.string());
}

}  // namespace quay::audio
