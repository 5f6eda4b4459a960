// Receipt benchmark: time to turn a stored dossier into the printer's raster (build the
// facts, lay out, render with FreeType), p50/p99 over many receipts, for both paper widths;
// bytes sent per receipt; and the time the printer needs to feed that much paper.
// Prints figures; never passes or fails on time.
//
//   receipt_bench [ITERATIONS]

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "bench_dossiers.hpp"
#include "quay/locale/locale.hpp"
#include "quay/printer/escpos.hpp"
#include "quay/receipt/builder.hpp"
#include "quay/receipt/png.hpp"
#include "quay/receipt/renderer.hpp"

using namespace quay;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

constexpr double feed_mm_per_s = 250.0;  // a typical kiosk thermal printer

}  // namespace

int main(int argc, char** argv) {
    const int iterations = argc > 1 ? std::max(1, std::atoi(argv[1])) : 300;
    const auto catalog = bench::catalog();
    const auto config = bench::config();
    const auto locale = locale::Locale::embedded();
    const auto dossiers = bench::dossiers(catalog);

    const auto t0 = Clock::now();
    receipt::Renderer renderer;
    const double open_ms = ms(Clock::now() - t0);
    std::printf("receipt_bench: %zu procedures, %d receipts per width, fonts opened in %.2f ms\n",
                catalog.procedures.size(), iterations, open_ms);
    std::printf("%-6s %9s %9s %9s %9s %10s %10s %9s %11s\n", "width", "first_ms", "p50_ms",
                "p99_ms", "max_ms", "height", "bytes", "feed_ms", "render/feed");

    for (const int width : {receipt::paper_80mm_dots, receipt::paper_58mm_dots}) {
        std::vector<double> times;
        std::vector<double> heights, bytes;
        double first = 0;
        for (int i = 0; i < iterations; ++i) {
            const auto& d = dossiers[static_cast<std::size_t>(i) % dossiers.size()];
            const auto lang = i % 4 == 3 ? Language::en : Language::vi;
            const auto start = Clock::now();
            const auto data = receipt::build_receipt(d, catalog, config,
                                                     {lang, std::chrono::system_clock::now(), 420});
            const auto raster =
                renderer.render(receipt::make_layout(data, locale.strings(lang)), {width});
            const double t = ms(Clock::now() - start);
            if (i == 0) first = t;
            times.push_back(t);
            heights.push_back(raster.height());
            // The job, plus the two rounds of three status queries around it.
            bytes.push_back(static_cast<double>(printer::escpos::job_size(raster) + 18));
        }
        const double height = percentile(heights, 0.5);
        const double feed_ms = (height + printer::escpos::feed_before_cut) / receipt::dots_per_mm /
                               feed_mm_per_s * 1000.0;
        const double p50 = percentile(times, 0.5);
        std::printf("%-6d %9.2f %9.2f %9.2f %9.2f %10.0f %10.0f %9.0f %10.1f%%\n", width, first,
                    p50, percentile(times, 0.99), *std::max_element(times.begin(), times.end()),
                    height, percentile(bytes, 0.5), feed_ms, 100.0 * p50 / feed_ms);
    }

    // The PNG of `quayctl receipt` (not on the printing path).
    const auto data = receipt::build_receipt(dossiers[0], catalog, config,
                                             {Language::vi, std::chrono::system_clock::now(), 420});
    const auto raster = renderer.render(receipt::make_layout(data, locale.strings(Language::vi)));
    std::vector<double> png_times;
    std::size_t png_bytes = 0;
    for (int i = 0; i < std::min(iterations, 100); ++i) {
        const auto start = Clock::now();
        png_bytes = receipt::encode_png(raster).size();
        png_times.push_back(ms(Clock::now() - start));
    }
    std::printf("png (576): p50 %.2f ms, %zu bytes\n", percentile(png_times, 0.5), png_bytes);
    std::printf(
        "height, bytes: medians over the receipts; feed_ms: raster + cut feed at %.0f mm/s, "
        "%d dots/mm\n",
        feed_mm_per_s, receipt::dots_per_mm);
    return 0;
}
