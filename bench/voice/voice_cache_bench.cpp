// voice_cache_bench [N]: for fixed sentences voice mode says, the time until the first
// sentence is ready for the speaker, synthesised (EspeakVoice, as Voice's worker does) and
// read from a SpeechCache (as Voice does on a hit). Prints one JSON document; never fails
// on time (bench/CMakeLists.txt).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "quay/audio/espeak_voice.hpp"
#include "quay/audio/speech_cache.hpp"
#include "quay/config/config.hpp"
#include "quay/speech/normalise.hpp"

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::stoi(argv[1]) : 20;
    const quay::config::SoundSection defaults;
    const int rate = static_cast<int>(defaults.rate);
    const auto dir = std::filesystem::temp_directory_path() / "quay-voice-cache-bench";
    std::filesystem::remove_all(dir);
    const quay::audio::SpeechCache cache(dir);
    const auto norm = quay::speech::Normaliser::embedded(quay::Language::vi);
    const std::vector<std::string> texts = {
        "Đã bật đọc to.", "Kiểm tra lại thông tin trước khi nộp.",
        "Ông hoặc Bà vui lòng nhập họ và tên đầy đủ, như trên căn cước công dân."};
    quay::audio::EspeakVoice engine;
    using Clock = std::chrono::steady_clock;
    auto ms = [](Clock::duration d) {
        return std::chrono::duration<double, std::milli>(d).count();
    };
    std::printf("{\"runs\": %d, \"voice\": \"%s\", \"rate\": %d, \"sentences\": [", n,
                defaults.voice_vi.c_str(), rate);
    for (std::size_t t = 0; t < texts.size(); ++t) {
        const std::string sentence = norm.sentences(texts[t]).front();
        double synth = 0, read = 0;
        std::size_t samples = 0;
        for (int i = 0; i < n; ++i) {
            const auto a = Clock::now();
            const auto pcm = engine.synthesise(sentence, defaults.voice_vi, rate);
            synth += ms(Clock::now() - a);
            if (i == 0) {
                samples = pcm.size();
                cache.store(defaults.voice_vi, rate, sentence, pcm);
            }
        }
        for (int i = 0; i < n; ++i) {
            const auto a = Clock::now();
            const auto pcm = cache.find(defaults.voice_vi, rate, sentence);
            read += ms(Clock::now() - a);
            if (!pcm || pcm->size() != samples) return 1;
        }
        std::printf(
            "%s{\"text\": \"%s\", \"speech_s\": %.2f, \"synthesised_ms\": %.2f, "
            "\"cached_ms\": %.3f}",
            t ? ", " : "", sentence.c_str(),
            static_cast<double>(samples) / quay::audio::sample_rate, synth / n, read / n);
    }
    std::printf("]}\n");
    std::filesystem::remove_all(dir);
    return 0;
}
