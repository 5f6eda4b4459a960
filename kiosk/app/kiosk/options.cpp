#include "options.hpp"

#include <charconv>

#include "quay/error.hpp"

namespace quay::kiosk_app {

const char* const kUsage =
    "usage: quay-kiosk --config FILE [--headless] [--size WxH] [--lang vi|en]\n"
    "                  [--script FILE] [--screenshot FILE.png] [--screenshot-dir DIR]\n";

namespace {

Error usage(const std::string& m) {
    return Error("usage", m);
}

}  // namespace

platform::Size parse_size(const std::string& s) {
    const auto x = s.find('x');
    platform::Size out;
    if (x == std::string::npos) throw usage("--size wants WxH, e.g. 1080x1920");
    auto a = std::from_chars(s.data(), s.data() + x, out.w);
    auto b = std::from_chars(s.data() + x + 1, s.data() + s.size(), out.h);
    if (a.ec != std::errc() || a.ptr != s.data() + x || b.ec != std::errc() ||
        b.ptr != s.data() + s.size() || out.w < 320 || out.h < 320 || out.w > 8192 ||
        out.h > 8192) {
        throw usage("--size wants WxH between 320 and 8192, e.g. 1080x1920");
    }
    return out;
}

Options parse_options(const std::vector<std::string>& args, const char* env_config) {
    Options o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> const std::string& {
            if (i + 1 >= args.size()) throw usage(a + " needs a value");
            return args[++i];
        };
        if (a == "--config")
            o.config = value();
        else if (a == "--headless")
            o.headless = true;
        else if (a == "--size")
            o.size = parse_size(value());
        else if (a == "--lang") {
            o.language = parse_language(value());
            if (!o.language) throw usage("--lang is vi or en");
        } else if (a == "--script")
            o.script = value();
        else if (a == "--screenshot")
            o.screenshot = value();
        else if (a == "--screenshot-dir")
            o.screenshot_dir = value();
        else if (a == "--help" || a == "-h")
            o.help = true;
        else
            throw usage("unknown argument '" + a + "'");
    }
    if (o.config.empty() && env_config != nullptr) o.config = env_config;
    if (o.config.empty() && !o.help) throw usage("--config FILE is required (or QUAY_CONFIG)");
    return o;
}

}  // namespace quay::kiosk_app
