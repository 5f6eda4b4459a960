#pragma once
// The ESC/POS bytes the driver sends and the status bytes it reads back. Only commands
// every ESC/POS thermal printer knows: ESC @, GS v 0 (raster bit image), ESC J (feed),
// GS V (feed and cut) and DLE EOT (real-time status).

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "quay/receipt/raster.hpp"

namespace quay::printer::escpos {

inline constexpr std::uint8_t ESC = 0x1b, GS = 0x1d, DLE = 0x10, EOT = 0x04, LF = 0x0a;

// Rows per GS v 0 command: small enough for the receive buffer of cheap printers,
// large enough that the 8-byte headers cost nothing.
inline constexpr int band_rows = 128;
// Dots fed before the cut so the last line clears the head (GS V 66 adds the distance
// from the head to the cutter itself).
inline constexpr int feed_before_cut = 24;

// ESC @, the raster in bands, a feed, GS V 66 0 (feed to the cutter, partial cut).
std::vector<std::uint8_t> encode_job(const receipt::Raster& raster);
// Bytes encode_job produces for a raster, without building them.
std::size_t job_size(const receipt::Raster& raster);

// DLE EOT n
enum class Query : std::uint8_t {
    printer = 1,        // bit 3: offline
    offline_cause = 2,  // bit 2: cover open, bit 5: stopped by paper end, bit 6: error
    error_cause = 3,    // bit 3: cutter error, bit 5: unrecoverable, bit 6: auto-recoverable
    paper = 4,          // bits 2+3: paper near end, bits 5+6: paper end
};
std::array<std::uint8_t, 3> query(Query q);

// Every status byte has bit 1 and bit 4 set and bits 0 and 7 clear.
bool is_status_byte(std::uint8_t b);

struct Status {
    bool offline = false;
    bool cover_open = false;
    bool paper_end = false;
    bool paper_near_end = false;
    bool error = false;
};

// Folds the answer to query q into status.
void apply(Status& status, Query q, std::uint8_t answer);

// The answer a printer in `status` gives to query q (the virtual printer uses it).
std::uint8_t answer(const Status& status, Query q);

}  // namespace quay::printer::escpos
