#pragma once
// A scanner read on its own thread. The device string comes from config [scanner] device:
//   /dev/input/event*   HID keyboard-wedge scanner (grabbed, so its keystrokes never reach
//                       the UI as typing)
//   /dev/tty*           USB serial scanner (raw bytes; CR or LF ends a scan)
//   a FIFO or a file    tests and demos (same framing as serial)
// A missing or unplugged device is retried every two seconds; health() says why it is not
// working. Scans are passed on as raw bytes: the caller validates them like any input.

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "quay/scanner/decoder.hpp"

namespace quay::scanner {

enum class Kind { evdev, serial, stream };
// How to read device (by path and file type); nullopt when it is none of them.
std::optional<Kind> kind_of(const std::string& device);

struct Health {
    enum class State { absent, ok } state = State::absent;
    std::string detail;  // what is wrong, in plain words (for the staff screen)
};

class Reader {
  public:
    using OnScan = std::function<void(Scan)>;             // called on the reader thread
    using OnHealth = std::function<void(const Health&)>;  // likewise, on every change

    Reader(std::string device, OnScan on_scan, OnHealth on_health = nullptr);
    // With the kind given instead of guessed from the path (tests read recorded key
    // events from a file).
    Reader(std::string device, Kind kind, OnScan on_scan, OnHealth on_health = nullptr);
    ~Reader();
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;

    Health health() const;
    const std::string& device() const { return device_; }

  private:
    void start();
    void run(std::stop_token stop);
    // Reads from fd until stop, an error or the end of a regular file. False: reopen.
    bool pump(int fd, Kind kind, std::stop_token& stop);
    void set_health(Health h);
    bool sleep_unless_stopped(int ms);

    std::string device_;
    std::optional<Kind> kind_;
    OnScan on_scan_;
    OnHealth on_health_;
    int stop_fd_ = -1;          // eventfd: wakes poll() when the reader stops
    mutable std::mutex mutex_;  // guards health_
    Health health_;
    std::jthread thread_;  // last: starts after everything it uses exists
};

}  // namespace quay::scanner
