#include "quay/printer/escpos.hpp"

#include <algorithm>

namespace quay::printer::escpos {

namespace {
constexpr std::uint8_t status_fixed = 0x12;  // bits 1 and 4
}

std::size_t job_size(const receipt::Raster& r) {
    const std::size_t bands = (static_cast<std::size_t>(r.height()) + band_rows - 1) / band_rows;
    return 2 + bands * 8 + r.bytes().size() + 3 + 4;
}

std::vector<std::uint8_t> encode_job(const receipt::Raster& r) {
    std::vector<std::uint8_t> out;
    out.reserve(job_size(r));
    out.insert(out.end(), {ESC, '@'});
    const auto x = static_cast<unsigned>(r.stride());
    for (int y0 = 0; y0 < r.height(); y0 += band_rows) {
        const auto rows = static_cast<unsigned>(std::min(band_rows, r.height() - y0));
        out.insert(out.end(),
                   {GS, 'v', '0', 0, static_cast<std::uint8_t>(x & 0xff),
                    static_cast<std::uint8_t>(x >> 8), static_cast<std::uint8_t>(rows & 0xff),
                    static_cast<std::uint8_t>(rows >> 8)});
        const auto first = r.row(y0);
        out.insert(out.end(), first.data(), first.data() + static_cast<std::size_t>(x) * rows);
    }
    out.insert(out.end(), {ESC, 'J', static_cast<std::uint8_t>(feed_before_cut)});
    out.insert(out.end(), {GS, 'V', 66, 0});
    return out;
}

std::array<std::uint8_t, 3> query(Query q) {
    return {DLE, EOT, static_cast<std::uint8_t>(q)};
}

bool is_status_byte(std::uint8_t b) {
    return (b & 0x93) == status_fixed;
}

void apply(Status& s, Query q, std::uint8_t a) {
    const auto bit = [a](int n) { return ((a >> n) & 1) != 0; };
    switch (q) {
        case Query::printer:
            s.offline = s.offline || bit(3);
            break;
        case Query::offline_cause:
            s.cover_open = s.cover_open || bit(2);
            s.paper_end = s.paper_end || bit(5);
            s.error = s.error || bit(6);
            break;
        case Query::error_cause:
            s.error = s.error || bit(3) || bit(5) || bit(6);
            break;
        case Query::paper:
            s.paper_near_end = s.paper_near_end || (bit(2) && bit(3));
            s.paper_end = s.paper_end || (bit(5) && bit(6));
            break;
    }
}

std::uint8_t answer(const Status& s, Query q) {
    std::uint8_t a = status_fixed;
    const auto set = [&a](int n, bool on) {
        if (on) a = static_cast<std::uint8_t>(a | (1u << n));
    };
    switch (q) {
        case Query::printer:
            // A printer with its cover open or out of paper is offline too.
            set(3, s.offline || s.cover_open || s.paper_end);
            break;
        case Query::offline_cause:
            set(2, s.cover_open);
            set(5, s.paper_end);
            set(6, s.error);
            break;
        case Query::error_cause:
            set(6, s.error);
            break;
        case Query::paper:
            set(2, s.paper_near_end || s.paper_end);
            set(3, s.paper_near_end || s.paper_end);
            set(5, s.paper_end);
            set(6, s.paper_end);
            break;
    }
    return a;
}

}  // namespace quay::printer::escpos
