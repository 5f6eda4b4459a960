#pragma once
// Turning what a scanner sends into scans (one string per code read). Pure: the reader
// thread feeds bytes or key events in; tests feed them directly.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace quay::scanner {

// The longest scan kept. A CCCD QR is about 150 bytes; anything much longer is garbage
// (a stuck key, line noise) and is cut so memory stays bounded.
inline constexpr std::size_t kMaxScan = 4096;

struct Scan {
    std::string bytes;       // as sent, without the terminator
    bool truncated = false;  // longer than kMaxScan: the rest was dropped
};

// Serial ports and FIFOs: a scan ends at CR or LF (CR LF counts once) or when the line
// goes quiet (flush()).
class LineDecoder {
  public:
    void feed(const char* data, std::size_t n, std::vector<Scan>& out);
    void flush(std::vector<Scan>& out);
    bool pending() const { return !current_.bytes.empty(); }

  private:
    Scan current_;
};

// HID keyboard-wedge scanners read as raw evdev key events (EV_KEY code/value), mapped
// with the US layout whatever the system keymap is. Enter ends a scan. Text outside ASCII
// arrives as Alt + keypad digits (the decimal code point, typed while Alt is held), which
// is how wedge scanners send Vietnamese.
class KeyDecoder {
  public:
    void key(std::uint16_t code, std::int32_t value, std::vector<Scan>& out);
    void flush(std::vector<Scan>& out);
    bool pending() const { return !current_.bytes.empty(); }

  private:
    void append(const std::string& s);
    Scan current_;
    bool shift_left_ = false, shift_right_ = false, alt_ = false, caps_ = false;
    std::uint32_t alt_code_ = 0;
    bool alt_digits_ = false;
};

}  // namespace quay::scanner
