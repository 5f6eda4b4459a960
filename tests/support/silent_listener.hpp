#pragma once
// A TCP "printer" on loopback that takes connections and never reads or says a byte: the
// stuck device tests need. Header-only, so tests that do not link the support library
// (tests/receipt) can use it too.

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>
#include <string>

namespace quay::testing {

class SilentListener {
  public:
    // receive_buffer > 0 shrinks the socket's buffer, so a large write stalls sooner.
    explicit SilentListener(int receive_buffer = 0) {
        fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd_ < 0) throw std::runtime_error("socket failed");
        if (receive_buffer > 0)
            ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        if (::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(fd_, 4) != 0 ||
            ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
            ::close(fd_);
            throw std::runtime_error("cannot listen on loopback");
        }
        port_ = ntohs(a.sin_port);
    }
    ~SilentListener() { hang_up(); }
    SilentListener(const SilentListener&) = delete;
    SilentListener& operator=(const SilentListener&) = delete;

    int port() const { return port_; }
    std::string device() const { return "tcp://127.0.0.1:" + std::to_string(port_); }
    // Closing the listening socket resets the connections it never accepted; afterwards
    // nobody listens on the port.
    void hang_up() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

  private:
    int fd_ = -1;
    int port_ = 0;
};

}  // namespace quay::testing
