#include "connection.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <cstring>
#include <filesystem>
#include <string>

namespace quay::portal_sim {

void Shutdown::trigger() {
    {
        std::lock_guard lock(mutex_);
        triggered_ = true;
    }
    cv_.notify_all();
}

bool Shutdown::triggered() const {
    std::lock_guard lock(mutex_);
    return triggered_;
}

bool Shutdown::sleep_for(std::chrono::milliseconds d) const {
    std::unique_lock lock(mutex_);
    return !cv_.wait_for(lock, d, [this] { return triggered_; });
}

namespace {

// Address and port of a socket end, as text, or nullopt when fd is not an IP socket.
std::optional<std::pair<std::string, int>> endpoint(int fd, bool peer) {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    const int rc = peer ? getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len)
                        : getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    if (rc != 0) return std::nullopt;
    char text[INET6_ADDRSTRLEN] = {};
    if (addr.ss_family == AF_INET) {
        const auto* a = reinterpret_cast<const sockaddr_in*>(&addr);
        inet_ntop(AF_INET, &a->sin_addr, text, sizeof text);
        return std::pair{std::string(text), static_cast<int>(ntohs(a->sin_port))};
    }
    if (addr.ss_family == AF_INET6) {
        const auto* a = reinterpret_cast<const sockaddr_in6*>(&addr);
        inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof text);
        return std::pair{std::string(text), static_cast<int>(ntohs(a->sin6_port))};
    }
    return std::nullopt;
}

}  // namespace

std::optional<int> find_socket(const httplib::Request& req) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", ec)) {
        int fd = -1;
        try {
            fd = std::stoi(entry.path().filename().string());
        } catch (const std::exception&) {
            continue;
        }
        const auto local = endpoint(fd, false);
        if (!local || local->second != req.local_port) continue;
        const auto remote = endpoint(fd, true);
        if (remote && remote->second == req.remote_port && remote->first == req.remote_addr) {
            return fd;
        }
    }
    return std::nullopt;
}

void drop_connection(int fd) {
    // Linger 0 would turn a close into a reset, but httplib closes the socket itself;
    // shutdown sends the FIN now and makes httplib's own write of the reply fail.
    ::shutdown(fd, SHUT_RDWR);
}

WaitEnd wait_for_peer_to_leave(int fd, const Shutdown& shutdown, std::chrono::milliseconds max) {
    const auto deadline = std::chrono::steady_clock::now() + max;
    while (true) {
        if (shutdown.triggered()) return WaitEnd::shutdown;
        if (max.count() > 0 && std::chrono::steady_clock::now() >= deadline) {
            return WaitEnd::timed_out;
        }
        pollfd p{fd, POLLRDHUP, 0};
        const int rc = ::poll(&p, 1, 50);
        if (rc > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL))) {
            return WaitEnd::peer_left;
        }
        if (rc > 0 && (p.revents & POLLIN)) {
            // Data without a hang-up: a pipelined request. Peek to tell it from EOF.
            char byte = 0;
            if (::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT) == 0) return WaitEnd::peer_left;
            shutdown.sleep_for(std::chrono::milliseconds(50));  // poll would return at once
        }
    }
}

}  // namespace quay::portal_sim
