// The virtual printer reads exactly what the driver writes, and refuses malformed streams
// with an error naming the byte offset (in-process and through the real binary).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "child_process.hpp"
#include "interpreter.hpp"
#include "quay/printer/escpos.hpp"
#include "quay/receipt/renderer.hpp"
#include "test_receipts.hpp"

using namespace quay;
using namespace quay::virtual_printer;
namespace escpos = quay::printer::escpos;

namespace {

std::vector<Page> interpret(const std::vector<std::uint8_t>& bytes, int width = 576,
                            std::size_t chunk = 4096) {
    std::vector<Page> pages;
    Interpreter interp(
        width, [] { return escpos::Status{}; }, [&](Page p) { pages.push_back(std::move(p)); });
    for (std::size_t i = 0; i < bytes.size(); i += chunk) {
        interp.feed({bytes.data() + i, std::min(chunk, bytes.size() - i)});
    }
    interp.finish();
    return pages;
}

std::string error_of(const std::vector<std::uint8_t>& bytes, std::uint64_t* offset = nullptr) {
    try {
        interpret(bytes);
    } catch (const StreamError& e) {
        if (offset) *offset = e.offset();
        return e.what();
    }
    return "accepted";
}

std::vector<std::uint8_t> raster_header(int width_bytes, int rows) {
    return {escpos::GS,
            'v',
            '0',
            0,
            static_cast<std::uint8_t>(width_bytes),
            0,
            static_cast<std::uint8_t>(rows),
            0};
}

}  // namespace

TEST_CASE("the driver's job comes back dot for dot, whatever the chunking") {
    receipt::Renderer renderer;
    const auto procs = test::procedures_to_print();
    for (const int width : {receipt::paper_80mm_dots, receipt::paper_58mm_dots}) {
        const auto raster =
            renderer.render(test::layout_for(procs.back(), test::receipt_code_for(1)), {width});
        const auto job = escpos::encode_job(raster);
        CHECK(job.size() == escpos::job_size(raster));
        for (const std::size_t chunk : {std::size_t{1} << 20, std::size_t{7}, std::size_t{1}}) {
            if (chunk == 1 && width == receipt::paper_80mm_dots) continue;  // slow under ASan
            const auto pages = interpret(job, width, chunk);
            REQUIRE(pages.size() == 1);
            const auto& page = pages[0].raster;
            CHECK(pages[0].cut);
            CHECK_FALSE(pages[0].discarded);
            CHECK(page.width() == width);
            CHECK(page.height() == raster.height() + escpos::feed_before_cut);
            for (int y = 0; y < raster.height(); ++y) {
                const auto a = page.row(y), b = raster.row(y);
                REQUIRE(std::equal(a.begin(), a.end(), b.begin(), b.end()));
            }
        }
    }
}

TEST_CASE("status queries are answered from the printer's state") {
    escpos::Status state;
    state.paper_near_end = true;
    Interpreter interp(
        576, [&] { return state; }, [](Page) {});
    auto q = escpos::query(escpos::Query::paper);
    auto reply = interp.feed(q);
    REQUIRE(reply.size() == 1);
    CHECK(escpos::is_status_byte(reply[0]));
    escpos::Status read;
    escpos::apply(read, escpos::Query::paper, reply[0]);
    CHECK(read.paper_near_end);
    CHECK_FALSE(read.paper_end);
    state.paper_end = true;
    for (const auto kind :
         {escpos::Query::printer, escpos::Query::offline_cause, escpos::Query::paper}) {
        reply = interp.feed(escpos::query(kind));
        REQUIRE(reply.size() == 1);
        escpos::apply(read, kind, reply[0]);
    }
    CHECK(read.paper_end);
    CHECK(read.offline);  // printers go offline when the paper ends
}

TEST_CASE("malformed streams are refused with the offset") {
    std::uint64_t offset = 0;
    CHECK(error_of({escpos::ESC, '@', 'A'}, &offset).find("unexpected byte 0x41") !=
          std::string::npos);
    CHECK(offset == 2);
    CHECK(error_of({escpos::ESC, 'Z'}).find("unsupported command ESC 0x5a") != std::string::npos);
    CHECK(error_of({escpos::GS, '(', 'k'}).find("unsupported command GS 0x28") !=
          std::string::npos);
    CHECK(error_of({escpos::DLE, escpos::EOT, 9}).find("bad status kind") != std::string::npos);
    CHECK(error_of({escpos::GS, 'V', 7}).find("bad cut mode") != std::string::npos);
    auto wide = raster_header(80, 1);  // 640 dots on 576-dot paper
    wide.resize(wide.size() + 80, 0xff);
    CHECK(error_of(wide).find("640 dots wide on paper 576") != std::string::npos);
    auto truncated = raster_header(72, 10);
    truncated.resize(truncated.size() + 700, 0xff);  // 720 promised
    CHECK(error_of(truncated, &offset).find("ends inside a command") != std::string::npos);
    CHECK(offset == 0);
    CHECK(error_of({escpos::ESC}).find("ends inside a command") != std::string::npos);
    auto bad_mode = raster_header(1, 1);
    bad_mode[3] = 9;
    bad_mode.push_back(0);
    CHECK(error_of(bad_mode).find("bad mode") != std::string::npos);
    // A page without a cut is still delivered, marked as such.
    auto uncut = raster_header(1, 2);
    uncut.insert(uncut.end(), {0x80, 0x01});
    const auto pages = interpret(uncut);
    REQUIRE(pages.size() == 1);
    CHECK_FALSE(pages[0].cut);
    CHECK(pages[0].raster.get(0, 0));
    CHECK(pages[0].raster.get(7, 1));
}

TEST_CASE("the binary refuses a malformed file with a JSON error and exit 2") {
    const auto dir = std::filesystem::path(QUAY_BINARY_DIR) / "receipt-out" / "vp-malformed";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const auto file = dir / "bad.bin";
    {
        std::ofstream out(file, std::ios::binary);
        auto bytes = raster_header(72, 4);
        bytes.resize(bytes.size() + 72 * 4, 0);
        bytes.insert(bytes.end(), {escpos::GS, 'V', 66, 0, escpos::ESC, '@', 0x07});
        out.write(reinterpret_cast<const char*>(bytes.data()),
                  static_cast<std::streamsize>(bytes.size()));
    }
    test::ChildProcess vp({test::virtual_printer_path(), "--in", file.string(), "--out-dir",
                           (dir / "pages").string()});
    const auto page = vp.next_json(std::chrono::seconds(30));
    REQUIRE(page);
    CHECK(page->contains("page"));  // the complete page before the garbage is kept
    const auto error = vp.next_json(std::chrono::seconds(30));
    REQUIRE(error);
    CHECK((*error)["error"] == "malformed_stream");
    CHECK((*error)["offset"] == 8 + 72 * 4 + 4 + 2);
    CHECK(vp.wait() == 2);
    CHECK(vp.stderr_text().find("unexpected byte 0x07") != std::string::npos);

    test::ChildProcess usage({test::virtual_printer_path(), "--in", file.string()});
    CHECK(usage.wait() == 2);
    CHECK(usage.stderr_text().find("--out-dir is required") != std::string::npos);
    test::ChildProcess remote(
        {test::virtual_printer_path(), "--listen", "0.0.0.0:0", "--out-dir", dir.string()});
    CHECK(remote.wait() == 2);
    CHECK(remote.stderr_text().find("loopback") != std::string::npos);
}
