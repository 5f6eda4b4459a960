// Config loader: any bytes give a Config or a ConfigError, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "quay/config/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        quay::config::parse(std::string_view(reinterpret_cast<const char*>(data), size),
                            "fuzz.toml");
    } catch (const quay::Error&) {
    }
    return 0;
}
