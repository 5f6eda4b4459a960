#include "quay/receipt/renderer.hpp"

#include <algorithm>

#include "quay/error.hpp"
#include "quay/receipt/qr.hpp"
#include "quay/text/utf8.hpp"
#include "receipt/glyph_cache.hpp"

namespace quay::receipt {
namespace {

using detail::Glyph;
using detail::GlyphCache;

int pixel_size(TextSize s) {
    switch (s) {
        case TextSize::small:
            return 22;
        case TextSize::normal:
            return 26;
        case TextSize::large:
            return 30;
        case TextSize::huge:
            return 42;
    }
    return 24;
}

struct Cell {
    char32_t cp;
    const Glyph* glyph;
};

bool is_combining(char32_t cp) {
    return (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x1ab0 && cp <= 0x1aff) ||
           (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff);
}

// A first glyph whose ink starts left of its pen (j, ỵ) is moved right by that much.
int overhang(const std::vector<Cell>& cells, std::size_t from, std::size_t to) {
    return from < to ? std::max(0, -cells[from].glyph->left) : 0;
}

// Dots from the line's start to the right edge of the last ink (or advance) of cells.
int extent(const std::vector<Cell>& cells, std::size_t from, std::size_t to) {
    int pen = overhang(cells, from, to), right = 0;
    for (std::size_t i = from; i < to; ++i) {
        const Glyph& g = *cells[i].glyph;
        if (cells[i].cp != U' ')
            right = std::max(right, pen + std::max(g.advance, g.left + g.width));
        pen += g.advance;
    }
    return right;
}

struct Line {
    std::size_t from, to;  // cells
    int indent;            // dots (hanging paragraphs)
};

// Greedy breaking at spaces; a word wider than the line is broken between letters so that
// nothing is ever cut off.
std::vector<Line> break_lines(const std::vector<Cell>& cells, int avail, int hang) {
    std::vector<Line> lines;
    std::size_t start = 0;
    const auto indent = [&] { return lines.empty() ? 0 : hang; };
    while (start < cells.size()) {
        const int width = avail - indent();
        std::size_t end = start, last_space = std::string::npos, last_break_after = 0;
        bool forced = false;
        while (end < cells.size()) {
            if (cells[end].cp == U'\n') {
                forced = true;
                break;
            }
            if (cells[end].cp == U' ') last_space = end;
            // After a hyphen or slash (codes, URLs): the mark stays on the first line.
            if ((cells[end].cp == U'-' || cells[end].cp == U'/') && end > start &&
                extent(cells, start, end + 1) <= width) {
                last_break_after = end + 1;
            }
            if (cells[end].cp != U' ' && extent(cells, start, end + 1) > width && end > start) {
                break;
            }
            ++end;
        }
        if (forced || end == cells.size()) {
            lines.push_back({start, end, indent()});
            start = end + (forced ? 1 : 0);
            if (forced && start == cells.size()) lines.push_back({start, start, indent()});
            continue;
        }
        std::size_t cut = end;
        // A space first: a code like "DVC-2026-000123" moves to the next line whole, and is
        // broken after a hyphen only when it is wider than a line by itself.
        if (last_space != std::string::npos && last_space > start) {
            cut = last_space;
        } else if (last_break_after > start) {
            cut = last_break_after;
        } else {
            while (cut > start + 1 && is_combining(cells[cut].cp))
                --cut;  // keep a mark with its letter
        }
        lines.push_back({start, cut, indent()});
        start = cut;
        while (start < cells.size() && cells[start].cp == U' ')
            ++start;
    }
    return lines;
}

class Painter {
  public:
    Painter(GlyphCache& glyphs, const RenderOptions& o, std::vector<LineBox>* lines)
        : glyphs_(glyphs), o_(o), lines_(lines), raster_(o.width_dots, 0) {
        avail_ = o.width_dots - 2 * o.margin_dots;
        if (o.margin_dots < 0 || avail_ < 200) {
            throw Error("bad_paper_width", "paper width " + std::to_string(o.width_dots) +
                                               " dots leaves no room to print");
        }
    }

    void space(int dots) { y_ += dots; }

    void rule() {
        y_ += 6;
        grow(y_ + 2);
        raster_.fill_rect(o_.margin_dots, y_, avail_, 2);
        y_ += 2 + 6;
    }

    void paragraph(const Paragraph& p) {
        int px = pixel_size(p.size);
        std::size_t hang_from = 0;
        std::vector<Cell> cells = shape(p, px, hang_from);
        if (p.shrink_to_fit) {
            const int smallest = pixel_size(TextSize::normal);
            while (px > smallest && extent(cells, 0, cells.size()) > avail_)
                cells = shape(p, --px, hang_from);
        }
        const int hang = p.hanging && hang_from > 0 ? extent(cells, 0, hang_from) : 0;
        const auto base = glyphs_.metrics(false, px);
        for (const auto& line : break_lines(cells, avail_, hang)) {
            int ascent = base.ascent, descent = base.descent;
            for (std::size_t i = line.from; i < line.to; ++i) {
                const Glyph& g = *cells[i].glyph;
                if (g.rows == 0) continue;
                ascent = std::max(ascent, g.top);
                descent = std::max(descent, g.rows - g.top);
            }
            const int width = extent(cells, line.from, line.to);
            int x = o_.margin_dots + line.indent;
            if (p.align == Align::centre) x += std::max(0, (avail_ - line.indent - width) / 2);
            const int baseline = y_ + ascent;
            grow(baseline + descent);
            if (lines_) {
                std::u32string text;
                for (std::size_t i = line.from; i < line.to; ++i)
                    text += cells[i].cp;
                lines_->push_back({text::encode(text), x, width, y_, baseline + descent});
            }
            x += overhang(cells, line.from, line.to);
            for (std::size_t i = line.from; i < line.to; ++i) {
                draw(*cells[i].glyph, x, baseline);
                x += cells[i].glyph->advance;
            }
            y_ = baseline + descent;
        }
    }

    void qr(const QrBlock& q) {
        const QrMatrix m = encode_qr(q.payload);
        const int modules = m.size + 2 * qr_quiet_zone;
        int module = 6;  // dots; 0.75 mm modules read well from a phone held close
        while (module > 4 && modules * module > avail_)
            --module;
        if (modules * module > avail_) {
            throw Error("qr_too_large", "the status URL is too long for a QR code on this paper");
        }
        const int x0 = o_.margin_dots + (avail_ - m.size * module) / 2;
        const int y0 = y_ + qr_quiet_zone * module;
        grow(y0 + (m.size + qr_quiet_zone) * module);
        for (int my = 0; my < m.size; ++my) {
            for (int mx = 0; mx < m.size; ++mx) {
                if (m.at(mx, my))
                    raster_.fill_rect(x0 + mx * module, y0 + my * module, module, module);
            }
        }
        y_ = y0 + (m.size + qr_quiet_zone) * module;
    }

    Raster finish() {
        grow(y_ + 16);
        return std::move(raster_);
    }

  private:
    std::vector<Cell> shape(const Paragraph& p, int px, std::size_t& hang_from) {
        std::vector<Cell> cells;
        for (std::size_t s = 0; s < p.spans.size(); ++s) {
            if (s == 1) hang_from = cells.size();
            for (const char32_t cp : text::decode(p.spans[s].text))
                cells.push_back({cp, &glyphs_.get(cp, p.spans[s].bold, px)});
        }
        return cells;
    }

    void grow(int height) {
        if (height > raster_.height()) raster_.resize_height(height);
    }

    void draw(const Glyph& g, int pen_x, int baseline) {
        const int x0 = pen_x + g.left, y0 = baseline - g.top;
        for (int y = 0; y < g.rows; ++y) {
            for (int x = 0; x < g.width; ++x) {
                if (g.ink[static_cast<std::size_t>(y) * g.width + x]) raster_.set(x0 + x, y0 + y);
            }
        }
    }

    GlyphCache& glyphs_;
    RenderOptions o_;
    std::vector<LineBox>* lines_;
    Raster raster_;
    int avail_ = 0;
    int y_ = 12;  // top margin
};

}  // namespace

struct Renderer::Impl {
    FontFiles files;
    std::unique_ptr<GlyphCache> mono, grey;  // opened on first use of each mode

    GlyphCache& cache(GlyphMode mode) {
        auto& c = mode == GlyphMode::mono_hinted ? mono : grey;
        if (!c) c = std::make_unique<GlyphCache>(files, mode);
        return *c;
    }
};

Renderer::Renderer(const FontFiles& fonts) : impl_(std::make_unique<Impl>()) {
    impl_->files = fonts;
    impl_->cache(GlyphMode::mono_hinted);  // fail now, not at the first print, if fonts lack
}

Renderer::~Renderer() = default;
Renderer::Renderer(Renderer&&) noexcept = default;
Renderer& Renderer::operator=(Renderer&&) noexcept = default;

Raster Renderer::render(const Layout& layout, const RenderOptions& options,
                        std::vector<LineBox>* lines) {
    Painter painter(impl_->cache(options.glyphs), options, lines);
    for (const auto& block : layout.blocks) {
        std::visit(
            [&](const auto& b) {
                using T = std::decay_t<decltype(b)>;
                if constexpr (std::is_same_v<T, Paragraph>)
                    painter.paragraph(b);
                else if constexpr (std::is_same_v<T, Rule>)
                    painter.rule();
                else if constexpr (std::is_same_v<T, Space>)
                    painter.space(b.dots);
                else
                    painter.qr(b);
            },
            block);
    }
    return painter.finish();
}

}  // namespace quay::receipt
