#include "quay/scanner/reader.hpp"
#include "quay/system/unique_fd.hpp"

#include <fcntl.h>
#include <linux/input.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace quay::scanner {

namespace {

constexpr int kQuietMs = 150;   // a scan without a terminator ends after this silence
constexpr int kRetryMs = 2000;  // reopen a missing device this often

using Fd = system::UniqueFd;

bool starts_with(const std::string& s, std::string_view p) {
    return s.rfind(p, 0) == 0;
}

}  // namespace

std::optional<Kind> kind_of(const std::string& device) {
    if (device.empty()) return std::nullopt;
    if (starts_with(device, "/dev/input/")) return Kind::evdev;
    if (starts_with(device, "/dev/tty")) return Kind::serial;
    struct stat st {};
    if (::stat(device.c_str(), &st) != 0) return Kind::stream;  // may appear later
    if (S_ISFIFO(st.st_mode) || S_ISREG(st.st_mode)) return Kind::stream;
    if (S_ISCHR(st.st_mode)) return Kind::serial;
    return std::nullopt;
}

Reader::Reader(std::string device, OnScan on_scan, OnHealth on_health)
    : device_(std::move(device)),
      kind_(kind_of(device_)),
      on_scan_(std::move(on_scan)),
      on_health_(std::move(on_health)) {
    start();
}

Reader::Reader(std::string device, Kind kind, OnScan on_scan, OnHealth on_health)
    : device_(std::move(device)),
      kind_(kind),
      on_scan_(std::move(on_scan)),
      on_health_(std::move(on_health)) {
    start();
}

void Reader::start() {
    stop_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    thread_ = std::jthread([this](std::stop_token st) { run(st); });
}

Reader::~Reader() {
    thread_.request_stop();
    const std::uint64_t one = 1;
    if (stop_fd_ >= 0) (void)!::write(stop_fd_, &one, sizeof one);
    if (thread_.joinable()) thread_.join();
    if (stop_fd_ >= 0) ::close(stop_fd_);
}

Health Reader::health() const {
    std::lock_guard lock(mutex_);
    return health_;
}

void Reader::set_health(Health h) {
    {
        std::lock_guard lock(mutex_);
        if (health_.state == h.state && health_.detail == h.detail) return;
        health_ = h;
    }
    if (on_health_) on_health_(h);
}

bool Reader::sleep_unless_stopped(int ms) {
    pollfd p{stop_fd_, POLLIN, 0};
    return ::poll(&p, 1, ms) == 0;
}

void Reader::run(std::stop_token stop) {
    const auto kind = kind_;
    if (!kind) {
        set_health({Health::State::absent, device_ + ": not a scanner device"});
        return;
    }
    while (!stop.stop_requested()) {
        int flags = O_CLOEXEC | O_NONBLOCK | O_NOCTTY;
        // A FIFO opened read-write never sees "no writer", so poll() does not spin
        // between two writers.
        struct stat st {};
        const bool fifo = ::stat(device_.c_str(), &st) == 0 && S_ISFIFO(st.st_mode);
        flags |= fifo ? O_RDWR : O_RDONLY;
        Fd fd(::open(device_.c_str(), flags));
        if (fd.get() < 0) {
            set_health({Health::State::absent, device_ + ": " + std::strerror(errno)});
            if (!sleep_unless_stopped(kRetryMs)) return;
            continue;
        }
        if (*kind == Kind::evdev) {
            // Exclusive: the scanner's keystrokes must not also type into the UI.
            (void)::ioctl(fd.get(), EVIOCGRAB, 1);
        } else if (*kind == Kind::serial) {
            termios t{};
            if (::tcgetattr(fd.get(), &t) == 0) {
                ::cfmakeraw(&t);
                ::cfsetspeed(&t, B9600);  // CDC-ACM scanners ignore it; RS-232 ones default to it
                t.c_cflag |= CLOCAL | CREAD;
                ::tcsetattr(fd.get(), TCSANOW, &t);
            }
        }
        set_health({Health::State::ok, device_});
        if (pump(fd.get(), *kind, stop)) return;
        if (!sleep_unless_stopped(kRetryMs)) return;
    }
}

bool Reader::pump(int fd, Kind kind, std::stop_token& stop) {
    LineDecoder lines;
    KeyDecoder keys;
    std::vector<Scan> scans;
    std::vector<char> buf(4096);
    std::size_t partial = 0;  // bytes of an incomplete input_event kept in buf
    bool at_end = false;      // a regular file read to its end: wait for stop only
    for (;;) {
        const bool pending = kind == Kind::evdev ? keys.pending() : lines.pending();
        pollfd p[2] = {{stop_fd_, POLLIN, 0}, {fd, POLLIN, 0}};
        const int n = ::poll(p, at_end ? 1 : 2, pending ? kQuietMs : -1);
        if (stop.stop_requested() || (p[0].revents & POLLIN)) return true;
        if (n == 0) {
            (kind == Kind::evdev) ? keys.flush(scans) : lines.flush(scans);
        } else if (n > 0 && !at_end && p[1].revents != 0) {
            const ssize_t got = ::read(fd, buf.data() + partial, buf.size() - partial);
            if (got < 0 && (errno == EAGAIN || errno == EINTR)) continue;
            if (got < 0 || (got == 0 && kind != Kind::stream)) {
                set_health({Health::State::absent,
                            device_ + ": " + (got < 0 ? std::strerror(errno) : "unplugged")});
                return false;
            }
            if (got == 0) {
                lines.flush(scans);
                at_end = true;
            } else if (kind == Kind::evdev) {
                const std::size_t have = partial + static_cast<std::size_t>(got);
                const std::size_t whole = have / sizeof(input_event) * sizeof(input_event);
                for (std::size_t off = 0; off < whole; off += sizeof(input_event)) {
                    input_event ev;
                    std::memcpy(&ev, buf.data() + off, sizeof ev);
                    if (ev.type == EV_KEY) keys.key(ev.code, ev.value, scans);
                }
                partial = have - whole;
                std::memmove(buf.data(), buf.data() + whole, partial);
            } else {
                lines.feed(buf.data(), static_cast<std::size_t>(got), scans);
            }
        }
        for (auto& s : scans)
            on_scan_(std::move(s));
        scans.clear();
    }
}

}  // namespace quay::scanner
