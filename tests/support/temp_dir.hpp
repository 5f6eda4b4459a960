#pragma once
// A fresh directory per test under the build tree, removed afterwards unless
// QUAY_KEEP_TEST_DIRS is set (to look at a failed run).

#include <filesystem>
#include <string>

namespace quay::testing {

class TempDir {
  public:
    explicit TempDir(const std::string& prefix);
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

// Writes bytes to path (replacing it) with the given mode.
void write_file(const std::filesystem::path& path, const std::string& bytes,
                std::filesystem::perms mode = std::filesystem::perms(0644));
std::string read_file(const std::filesystem::path& path);

}  // namespace quay::testing
