#pragma once
// Runs the built quay-kiosk as a separate process, as CI and a technician would: a config in
// a fresh directory, a script, --headless. Returns the exit code and stderr.

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace quay::test {

namespace fs = std::filesystem;

// A script line "key KEY" n times (docs/kiosk-script.md).
inline std::string keys(const char* key, int n) {
    std::string s;
    for (int i = 0; i < n; ++i)
        s += std::string("key ") + key + "\n";
    return s;
}

// The birth form's mother page, as a citizen fills it: her name and birth year typed,
// ethnicity and nationality picked from their lists (#pick:0: Kinh, Việt Nam).
inline constexpr const char* kMotherPage = R"(tap #field:me_ho_ten
text "Trần Thị Bình"
tap #key:done
tap #field:me_nam_sinh
text "1992"
tap #key:done
tap #field:me_dan_toc
tap #pick:0
tap #field:me_quoc_tich
tap #pick:0
)";

struct KioskResult {
    int exit_code = -1;
    std::string stderr_text;
};

class KioskDir {
  public:
    explicit KioskDir(const std::string& name)
        : dir_(fs::path(QUAY_BINARY_DIR) / "tests/ui/out" / name) {
        fs::remove_all(dir_);
        fs::create_directories(dir_ / "shots");
    }
    const fs::path& path() const { return dir_; }
    fs::path shots() const { return dir_ / "shots"; }

    // Extra TOML sections are appended to a minimal config.
    fs::path write_config(const std::string& extra = "") const {
        const fs::path cfg = dir_ / "quay.toml";
        std::ofstream(cfg) << "[kiosk]\nid = \"TEST01\"\ndata_dir = \"data\"\nlanguage = \"vi\"\n"
                           << extra << "\n[test]\nmode = true\n";
        return cfg;
    }
    fs::path write_script(const std::string& text) const {
        const fs::path p = dir_ / "script.txt";
        std::ofstream(p) << text;
        return p;
    }

    KioskResult run(const std::vector<std::string>& args) const {
        const std::string bin = std::string(QUAY_BINARY_DIR) + "/kiosk/app/kiosk/quay-kiosk";
        std::vector<std::string> argv_s{bin};
        argv_s.insert(argv_s.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& a : argv_s)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        const fs::path err = dir_ / "stderr.txt";
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        // In its own directory: a relative path the app opens as given (the scanner FIFO of
        // `scan`) lands here, not in the test's working directory.
        posix_spawn_file_actions_addchdir_np(&fa, dir_.c_str());
        pid_t pid = 0;
        KioskResult r;
        if (posix_spawn(&pid, bin.c_str(), &fa, nullptr, argv.data(), environ) == 0) {
            int status = 0;
            waitpid(pid, &status, 0);
            r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        posix_spawn_file_actions_destroy(&fa);
        std::ifstream in(err);
        std::stringstream ss;
        ss << in.rdbuf();
        r.stderr_text = ss.str();
        return r;
    }

    KioskResult run_script(const fs::path& config, const std::string& script,
                           const std::vector<std::string>& more = {}) const {
        std::vector<std::string> args{"--config",
                                      config.string(),
                                      "--headless",
                                      "--script",
                                      write_script(script).string(),
                                      "--screenshot-dir",
                                      shots().string()};
        args.insert(args.end(), more.begin(), more.end());
        return run(args);
    }

  private:
    fs::path dir_;
};

}  // namespace quay::test
