#pragma once
// quay-kiosk's command line (quayctl.md, "quay-kiosk flags for tests and screenshots").

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "quay/language.hpp"
#include "quay/platform/rotation.hpp"

namespace quay::kiosk_app {

struct Options {
    std::filesystem::path config;
    bool headless = false;
    std::optional<platform::Size> size;
    std::optional<Language> language;
    std::optional<std::filesystem::path> script;
    std::optional<std::filesystem::path> screenshot;
    std::filesystem::path screenshot_dir = ".";  // named screenshots of a script
    bool help = false;
    bool fixed_clock = false;  // the test clock without a script (benchmarks)
};

// Throws quay::Error{"usage"} with a plain message. QUAY_CONFIG is the config's fallback.
Options parse_options(const std::vector<std::string>& args, const char* env_config);
// "1080x1920"; throws Error("usage") outside 320..8192.
platform::Size parse_size(const std::string& s);
extern const char* const kUsage;

}  // namespace quay::kiosk_app
