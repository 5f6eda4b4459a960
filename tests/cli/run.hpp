#pragma once
// Runs the built quayctl with arguments and captures exit code, stdout and stderr.
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace quay::test {

struct Run {
    int exit_code;
    std::string out;
    std::string err;
    std::string last_err_line() const {
        auto e = err;
        while (!e.empty() && e.back() == '\n')
            e.pop_back();
        const auto nl = e.rfind('\n');
        return nl == std::string::npos ? e : e.substr(nl + 1);
    }
};

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// stdin: the bytes of `input` when given (for commands that read a PIN), else inherited.
inline Run run_quayctl(const std::vector<std::string>& args, const std::string* input = nullptr) {
    const std::filesystem::path bin = std::filesystem::path(QUAY_BINARY_DIR) / "kiosk/app/quayctl";
    char out_tmpl[] = "/tmp/quayctl-out-XXXXXX";
    char err_tmpl[] = "/tmp/quayctl-err-XXXXXX";
    const int out_fd = ::mkstemp(out_tmpl);
    const int err_fd = ::mkstemp(err_tmpl);
    char in_tmpl[] = "/tmp/quayctl-in-XXXXXX";
    int in_fd = -1;
    if (input != nullptr) {
        in_fd = ::mkstemp(in_tmpl);
        std::ofstream(in_tmpl, std::ios::binary) << *input;
    }
    const pid_t pid = ::fork();
    if (pid == 0) {
        if (in_fd >= 0) ::dup2(in_fd, 0);
        ::dup2(out_fd, 1);
        ::dup2(err_fd, 2);
        std::vector<char*> argv;
        std::string b = bin.string();
        argv.push_back(b.data());
        std::vector<std::string> copy = args;
        for (auto& a : copy)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(b.c_str(), argv.data());
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::close(out_fd);
    ::close(err_fd);
    if (in_fd >= 0) {
        ::close(in_fd);
        std::filesystem::remove(in_tmpl);
    }
    Run r{WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), slurp(out_tmpl),
          slurp(err_tmpl)};
    std::filesystem::remove(out_tmpl);
    std::filesystem::remove(err_tmpl);
    return r;
}

inline Run run_quayctl_input(const std::vector<std::string>& args, const std::string& input) {
    return run_quayctl(args, &input);
}

}  // namespace quay::test
