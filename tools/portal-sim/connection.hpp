#pragma once
// Reaching under cpp-httplib for the faults it has no API for: dropping a connection
// without any reply (lost ack) and noticing that a client gave up on a stalled request.
// A handler finds its own socket by the request's address pair; the socket stays open
// until the handler and its content provider return, so the descriptor cannot be reused
// meanwhile.

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>

namespace quay::portal_sim {

// Set once on SIGTERM; wakes every waiting fault so the server can stop.
class Shutdown {
  public:
    void trigger();
    bool triggered() const;
    // Sleeps up to d; false when shutdown was triggered meanwhile.
    bool sleep_for(std::chrono::milliseconds d) const;

  private:
    mutable std::mutex mutex_;
    mutable std::condition_variable cv_;
    bool triggered_ = false;
};

// The accepted socket that carries req, if it can be found.
std::optional<int> find_socket(const httplib::Request& req);

// Ends the connection at once: the peer sees end of stream and no reply.
void drop_connection(int fd);

enum class WaitEnd { peer_left, shutdown, timed_out };

// Waits until the peer closes its side, shutdown, or max (zero: no limit).
WaitEnd wait_for_peer_to_leave(int fd, const Shutdown& shutdown, std::chrono::milliseconds max);

}  // namespace quay::portal_sim
