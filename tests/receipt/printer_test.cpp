// Receipts printed through the real ESC/POS driver into the virtual printer (a separate
// process), over the file and TCP transports; the QR is read back from its PNG with zbar.
// Paper out, cover open, offline, silent and stalled printers give the right result.
#include <doctest/doctest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cstdlib>

#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>

#include "child_process.hpp"
#include "quay/printer/escpos.hpp"
#include "quay/printer/escpos_printer.hpp"
#include "quay/printer/print_queue.hpp"
#include "quay/receipt/png.hpp"
#include "quay/receipt/renderer.hpp"
#include "sample.hpp"
#include "silent_listener.hpp"
#include "test_receipts.hpp"
#include "zbar_decode.hpp"

using namespace quay;
using receipt::PrintOutcome;
namespace fs = std::filesystem;

namespace {

const fs::path out_root = fs::path(QUAY_BINARY_DIR) / "receipt-out";

fs::path fresh_dir(const std::string& name) {
    const auto d = out_root / name;
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

printer::EscPosPrinter printer_at(const std::string& device, int width = 576,
                                  int timeout_ms = 5000) {
    return printer::EscPosPrinter(
        {printer::parse_device(device), width, std::chrono::milliseconds(timeout_ms)});
}

// A virtual printer listening on a free loopback port.
struct VirtualPrinter {
    test::ChildProcess process;
    int port = 0;

    explicit VirtualPrinter(const fs::path& dir, std::vector<std::string> extra = {},
                            int width = 576)
        : process([&] {
              std::vector<std::string> argv{test::virtual_printer_path(),
                                            "--listen",
                                            "127.0.0.1:0",
                                            "--out-dir",
                                            dir.string(),
                                            "--width",
                                            std::to_string(width)};
              argv.insert(argv.end(), extra.begin(), extra.end());
              return argv;
          }()) {
        const auto first = process.next_json(std::chrono::seconds(30));
        REQUIRE(first);
        port = (*first)["listening"].get<int>();
    }
    std::string device() const { return "tcp://127.0.0.1:" + std::to_string(port); }

    // The lines the printer writes for one connection: pages, then the connection's end.
    std::vector<nlohmann::json> connection() {
        std::vector<nlohmann::json> lines;
        while (true) {
            const auto line = process.next_json(std::chrono::seconds(30));
            REQUIRE(line);
            lines.push_back(*line);
            if (line->contains("connection")) return lines;
        }
    }
};

std::vector<nlohmann::json> pages_of(const std::vector<nlohmann::json>& lines) {
    std::vector<nlohmann::json> pages;
    for (const auto& l : lines) {
        if (l.contains("page")) pages.push_back(l);
    }
    return pages;
}

// Inside the paper: nothing in the side margins.
void check_page(const fs::path& png, const std::string& url, int width) {
    const auto image = receipt::read_png(png);
    CHECK(image.width == width);
    const auto found = test::decode_qr(image);
    REQUIRE_MESSAGE(found.size() == 1, png);
    CHECK(found[0] == url);
    const auto raster = receipt::to_raster(image);
    CHECK(raster.columns_blank(0, 8));
    CHECK(raster.columns_blank(width - 8, width));
}

void write_control(const fs::path& file, const std::string& words) {
    const auto tmp = fs::path(file.string() + ".tmp");
    std::ofstream(tmp) << words;
    fs::rename(tmp, file);  // the printer never reads half a file
}

}  // namespace

TEST_CASE("every procedure, both widths, file transport: the QR decodes to the status URL") {
    receipt::Renderer renderer;
    const auto procs = test::procedures_to_print();
    for (const int width : {receipt::paper_80mm_dots, receipt::paper_58mm_dots}) {
        const auto dir = fresh_dir("file-" + std::to_string(width));
        // Each job goes to its own file (the file transport replaces it); the printer then
        // reads them all as one stream, like a printer getting jobs one after another.
        const auto stream = dir / "all-jobs.bin";
        std::vector<std::string> urls;
        for (std::size_t i = 0; i < procs.size(); ++i) {
            const auto code = test::receipt_code_for(i + 1);
            urls.push_back(test::expected_url(code));
            const auto lang = i % 2 ? Language::en : Language::vi;
            const auto raster = renderer.render(test::layout_for(procs[i], code, lang), {width});
            const auto job = dir / ("job-" + std::to_string(i) + ".bin");
            auto p = printer_at("file://" + job.string(), width);
            const auto result = p.print(raster);
            CHECK_MESSAGE(result.ok(), result.message);
            CHECK(fs::file_size(job) == printer::escpos::job_size(raster));
            std::ifstream in(job, std::ios::binary);
            std::ofstream(stream, std::ios::binary | std::ios::app) << in.rdbuf();
            struct stat st {};
            REQUIRE(::stat(job.c_str(), &st) == 0);
            CHECK((st.st_mode & 0777) == 0600);
        }
        test::ChildProcess vp({test::virtual_printer_path(), "--in", stream.string(), "--out-dir",
                               (dir / "pages").string(), "--width", std::to_string(width)});
        for (const auto& url : urls) {
            const auto page = vp.next_json(std::chrono::seconds(60));
            REQUIRE(page);
            REQUIRE(page->contains("page"));
            CHECK((*page)["cut"] == true);
            check_page((*page)["page"].get<std::string>(), url, width);
        }
        CHECK(vp.wait() == 0);
    }
}

TEST_CASE("every procedure, both widths, TCP transport with status queries") {
    receipt::Renderer renderer;
    const auto procs = test::procedures_to_print();
    for (const int width : {receipt::paper_80mm_dots, receipt::paper_58mm_dots}) {
        VirtualPrinter vp(fresh_dir("tcp-" + std::to_string(width)), {}, width);
        auto p = printer_at(vp.device(), width);
        for (std::size_t i = 0; i < procs.size(); ++i) {
            const auto code = test::receipt_code_for(100 + i);
            const auto raster = renderer.render(
                test::layout_for(procs[i], code, Language::vi, "delivered", test::long_name()),
                {width});
            const auto result = p.print(raster);
            CHECK_MESSAGE(result.ok(), result.message);
            CHECK_FALSE(result.paper_near_end);
            const auto pages = pages_of(vp.connection());
            REQUIRE(pages.size() == 1);
            CHECK(pages[0]["height"] == raster.height() + printer::escpos::feed_before_cut);
            check_page(pages[0]["page"].get<std::string>(), test::expected_url(code), width);
        }
    }
}

TEST_CASE("a faulty printer is reported, and nothing is sent to it") {
    receipt::Renderer renderer;
    const auto raster =
        renderer.render(test::layout_for(test::procedures_to_print().back(), "K0042-261121-0300"));
    const std::vector<std::pair<std::string, PrintOutcome>> faults = {
        {"--paper-out", PrintOutcome::paper_out},
        {"--cover-open", PrintOutcome::cover_open},
        {"--offline", PrintOutcome::offline},
        {"--error", PrintOutcome::error}};
    for (const auto& [flag, outcome] : faults) {
        CAPTURE(flag);
        VirtualPrinter vp(fresh_dir("fault" + flag), {flag});
        auto p = printer_at(vp.device());
        const auto result = p.print(raster);
        CHECK(result.outcome == outcome);
        CHECK_FALSE(result.message.empty());
        const auto lines = vp.connection();
        CHECK(pages_of(lines).empty());
        CHECK(lines.back()["bytes"] == 9);  // three status queries, no job
        CHECK(p.status().outcome == outcome);
        vp.connection();
    }
}

TEST_CASE("paper near its end still prints, and says so") {
    VirtualPrinter vp(fresh_dir("near-end"), {"--near-end"});
    auto p = printer_at(vp.device());
    receipt::Renderer renderer;
    const auto result = p.print(
        renderer.render(test::layout_for(test::procedures_to_print().back(), "K0042-261121-0301")));
    CHECK(result.ok());
    CHECK(result.paper_near_end);
    CHECK(pages_of(vp.connection()).size() == 1);
}

TEST_CASE("a roll that runs out during the receipt is reported as paper out") {
    VirtualPrinter vp(fresh_dir("runs-out"), {"--paper-rows", "600"});
    auto p = printer_at(vp.device());
    receipt::Renderer renderer;
    const auto raster =
        renderer.render(test::layout_for(test::procedures_to_print().back(), "K0042-261121-0302"));
    REQUIRE(raster.height() > 600);
    const auto result = p.print(raster);
    CHECK(result.outcome == PrintOutcome::paper_out);
    const auto pages = pages_of(vp.connection());
    REQUIRE(pages.size() == 1);
    CHECK(pages[0]["discarded"] == true);
    // Until the roll is changed, nothing more is printed.
    CHECK(p.print(raster).outcome == PrintOutcome::paper_out);
    CHECK(pages_of(vp.connection()).empty());
}

TEST_CASE("a printer that dies during the receipt is reported offline") {
    VirtualPrinter vp(fresh_dir("hangs"), {"--hang-after-rows", "400"});
    auto p = printer_at(vp.device(), 576, 500);
    receipt::Renderer renderer;
    const auto result = p.print(
        renderer.render(test::layout_for(test::procedures_to_print().back(), "K0042-261121-0306")));
    CHECK(result.outcome == PrintOutcome::offline);
    CHECK_MESSAGE((result.message.find("stopped answering") != std::string::npos ||
                   result.message.find("accepted no data") != std::string::npos),
                  result.message);
    const auto lines = vp.connection();
    CHECK(pages_of(lines).empty());
    CHECK(lines.back()["hung"] == true);
}

TEST_CASE("state changes while the printer runs (control file)") {
    const auto dir = fresh_dir("control");
    const auto control = dir / "state";
    write_control(control, "ok");
    VirtualPrinter vp(dir / "pages", {"--control", control.string()});
    auto p = printer_at(vp.device());
    receipt::Renderer renderer;
    const auto raster =
        renderer.render(test::layout_for(test::procedures_to_print().back(), "K0042-261121-0303"));
    CHECK(p.print(raster).ok());
    CHECK(pages_of(vp.connection()).size() == 1);
    write_control(control, "paper_out");
    CHECK(p.print(raster).outcome == PrintOutcome::paper_out);
    CHECK(pages_of(vp.connection()).empty());
    write_control(control, "cover_open");
    CHECK(p.print(raster).outcome == PrintOutcome::cover_open);
    vp.connection();
    write_control(control, "ok");  // the roll was changed: staff reprint
    CHECK(p.print(raster).ok());
    CHECK(pages_of(vp.connection()).size() == 1);
}

TEST_CASE("a printer that ignores status queries still gets the job") {
    VirtualPrinter vp(fresh_dir("no-status"), {"--no-status"});
    auto p = printer_at(vp.device(), 576, 300);
    receipt::Renderer renderer;
    const auto result = p.print(
        renderer.render(test::layout_for(test::procedures_to_print().back(), "K0042-261121-0304")));
    CHECK(result.ok());
    CHECK(result.message.find("does not report status") != std::string::npos);
    CHECK(pages_of(vp.connection()).size() == 1);
    CHECK(p.status().outcome == PrintOutcome::offline);
    vp.connection();
}

TEST_CASE("unreachable and stalled printers time out instead of hanging") {
    receipt::Renderer renderer;
    const auto raster =
        renderer.render(test::layout_for(test::procedures_to_print().back(), "K0042-261121-0305"));

    // A listener that accepts the connection but never reads a byte.
    quay::testing::SilentListener silent(4096);
    const auto port = std::to_string(silent.port());
    // A receipt as large as a long roll: more than any socket buffer holds.
    receipt::Raster huge(576, 20000);
    auto p = printer_at("tcp://127.0.0.1:" + port, 576, 300);
    const auto start = std::chrono::steady_clock::now();
    const auto stalled = p.print(huge);
    const auto took = std::chrono::steady_clock::now() - start;
    CHECK(stalled.outcome == PrintOutcome::offline);
    CHECK(stalled.message.find("accepted no data for 300 ms") != std::string::npos);
    CHECK(took >= std::chrono::milliseconds(300));
    CHECK(took < std::chrono::seconds(10));
    silent.hang_up();  // now nobody listens on that port

    const auto refused = printer_at("tcp://127.0.0.1:" + port, 576, 300).print(raster);
    CHECK(refused.outcome == PrintOutcome::offline);
    const auto unplugged = printer_at("/dev/usb/lp-quay-test-none", 576, 300).print(raster);
    CHECK(unplugged.outcome == PrintOutcome::offline);
    CHECK(unplugged.message.find("lp-quay-test-none") != std::string::npos);
    // A FIFO nobody reads from is a printer that is not there.
    // Its own directory per run (mkdtemp): two runs of this test never share the FIFO.
    fs::create_directories(out_root);
    std::string dir = (out_root / "fifo-XXXXXX").string();
    REQUIRE(::mkdtemp(dir.data()) != nullptr);
    const auto fifo = fs::path(dir) / "printer";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK(printer_at("file://" + fifo.string(), 576, 300).print(raster).outcome ==
          PrintOutcome::offline);
    // A receipt rendered for the other paper is refused, not clipped.
    CHECK(printer_at("file://" + (fifo.parent_path() / "x").string(), 384).print(raster).outcome ==
          PrintOutcome::error);
    fs::remove_all(dir);
}

TEST_CASE("device strings") {
    using K = printer::Device::Kind;
    CHECK(printer::parse_device("/dev/usb/lp0").kind == K::usb);
    const auto tcp = printer::parse_device("tcp://192.168.1.50:9101");
    CHECK(tcp.kind == K::tcp);
    CHECK(tcp.host == "192.168.1.50");
    CHECK(tcp.port == 9101);
    CHECK(printer::parse_device("tcp://printer.local").port == 9100);
    CHECK(printer::parse_device("tcp://[::1]:9100").host == "::1");
    CHECK(printer::parse_device("file:///tmp/out.bin").path == "/tmp/out.bin");
    for (const char* bad : {"", "lp0", "tcp://", "tcp://h:0", "tcp://h:70000", "tcp://h:x",
                            "file://relative", "usb://x"}) {
        CHECK_THROWS_AS(printer::parse_device(bad), Error);
    }
}

TEST_CASE("the print thread reports each job through the callback") {
    VirtualPrinter vp(fresh_dir("queue"));
    std::mutex m;
    std::condition_variable cv;
    std::vector<std::pair<std::string, receipt::PrintResult>> results;
    {
        printer::PrintQueue queue(std::make_unique<printer::EscPosPrinter>(printer_at(vp.device())),
                                  [&](const std::string& id, const receipt::PrintResult& r) {
                                      const std::lock_guard lock(m);
                                      results.emplace_back(id, r);
                                      cv.notify_all();
                                  });
        const auto proc = test::procedures_to_print().back();
        for (int i = 0; i < 3; ++i) {
            const auto code = test::receipt_code_for(400 + static_cast<std::size_t>(i));
            queue.submit({"job-" + std::to_string(i), [proc, code](int width) {
                              receipt::Renderer r;  // on the print thread
                              return r.render(test::layout_for(proc, code), {width});
                          }});
        }
        queue.submit(
            {"broken", [](int) -> receipt::Raster { throw std::runtime_error("font gone"); }});
        queue.check_status("status");
        std::unique_lock lock(m);
        REQUIRE(cv.wait_for(lock, std::chrono::seconds(60), [&] { return results.size() == 5; }));
    }
    CHECK(results[0].first == "job-0");
    CHECK(results[2].first == "job-2");
    for (int i = 0; i < 3; ++i)
        CHECK(results[static_cast<std::size_t>(i)].second.ok());
    CHECK(results[3].first == "broken");
    CHECK(results[3].second.outcome == PrintOutcome::error);
    CHECK(results[3].second.message.find("font gone") != std::string::npos);
    CHECK(results[4].second.outcome == PrintOutcome::printed);
    for (int i = 0; i < 3; ++i) {
        const auto pages = pages_of(vp.connection());
        REQUIRE(pages.size() == 1);
        check_page(pages[0]["page"].get<std::string>(),
                   test::expected_url(test::receipt_code_for(400 + static_cast<std::size_t>(i))),
                   576);
    }

    // No printer configured: every job is "offline", at once.
    std::promise<receipt::PrintResult> none;
    printer::PrintQueue empty(
        nullptr, [&](const std::string&, const receipt::PrintResult& r) { none.set_value(r); });
    empty.submit({"x", [](int) { return receipt::Raster(576, 1); }});
    auto f = none.get_future();
    REQUIRE(f.wait_for(std::chrono::seconds(30)) == std::future_status::ready);
    CHECK(f.get().outcome == PrintOutcome::offline);
}
