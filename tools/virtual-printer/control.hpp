#pragma once
// The simulated printer state: flags given at start, overridden by a control file that
// tests rewrite while the printer runs. The file holds words separated by white space:
// ok, paper_out, near_end, cover_open, offline, error. It is read at every status query
// and every raster band, so a change is seen by the next command, without signals or sleeps.

#include <filesystem>
#include <optional>
#include <string_view>

#include "quay/printer/escpos.hpp"

namespace quay::virtual_printer {

// Throws std::invalid_argument naming an unknown word.
printer::escpos::Status parse_state(std::string_view words);

class Control {
  public:
    Control(printer::escpos::Status initial, std::optional<std::filesystem::path> file);
    // The control file's state when it exists, else the initial flags.
    printer::escpos::Status now() const;

  private:
    printer::escpos::Status initial_;
    std::optional<std::filesystem::path> file_;
};

}  // namespace quay::virtual_printer
