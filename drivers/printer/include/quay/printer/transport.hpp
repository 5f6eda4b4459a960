#pragma once
// How bytes reach a printer: a USB printer device (/dev/usb/lpN), a raw TCP socket
// (port 9100) or a file. Every write and read has a time limit; none ever blocks forever.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "quay/error.hpp"

namespace quay::printer {

// config [printer] device: "/dev/usb/lp0", "tcp://HOST:9100" (port optional), "file:///path"
struct Device {
    enum class Kind { usb, tcp, file };
    Kind kind = Kind::file;
    std::string path;  // usb, file
    std::string host;  // tcp
    std::uint16_t port = 9100;
};

// Throws quay::Error{"bad_printer_device"} naming what is wrong.
Device parse_device(std::string_view device);

// code(): "printer_unreachable" (cannot open or connect), "printer_timeout" (no progress
// within the time limit), "printer_io" (the device or connection failed mid-job).
class TransportError : public Error {
  public:
    using Error::Error;
};

class Transport {
  public:
    virtual ~Transport() = default;
    // All bytes, or TransportError when no byte is accepted for the time limit.
    virtual void write(std::span<const std::uint8_t> bytes) = 0;
    // One byte, or nullopt when none arrives within the time limit (or the peer closed).
    virtual std::optional<std::uint8_t> read_byte() = 0;
    // Throws away bytes already received (stray status answers).
    virtual void drain() = 0;
    // False for files: no status can be read back.
    virtual bool can_read() const = 0;
};

// Opens or connects within timeout. Throws TransportError{"printer_unreachable"}.
std::unique_ptr<Transport> open_transport(const Device& device, std::chrono::milliseconds timeout);

}  // namespace quay::printer
