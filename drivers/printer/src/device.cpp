#include <charconv>

#include "quay/printer/transport.hpp"

namespace quay::printer {

Device parse_device(std::string_view s) {
    const auto bad = [&](const std::string& why) {
        return Error("bad_printer_device",
                     "printer.device \"" + std::string(s) + "\": " + why +
                         " (use /dev/usb/lpN, tcp://HOST:PORT or file:///path)");
    };
    Device d;
    if (s.starts_with("tcp://")) {
        d.kind = Device::Kind::tcp;
        auto rest = s.substr(6);
        if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
        std::string_view host = rest, port;
        if (rest.starts_with("[")) {  // [::1]:9100
            const auto close = rest.find(']');
            if (close == std::string_view::npos) throw bad("unclosed [");
            host = rest.substr(1, close - 1);
            const auto after = rest.substr(close + 1);
            if (!after.empty()) {
                if (after[0] != ':') throw bad("expected :PORT after ]");
                port = after.substr(1);
            }
        } else if (const auto colon = rest.rfind(':'); colon != std::string_view::npos) {
            host = rest.substr(0, colon);
            port = rest.substr(colon + 1);
        }
        if (host.empty()) throw bad("no host");
        d.host = std::string(host);
        if (!port.empty()) {
            unsigned v = 0;
            const auto [p, ec] = std::from_chars(port.data(), port.data() + port.size(), v);
            if (ec != std::errc() || p != port.data() + port.size() || v == 0 || v > 65535) {
                throw bad("bad port");
            }
            d.port = static_cast<std::uint16_t>(v);
        }
        return d;
    }
    if (s.starts_with("file://")) {
        d.kind = Device::Kind::file;
        d.path = std::string(s.substr(7));
        if (!d.path.starts_with("/")) throw bad("file:// needs an absolute path");
        return d;
    }
    if (s.starts_with("/dev/")) {
        d.kind = Device::Kind::usb;
        d.path = std::string(s);
        return d;
    }
    throw bad("unknown kind of device");
}

}  // namespace quay::printer
