#include "process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <utility>

extern char** environ;

namespace quay::testing {

namespace {

using Clock = std::chrono::steady_clock;

// An environment block: ours with the extras replacing or adding keys.
std::vector<std::string> environment(const std::vector<std::string>& extra) {
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
        const std::string entry(*e);
        const auto key = entry.substr(0, entry.find('=') + 1);
        bool replaced = false;
        for (const auto& x : extra)
            replaced = replaced || x.rfind(key, 0) == 0;
        if (!replaced) env.push_back(entry);
    }
    env.insert(env.end(), extra.begin(), extra.end());
    return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings)
        out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

struct Pipe {
    int read = -1, write = -1;
    Pipe() {
        int fds[2];
        if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
        read = fds[0];
        write = fds[1];
    }
};

class FileActions {
  public:
    FileActions() { posix_spawn_file_actions_init(&fa_); }
    ~FileActions() { posix_spawn_file_actions_destroy(&fa_); }
    FileActions(const FileActions&) = delete;
    FileActions& operator=(const FileActions&) = delete;
    posix_spawn_file_actions_t* get() { return &fa_; }

  private:
    posix_spawn_file_actions_t fa_;
};

pid_t spawn(const std::vector<std::string>& argv, const std::vector<std::string>& env_extra,
            FileActions& fa) {
    std::vector<std::string> args = argv;
    std::vector<std::string> env = environment(env_extra);
    auto argp = pointers(args);
    auto envp = pointers(env);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, argp[0], fa.get(), nullptr, argp.data(), envp.data());
    if (rc != 0) throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(rc));
    return pid;
}

int open_pidfd(pid_t pid) {
    const int fd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
    if (fd < 0) throw std::runtime_error("pidfd_open failed");
    return fd;
}

// Reads what is available; false at end of stream.
bool read_some(int fd, std::string& into) {
    char buf[65536];
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) {
        into.append(buf, static_cast<std::size_t>(n));
        return true;
    }
    return n < 0 && (errno == EINTR || errno == EAGAIN);
}

int remaining_ms(Clock::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

}  // namespace

std::string RunResult::last_err_line() const {
    std::size_t end = err.find_last_not_of("\n\r ");
    if (end == std::string::npos) return {};
    const std::size_t start = err.rfind('\n', end);
    return err.substr(start == std::string::npos ? 0 : start + 1,
                      end - (start == std::string::npos ? 0 : start + 1) + 1);
}

std::string RunResult::describe() const {
    std::string s = "exit " + std::to_string(exit_code);
    if (signal) s += " (signal " + std::to_string(signal) + ")";
    if (timed_out) s += " (timed out)";
    s += "\nstdout: " + out.substr(0, 4000) + "\nstderr: " + err.substr(0, 4000);
    return s;
}

RunResult run(const std::vector<std::string>& argv, const RunOptions& options) {
    const auto start = Clock::now();
    const auto deadline = start + options.timeout;
    Pipe out, err;
    FileActions fa;
    posix_spawn_file_actions_addopen(fa.get(), 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(fa.get(), out.write, 1);
    posix_spawn_file_actions_adddup2(fa.get(), err.write, 2);
    const pid_t pid = spawn(argv, options.env, fa);
    ::close(out.write);
    ::close(err.write);
    const int pidfd = open_pidfd(pid);
    RunResult r;
    bool out_open = true, err_open = true, exited = false, killed = false;
    while (out_open || err_open || !exited) {
        pollfd fds[3] = {{out_open ? out.read : -1, POLLIN, 0},
                         {err_open ? err.read : -1, POLLIN, 0},
                         {exited ? -1 : pidfd, POLLIN, 0}};
        const int wait_ms = killed ? 1000 : remaining_ms(deadline);
        const int n = ::poll(fds, 3, wait_ms);
        if (n == 0 && !killed) {
            ::kill(pid, SIGKILL);
            killed = true;
            r.timed_out = true;
            continue;
        }
        if (n == 0) break;  // killed and still silent: give up on the pipes
        if (fds[0].revents) out_open = read_some(out.read, r.out);
        if (fds[1].revents) err_open = read_some(err.read, r.err);
        if (fds[2].revents) exited = true;
    }
    int status = 0;
    waitpid(pid, &status, 0);
    ::close(pidfd);
    ::close(out.read);
    ::close(err.read);
    if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
    r.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    return r;
}

Child::Child(const std::vector<std::string>& argv, const std::string& stderr_path,
             const std::vector<std::string>& env) {
    Pipe out;
    FileActions fa;
    posix_spawn_file_actions_addopen(fa.get(), 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(fa.get(), out.write, 1);
    posix_spawn_file_actions_addopen(fa.get(), 2, stderr_path.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0644);
    pid_ = spawn(argv, env, fa);
    ::close(out.write);
    out_ = out.read;
    pidfd_ = open_pidfd(pid_);
}

Child::Child(Child&& o) noexcept
    : pid_(std::exchange(o.pid_, -1)),
      pidfd_(std::exchange(o.pidfd_, -1)),
      out_(std::exchange(o.out_, -1)),
      buffer_(std::move(o.buffer_)),
      status_(o.status_) {}

Child::~Child() {
    if (pid_ > 0 && !status_) {
        ::kill(pid_, SIGKILL);
        int status = 0;
        waitpid(pid_, &status, 0);
    }
    if (pidfd_ >= 0) ::close(pidfd_);
    if (out_ >= 0) ::close(out_);
}

std::optional<std::string> Child::read_line(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (true) {
        if (const auto nl = buffer_.find('\n'); nl != std::string::npos) {
            std::string line = buffer_.substr(0, nl);
            buffer_.erase(0, nl + 1);
            return line;
        }
        pollfd p{out_, POLLIN, 0};
        if (::poll(&p, 1, remaining_ms(deadline)) <= 0) return std::nullopt;
        if (!read_some(out_, buffer_)) return std::nullopt;
    }
}

void Child::kill(int sig) const {
    if (pid_ > 0 && !status_) ::kill(pid_, sig);
}

std::optional<int> Child::wait(std::chrono::milliseconds timeout) {
    if (status_) return status_;
    pollfd p{pidfd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return std::nullopt;
    int status = 0;
    if (waitpid(pid_, &status, 0) == pid_) status_ = status;
    return status_;
}

std::string Child::drain_stdout() {
    while (true) {
        pollfd p{out_, POLLIN, 0};
        if (::poll(&p, 1, 1000) <= 0 || !read_some(out_, buffer_)) break;
    }
    return std::exchange(buffer_, {});
}

bool wait_for_exit(Child& child, std::chrono::milliseconds d) {
    return child.wait(d).has_value();
}

}  // namespace quay::testing
