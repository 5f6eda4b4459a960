#pragma once
// Child processes for black-box tests: run to completion with a deadline, or keep one
// running (a server) and read its stdout. Exits are awaited on a pidfd, never by sleeping.

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace quay::testing {

struct RunResult {
    int exit_code = -1;  // -1 when killed by a signal
    int signal = 0;      // the signal that ended it, or 0
    bool timed_out = false;
    std::string out, err;
    std::chrono::milliseconds elapsed{0};

    // The last non-empty line of stderr (quayctl's error object), or "".
    std::string last_err_line() const;
    // One line for failure messages.
    std::string describe() const;
};

struct RunOptions {
    std::vector<std::string> env;  // extra "KEY=VALUE" on top of this process's environment
    std::chrono::milliseconds timeout{120'000};
};

// Runs argv to completion (SIGKILL at the timeout) and collects its output.
RunResult run(const std::vector<std::string>& argv, const RunOptions& options = {});

// A running child with its stdout on a pipe and stderr appended to a file.
class Child {
  public:
    Child(const std::vector<std::string>& argv, const std::string& stderr_path,
          const std::vector<std::string>& env = {});
    Child(Child&& other) noexcept;
    Child& operator=(Child&&) = delete;
    Child(const Child&) = delete;
    ~Child();  // SIGKILL and reap if still running

    pid_t pid() const { return pid_; }
    // The next line of stdout, or nullopt at end of stream or the deadline.
    std::optional<std::string> read_line(std::chrono::milliseconds timeout);
    void kill(int sig) const;
    // Waits for exit; the raw wait status, or nullopt at the deadline.
    std::optional<int> wait(std::chrono::milliseconds timeout);
    bool running() const { return pid_ > 0 && !status_; }
    // Collects what is left on stdout (after exit).
    std::string drain_stdout();

  private:
    pid_t pid_ = -1;
    int pidfd_ = -1;
    int out_ = -1;
    std::string buffer_;
    std::optional<int> status_;
};

// Sleeps up to d unless the process exits first; true when it exited.
bool wait_for_exit(Child& child, std::chrono::milliseconds d);

}  // namespace quay::testing
