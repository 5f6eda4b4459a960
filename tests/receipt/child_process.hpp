#pragma once
// Runs a helper binary (the virtual printer) as a real process and reads its JSON lines
// from a pipe, waiting on the pipe itself (poll) rather than sleeping.

#include <nlohmann/json.hpp>

#include <sys/types.h>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace quay::test {

class ChildProcess {
  public:
    explicit ChildProcess(std::vector<std::string> argv);
    ~ChildProcess();  // SIGTERM to this child only, then reaps it
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    // The next stdout line as JSON, or nullopt on EOF or after timeout.
    std::optional<nlohmann::json> next_json(std::chrono::milliseconds timeout);
    // Waits for the exit code (kills nothing).
    int wait();
    // Everything the child wrote on stderr so far (after wait()).
    std::string stderr_text();

  private:
    pid_t pid_ = -1;
    int out_ = -1, err_ = -1;
    std::string buffered_;
    bool reaped_ = false;
    int status_ = 0;
};

std::string virtual_printer_path();

}  // namespace quay::test
