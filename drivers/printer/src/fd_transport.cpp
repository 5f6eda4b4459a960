// USB printer devices, TCP sockets and files are all file descriptors: one transport,
// non-blocking, with poll() enforcing the time limits.
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "quay/printer/transport.hpp"
#include "quay/system/unique_fd.hpp"

namespace quay::printer {
namespace {

using Clock = std::chrono::steady_clock;

using system::UniqueFd;

std::string errno_text(int e) {
    return std::strerror(e);
}

// Waits for events on fd until deadline; false on timeout.
bool wait_for(int fd, short events, Clock::time_point deadline) {
    while (true) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) return false;
        pollfd p{fd, events, 0};
        const int n = ::poll(&p, 1, static_cast<int>(left));
        if (n > 0) return true;  // ready, or an error the next call reports
        if (n < 0 && errno != EINTR)
            throw TransportError("printer_io", "poll: " + errno_text(errno));
    }
}

class FdTransport final : public Transport {
  public:
    FdTransport(UniqueFd fd, std::chrono::milliseconds timeout, bool readable, bool socket,
                std::string name)
        : fd_(std::move(fd)),
          timeout_(timeout),
          readable_(readable),
          socket_(socket),
          name_(std::move(name)) {}

    void write(std::span<const std::uint8_t> bytes) override {
        auto deadline = Clock::now() + timeout_;
        while (!bytes.empty()) {
            const ssize_t n = socket_ ? ::send(fd_.get(), bytes.data(), bytes.size(), MSG_NOSIGNAL)
                                      : ::write(fd_.get(), bytes.data(), bytes.size());
            if (n > 0) {
                bytes = bytes.subspan(static_cast<std::size_t>(n));
                deadline = Clock::now() + timeout_;  // a stall limit: progress resets it
                continue;
            }
            if (n < 0 && errno == EINTR) continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                if (!wait_for(fd_.get(), POLLOUT, deadline)) {
                    throw TransportError("printer_timeout", name_ + " accepted no data for " +
                                                                std::to_string(timeout_.count()) +
                                                                " ms");
                }
                continue;
            }
            throw TransportError("printer_io", name_ + ": write failed: " +
                                                   (n < 0 ? errno_text(errno) : "no progress"));
        }
    }

    std::optional<std::uint8_t> read_byte() override {
        if (!readable_) return std::nullopt;
        const auto deadline = Clock::now() + timeout_;
        while (true) {
            std::uint8_t b = 0;
            const ssize_t n = ::read(fd_.get(), &b, 1);
            if (n == 1) return b;
            if (n == 0) return std::nullopt;  // closed
            if (errno == EINTR) continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK) {
                throw TransportError("printer_io", name_ + ": read failed: " + errno_text(errno));
            }
            if (!wait_for(fd_.get(), POLLIN, deadline)) return std::nullopt;
        }
    }

    void drain() override {
        if (!readable_) return;
        std::uint8_t buf[256];
        while (::read(fd_.get(), buf, sizeof buf) > 0) {
        }
    }

    bool can_read() const override { return readable_; }

  private:
    UniqueFd fd_;
    std::chrono::milliseconds timeout_;
    bool readable_;
    bool socket_;
    std::string name_;
};

[[noreturn]] void unreachable(const std::string& what, int e) {
    throw TransportError("printer_unreachable", what + ": " + errno_text(e));
}

std::unique_ptr<Transport> open_usb(const Device& d, std::chrono::milliseconds timeout) {
    UniqueFd fd(::open(d.path.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
    bool readable = true;
    if (fd.get() < 0 && (errno == EACCES || errno == EPERM || errno == EINVAL)) {
        // Some devices only allow writing: print without status.
        fd = UniqueFd(::open(d.path.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
        readable = false;
    }
    if (fd.get() < 0) unreachable(d.path, errno);
    return std::make_unique<FdTransport>(std::move(fd), timeout, readable, false, d.path);
}

std::unique_ptr<Transport> open_file(const Device& d, std::chrono::milliseconds timeout) {
    // O_NONBLOCK: a FIFO without a reader fails at once (ENXIO) instead of hanging.
    UniqueFd fd(
        ::open(d.path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NONBLOCK | O_CLOEXEC, 0600));
    if (fd.get() < 0) unreachable(d.path, errno);
    return std::make_unique<FdTransport>(std::move(fd), timeout, false, false, d.path);
}

std::unique_ptr<Transport> open_tcp(const Device& d, std::chrono::milliseconds timeout) {
    const std::string name = d.host + ":" + std::to_string(d.port);
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    addrinfo* found = nullptr;
    if (const int rc =
            ::getaddrinfo(d.host.c_str(), std::to_string(d.port).c_str(), &hints, &found)) {
        throw TransportError("printer_unreachable", name + ": " + ::gai_strerror(rc));
    }
    const std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> list(found, &::freeaddrinfo);
    const auto deadline = Clock::now() + timeout;
    int last_error = ECONNREFUSED;
    for (const addrinfo* a = list.get(); a; a = a->ai_next) {
        UniqueFd fd(
            ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol));
        if (fd.get() < 0) {
            last_error = errno;
            continue;
        }
        if (::connect(fd.get(), a->ai_addr, a->ai_addrlen) < 0) {
            if (errno != EINPROGRESS) {
                last_error = errno;
                continue;
            }
            if (!wait_for(fd.get(), POLLOUT, deadline)) {
                throw TransportError(
                    "printer_unreachable",
                    name + ": no connection within " + std::to_string(timeout.count()) + " ms");
            }
            int err = 0;
            socklen_t len = sizeof err;
            ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &len);
            if (err != 0) {
                last_error = err;
                continue;
            }
        }
        const int one = 1;  // status queries are 3 bytes: send them now
        ::setsockopt(fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        // A small send buffer: bytes the kernel accepts are close to bytes the printer took,
        // so a printer that stops reading is noticed by the write time limit.
        const int buffer = 64 * 1024;
        ::setsockopt(fd.get(), SOL_SOCKET, SO_SNDBUF, &buffer, sizeof buffer);
        return std::make_unique<FdTransport>(std::move(fd), timeout, true, true, name);
    }
    unreachable(name, last_error);
}

}  // namespace

std::unique_ptr<Transport> open_transport(const Device& device, std::chrono::milliseconds timeout) {
    switch (device.kind) {
        case Device::Kind::usb:
            return open_usb(device, timeout);
        case Device::Kind::tcp:
            return open_tcp(device, timeout);
        case Device::Kind::file:
            return open_file(device, timeout);
    }
    throw TransportError("printer_unreachable", "unknown device kind");
}

}  // namespace quay::printer
