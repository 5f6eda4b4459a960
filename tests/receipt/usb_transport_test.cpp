// The USB printer-device transport (/dev/usb/lpN) is a character device read and written
// with poll(); a pseudo-terminal in raw mode is one too, so the driver's device path runs
// for real here against the interpreter on the other side.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <thread>

#include "interpreter.hpp"
#include "quay/printer/escpos_printer.hpp"
#include "quay/receipt/renderer.hpp"
#include "test_receipts.hpp"
#include "zbar_decode.hpp"

using namespace quay;

TEST_CASE("printing to a character device with status read back") {
    const int master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    REQUIRE(master >= 0);
    REQUIRE(::grantpt(master) == 0);
    REQUIRE(::unlockpt(master) == 0);
    const std::string slave_path = ::ptsname(master);
    // Raw mode, held by our own descriptor so the driver's open/close does not reset it.
    const int keep = ::open(slave_path.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
    REQUIRE(keep >= 0);
    termios tio{};
    REQUIRE(::tcgetattr(keep, &tio) == 0);
    ::cfmakeraw(&tio);
    REQUIRE(::tcsetattr(keep, TCSANOW, &tio) == 0);

    std::vector<virtual_printer::Page> pages;
    int stop[2];  // written to when the device side should stop
    REQUIRE(::pipe2(stop, O_CLOEXEC) == 0);
    std::string failure;
    std::thread device([&] {
        printer::escpos::Status state;
        state.paper_near_end = true;
        virtual_printer::Interpreter interp(
            576, [&] { return state; },
            [&](virtual_printer::Page p) { pages.push_back(std::move(p)); });
        std::uint8_t buf[4096];
        try {
            while (true) {
                pollfd p[2] = {{master, POLLIN, 0}, {stop[0], POLLIN, 0}};
                if (::poll(p, 2, -1) <= 0) continue;
                if (p[1].revents) break;
                const ssize_t n = ::read(master, buf, sizeof buf);
                if (n <= 0) continue;
                const auto replies = interp.feed({buf, static_cast<std::size_t>(n)});
                if (!replies.empty() && ::write(master, replies.data(), replies.size()) !=
                                            static_cast<ssize_t>(replies.size())) {
                    failure = "short reply write";
                }
            }
        } catch (const std::exception& e) {
            failure = e.what();
        }
    });

    receipt::Renderer renderer;
    const auto code = test::receipt_code_for(500);
    const auto raster = renderer.render(test::layout_for(test::procedures_to_print().back(), code));
    printer::EscPosPrinter p(
        {printer::parse_device(slave_path), 576, std::chrono::milliseconds(5000)});
    REQUIRE(printer::parse_device(slave_path).kind == printer::Device::Kind::usb);
    const auto result = p.print(raster);
    CHECK_MESSAGE(result.ok(), result.message);
    CHECK(result.paper_near_end);  // the answer came back through the device
    // The post-job status answer proves the device side has read the whole job.
    REQUIRE(::write(stop[1], "x", 1) == 1);
    device.join();
    ::close(stop[0]);
    ::close(stop[1]);
    ::close(keep);
    ::close(master);
    CHECK(failure.empty());
    REQUIRE(pages.size() == 1);
    const auto found = test::decode_qr(pages[0].raster);
    REQUIRE(found.size() == 1);
    CHECK(found[0] == test::expected_url(code));
}
