#include "interpreter.hpp"

#include <cstdio>

namespace quay::virtual_printer {
namespace {

using namespace printer::escpos;

constexpr int line_dots = 30;  // the default line spacing of ESC/POS printers at 203 dpi
constexpr int max_raster_rows = 2303;

std::string hex(std::uint8_t b) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02x", b);
    return buf;
}

}  // namespace

StreamError::StreamError(std::uint64_t offset, const std::string& message)
    : std::runtime_error("byte " + std::to_string(offset) + ": " + message), offset_(offset) {}

Interpreter::Interpreter(int paper_width_dots, std::function<Status()> status,
                         std::function<void(Page)> on_page, bool answer_status,
                         std::function<void(int)> on_paper)
    : width_(paper_width_dots),
      status_(std::move(status)),
      on_page_(std::move(on_page)),
      answer_status_(answer_status),
      on_paper_(std::move(on_paper)),
      page_(paper_width_dots, 0) {}

void Interpreter::fail(const std::string& message) const {
    throw StreamError(consumed_, message);
}

std::vector<std::uint8_t> Interpreter::feed(std::span<const std::uint8_t> bytes) {
    pending_.insert(pending_.end(), bytes.begin(), bytes.end());
    std::vector<std::uint8_t> replies;
    while (!pending_.empty() && step(replies)) {
    }
    return replies;
}

void Interpreter::finish() {
    if (!pending_.empty()) {
        fail("the stream ends inside a command starting with " + hex(pending_[0]) + " (" +
             std::to_string(pending_.size()) + " bytes left)");
    }
    if (page_started_) {
        on_page_({std::move(page_), false, page_discarded_});
        page_ = receipt::Raster(width_, 0);
        page_started_ = false;
    }
}

bool Interpreter::step(std::vector<std::uint8_t>& replies) {
    const auto& p = pending_;
    std::size_t used = 0;
    const auto need = [&](std::size_t n) { return p.size() >= n; };
    switch (p[0]) {
        case LF:
            feed_rows(line_dots);
            used = 1;
            break;
        case ESC: {
            if (!need(2)) return false;
            if (p[1] == '@') {
                used = 2;  // initialise: modes only; what was printed stays printed
            } else if (p[1] == 'J' || p[1] == 'd') {
                if (!need(3)) return false;
                feed_rows(p[1] == 'J' ? p[2] : p[2] * line_dots);
                used = 3;
            } else {
                fail("unsupported command ESC " + hex(p[1]));
            }
            break;
        }
        case GS: {
            if (!need(2)) return false;
            if (p[1] == 'v') {
                if (!need(8)) return false;
                if (p[2] != '0') fail("unsupported command GS v " + hex(p[2]));
                const int mode = p[3] >= '0' ? p[3] - '0' : p[3];
                if (mode < 0 || mode > 3) fail("GS v 0: bad mode " + hex(p[3]));
                const int x = p[4] | (p[5] << 8), y = p[6] | (p[7] << 8);
                if (x == 0 || y == 0) fail("GS v 0: empty raster");
                if (y > max_raster_rows) fail("GS v 0: " + std::to_string(y) + " rows in one band");
                const int scale_x = (mode & 1) ? 2 : 1;
                if (x * 8 * scale_x > width_) {
                    fail("GS v 0: raster " + std::to_string(x * 8 * scale_x) +
                         " dots wide on paper " + std::to_string(width_) + " dots wide");
                }
                const std::size_t size = 8 + static_cast<std::size_t>(x) * y;
                if (!need(size)) return false;
                raster(mode, x, y, p.data() + 8);
                used = size;
            } else if (p[1] == 'V') {
                if (!need(3)) return false;
                const auto m = p[2];
                if (m == 0 || m == 1 || m == 48 || m == 49) {
                    used = 3;
                } else if (m == 65 || m == 66) {
                    if (!need(4)) return false;
                    feed_rows(p[3]);
                    used = 4;
                } else {
                    fail("GS V: bad cut mode " + hex(m));
                }
                cut();
            } else {
                fail("unsupported command GS " + hex(p[1]));
            }
            break;
        }
        case DLE: {
            if (!need(3)) return false;
            if (p[1] != EOT) fail("unsupported command DLE " + hex(p[1]));
            if (p[2] < 1 || p[2] > 4) fail("DLE EOT: bad status kind " + hex(p[2]));
            if (answer_status_) replies.push_back(answer(status_(), static_cast<Query>(p[2])));
            used = 3;
            break;
        }
        default:
            fail("unexpected byte " + hex(p[0]) + " (text printing is not what the driver sends)");
    }
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(used));
    consumed_ += used;
    return true;
}

void Interpreter::feed_rows(int rows) {
    if (!page_started_) return;  // feeding before anything is printed: nothing to record
    page_.resize_height(page_.height() + rows);
    if (on_paper_) on_paper_(rows);
}

void Interpreter::raster(int mode, int width_bytes, int rows, const std::uint8_t* data) {
    const auto s = status_();
    if (s.paper_end || s.cover_open || s.offline) page_discarded_ = true;
    page_started_ = true;
    const int sx = (mode & 1) ? 2 : 1, sy = (mode & 2) ? 2 : 1;
    const int top = page_.height();
    page_.resize_height(top + rows * sy);
    if (on_paper_) on_paper_(rows * sy);
    for (int y = 0; y < rows; ++y) {
        for (int x = 0; x < width_bytes * 8; ++x) {
            if (!((data[static_cast<std::size_t>(y) * width_bytes + x / 8] >> (7 - x % 8)) & 1)) {
                continue;
            }
            page_.fill_rect(x * sx, top + y * sy, sx, sy);
        }
    }
}

void Interpreter::cut() {
    if (!page_started_) return;  // a cut with nothing printed makes no page
    on_page_({std::move(page_), true, page_discarded_});
    page_ = receipt::Raster(width_, 0);
    page_started_ = false;
    page_discarded_ = false;
}

}  // namespace quay::virtual_printer
