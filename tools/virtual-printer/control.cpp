#include "control.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace quay::virtual_printer {

printer::escpos::Status parse_state(std::string_view words) {
    printer::escpos::Status s;
    std::istringstream in{std::string(words)};
    for (std::string w; in >> w;) {
        if (w == "ok")
            continue;
        else if (w == "paper_out")
            s.paper_end = true;
        else if (w == "near_end")
            s.paper_near_end = true;
        else if (w == "cover_open")
            s.cover_open = true;
        else if (w == "offline")
            s.offline = true;
        else if (w == "error")
            s.error = true;
        else
            throw std::invalid_argument("unknown printer state \"" + w + "\"");
    }
    return s;
}

Control::Control(printer::escpos::Status initial, std::optional<std::filesystem::path> file)
    : initial_(initial), file_(std::move(file)) {}

printer::escpos::Status Control::now() const {
    if (!file_) return initial_;
    std::ifstream in(*file_);
    if (!in) return initial_;
    std::stringstream ss;
    ss << in.rdbuf();
    try {
        return parse_state(ss.str());
    } catch (const std::invalid_argument&) {
        return initial_;  // a half-written file: keep the flags until it is complete
    }
}

}  // namespace quay::virtual_printer
