// quay-virtual-printer: an ESC/POS thermal printer in software (docs/receipts.md).
//
//   quay-virtual-printer --out-dir DIR [--width 576|384] (--in FILE | --listen [HOST:]PORT)
//       [--paper-out] [--near-end] [--cover-open] [--offline] [--error] [--control FILE]
//       [--no-status] [--paper-rows N] [--hang-after-rows N] [--connections N]
//
// --paper-rows N: the roll holds N dot rows (8 per mm); when they are used up the printer
// reports paper end and the rest of the page is lost, as when a roll runs out mid-receipt.
// --hang-after-rows N: after N dot rows the printer stops reading and answering (jammed
// or switched off mid-receipt) until the driver gives up and closes the connection.
// Each page (up to a cut) becomes DIR/page-NNNN.png. stdout gets one JSON object a line:
// {"listening": PORT} once the socket is bound (port 0 picks a free one), {"page": PATH,
// "width", "height", "cut", "discarded"} per page, {"connection": N, "bytes": B} when a
// connection ends and {"error": "malformed_stream", "message", "offset"} for a bad stream.
// Exit: 0 done, 2 bad arguments or (with --in) a malformed stream.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "control.hpp"
#include "interpreter.hpp"
#include "quay/receipt/png.hpp"

using namespace quay;
using namespace quay::virtual_printer;

namespace {

struct Options {
    std::filesystem::path out_dir;
    int width = 576;
    std::optional<std::filesystem::path> input;
    std::optional<std::string> listen;
    printer::escpos::Status state;
    std::optional<std::filesystem::path> control;
    bool answer_status = true;
    long connections = 0;       // 0: until killed
    long paper_rows = -1;       // -1: an endless roll
    long hang_after_rows = -1;  // -1: never
};

// The printer's state: the control flags, plus paper end once the roll is used up.
class Printer {
  public:
    explicit Printer(const Options& o)
        : control_(o.state, o.control),
          paper_left_(o.paper_rows),
          rows_to_hang_(o.hang_after_rows) {}
    printer::escpos::Status status() const {
        auto s = control_.now();
        if (paper_left_ == 0) s.paper_end = true;
        return s;
    }
    void use_paper(int rows) {
        if (paper_left_ > 0) paper_left_ = std::max(0L, paper_left_ - rows);
        if (rows_to_hang_ > 0) rows_to_hang_ = std::max(0L, rows_to_hang_ - rows);
    }
    bool hung() const { return rows_to_hang_ == 0; }

  private:
    Control control_;
    long paper_left_;
    long rows_to_hang_;
};

struct Usage : std::runtime_error {
    using std::runtime_error::runtime_error;
};

void emit(const nlohmann::json& j) {
    std::cout << j.dump() << std::endl;  // flushed: tests wait on these lines
}

Options parse(int argc, char** argv) {
    Options o;
    std::string state;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw Usage(a + " needs a value");
            return argv[++i];
        };
        if (a == "--out-dir")
            o.out_dir = value();
        else if (a == "--width") {
            const auto v = value();
            if (v != "576" && v != "384") throw Usage("--width is 576 or 384");
            o.width = std::stoi(v);
        } else if (a == "--in")
            o.input = value();
        else if (a == "--listen")
            o.listen = value();
        else if (a == "--paper-out")
            state += " paper_out";
        else if (a == "--near-end")
            state += " near_end";
        else if (a == "--cover-open")
            state += " cover_open";
        else if (a == "--offline")
            state += " offline";
        else if (a == "--error")
            state += " error";
        else if (a == "--control")
            o.control = value();
        else if (a == "--no-status")
            o.answer_status = false;
        else if (a == "--paper-rows") {
            const auto v = value();
            try {
                o.paper_rows = std::stol(v);
            } catch (const std::exception&) {
                throw Usage("--paper-rows needs a number");
            }
            if (o.paper_rows < 0) throw Usage("--paper-rows needs a number >= 0");
        } else if (a == "--hang-after-rows") {
            const auto v = value();
            try {
                o.hang_after_rows = std::stol(v);
            } catch (const std::exception&) {
                throw Usage("--hang-after-rows needs a number");
            }
            if (o.hang_after_rows < 0) throw Usage("--hang-after-rows needs a number >= 0");
        } else if (a == "--connections") {
            const auto v = value();
            try {
                o.connections = std::stol(v);
            } catch (const std::exception&) {
                throw Usage("--connections needs a number");
            }
            if (o.connections < 1) throw Usage("--connections needs a positive number");
        } else
            throw Usage("unknown argument " + a);
    }
    if (o.out_dir.empty()) throw Usage("--out-dir is required");
    if (o.input.has_value() == o.listen.has_value()) throw Usage("give one of --in or --listen");
    o.state = parse_state(state);
    return o;
}

class PageWriter {
  public:
    explicit PageWriter(std::filesystem::path dir) : dir_(std::move(dir)) {
        std::filesystem::create_directories(dir_);
    }
    void operator()(Page page) {
        char name[32];
        std::snprintf(name, sizeof name, "page-%04d.png", ++count_);
        const auto path = dir_ / name;
        // An empty raster cannot be a PNG; a cut after only feeding has one row.
        if (page.raster.height() == 0) page.raster.resize_height(1);
        receipt::write_png(page.raster, path);
        emit({{"page", path.string()},
              {"width", page.raster.width()},
              {"height", page.raster.height()},
              {"cut", page.cut},
              {"discarded", page.discarded}});
    }

  private:
    std::filesystem::path dir_;
    int count_ = 0;
};

void report(const StreamError& e) {
    emit({{"error", "malformed_stream"}, {"message", e.what()}, {"offset", e.offset()}});
    std::cerr << "quay-virtual-printer: malformed stream: " << e.what() << std::endl;
}

int run_file(const Options& o, Printer& printer, PageWriter& pages) {
    std::ifstream in(*o.input, std::ios::binary);
    if (!in) throw Usage("cannot read " + o.input->string());
    Interpreter interp(
        o.width, [&] { return printer.status(); }, [&](Page p) { pages(std::move(p)); },
        o.answer_status, [&](int rows) { printer.use_paper(rows); });
    std::vector<std::uint8_t> buf(1 << 16);
    try {
        while (in) {
            in.read(reinterpret_cast<char*>(buf.data()), static_cast<std::streamsize>(buf.size()));
            interp.feed({buf.data(), static_cast<std::size_t>(in.gcount())});
        }
        interp.finish();
    } catch (const StreamError& e) {
        report(e);
        return 2;
    }
    return 0;
}

// One connection: bytes in, status answers out, until the driver closes it.
void serve(int fd, const Options& o, Printer& printer, PageWriter& pages, long n) {
    Interpreter interp(
        o.width, [&] { return printer.status(); }, [&](Page p) { pages(std::move(p)); },
        o.answer_status, [&](int rows) { printer.use_paper(rows); });
    std::vector<std::uint8_t> buf(1 << 16);
    try {
        while (true) {
            if (printer.hung()) {
                // Dead: read nothing more, answer nothing, until the driver hangs up.
                pollfd p{fd, POLLRDHUP, 0};
                while (::poll(&p, 1, -1) < 0 && errno == EINTR) {
                }
                emit({{"connection", n}, {"bytes", interp.offset()}, {"hung", true}});
                return;
            }
            const ssize_t got = ::read(fd, buf.data(), buf.size());
            if (got < 0 && errno == EINTR) continue;
            if (got <= 0) break;
            const auto replies = interp.feed({buf.data(), static_cast<std::size_t>(got)});
            for (std::size_t sent = 0; sent < replies.size();) {
                const ssize_t w =
                    ::send(fd, replies.data() + sent, replies.size() - sent, MSG_NOSIGNAL);
                if (w < 0 && errno == EINTR) continue;
                if (w <= 0) break;
                sent += static_cast<std::size_t>(w);
            }
        }
        interp.finish();
    } catch (const StreamError& e) {
        report(e);
    }
    emit({{"connection", n}, {"bytes", interp.offset()}});
}

int run_listen(const Options& o, Printer& printer, PageWriter& pages) {
    std::string host = "127.0.0.1", port = *o.listen;
    if (const auto colon = o.listen->rfind(':'); colon != std::string::npos) {
        host = o.listen->substr(0, colon);
        port = o.listen->substr(colon + 1);
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    if (::inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1 ||
        (ntohl(addr.sin_addr.s_addr) >> 24) != 127) {
        throw Usage("--listen takes a loopback IPv4 address (127.x.x.x), not " + host);
    }
    int port_number = 0;
    try {
        port_number = std::stoi(port);
    } catch (const std::exception&) {
        throw Usage("bad port " + port);
    }
    if (port_number < 0 || port_number > 65535) throw Usage("bad port " + port);
    addr.sin_port = htons(static_cast<std::uint16_t>(port_number));
    const int s = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int one = 1;
    if (s >= 0) ::setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (s < 0 || ::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) < 0 ||
        ::listen(s, 4) < 0) {
        std::cerr << "quay-virtual-printer: cannot listen on " << *o.listen << ": "
                  << std::strerror(errno) << std::endl;
        return 1;
    }
    socklen_t len = sizeof addr;
    ::getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len);
    emit({{"listening", ntohs(addr.sin_port)}});
    for (long n = 1; o.connections == 0 || n <= o.connections; ++n) {
        const int c = ::accept4(s, nullptr, nullptr, SOCK_CLOEXEC);
        if (c < 0) {
            if (errno == EINTR) {
                --n;
                continue;
            }
            std::cerr << "quay-virtual-printer: accept: " << std::strerror(errno) << std::endl;
            ::close(s);
            return 1;
        }
        serve(c, o, printer, pages, n);
        ::close(c);
    }
    ::close(s);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const Options o = parse(argc, argv);
        Printer printer(o);
        PageWriter pages(o.out_dir);
        return o.input ? run_file(o, printer, pages) : run_listen(o, printer, pages);
    } catch (const Usage& e) {
        std::cerr << "quay-virtual-printer: " << e.what() << "\n"
                  << "usage: quay-virtual-printer --out-dir DIR [--width 576|384] "
                     "(--in FILE | --listen [HOST:]PORT) [--paper-out] [--near-end] "
                     "[--cover-open] [--offline] [--error] [--control FILE] [--no-status] "
                     "[--paper-rows N] [--hang-after-rows N] [--connections N]"
                  << std::endl;
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "quay-virtual-printer: " << e.what() << std::endl;
        return 1;
    }
}
