#pragma once
// Interprets an ESC/POS byte stream the way a thermal printer does, for the commands the
// driver sends: ESC @, GS v 0 (all four scalings), ESC J, ESC d, LF, GS V (all cut forms)
// and DLE EOT 1-4. Anything else, or a stream that ends inside a command, is an error that
// names the byte offset: a real printer would print garbage, a test must fail.

#include <cstdint>
#include <functional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "quay/printer/escpos.hpp"
#include "quay/receipt/raster.hpp"

namespace quay::virtual_printer {

class StreamError : public std::runtime_error {
  public:
    StreamError(std::uint64_t offset, const std::string& message);
    std::uint64_t offset() const noexcept { return offset_; }

  private:
    std::uint64_t offset_;
};

struct Page {
    receipt::Raster raster;
    bool cut = true;         // false: the stream ended without a cut
    bool discarded = false;  // printed while out of paper, cover open or offline: lost
};

class Interpreter {
  public:
    // status(): the printer's state now (read at every query and every raster band).
    // on_paper(rows): dot rows of paper used (the simulated roll shortens).
    Interpreter(int paper_width_dots, std::function<printer::escpos::Status()> status,
                std::function<void(Page)> on_page, bool answer_status = true,
                std::function<void(int)> on_paper = {});

    // Consumes bytes; returns the bytes the printer sends back (status answers).
    // Throws StreamError.
    std::vector<std::uint8_t> feed(std::span<const std::uint8_t> bytes);
    // End of the stream: throws StreamError inside a command; an uncut page is delivered.
    void finish();

    std::uint64_t offset() const noexcept { return consumed_; }

  private:
    // Parses one command at the front of pending_; false when more bytes are needed.
    bool step(std::vector<std::uint8_t>& replies);
    void feed_rows(int rows);
    void raster(int mode, int width_bytes, int rows, const std::uint8_t* data);
    void cut();
    [[noreturn]] void fail(const std::string& message) const;

    int width_;
    std::function<printer::escpos::Status()> status_;
    std::function<void(Page)> on_page_;
    bool answer_status_;
    std::function<void(int)> on_paper_;
    std::vector<std::uint8_t> pending_;
    std::uint64_t consumed_ = 0;  // offset of pending_[0] in the stream
    receipt::Raster page_;
    bool page_started_ = false;
    bool page_discarded_ = false;
};

}  // namespace quay::virtual_printer
