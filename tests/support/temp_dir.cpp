#include "temp_dir.hpp"

#include <stdlib.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace quay::testing {

TempDir::TempDir(const std::string& prefix) {
    const std::filesystem::path root = std::filesystem::path(QUAY_BINARY_DIR) / "test-tmp";
    std::filesystem::create_directories(root);
    std::string pattern = (root / (prefix + "-XXXXXX")).string();
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    if (!mkdtemp(buf.data())) throw std::runtime_error("mkdtemp failed under " + root.string());
    path_ = buf.data();
}

TempDir::~TempDir() {
    if (std::getenv("QUAY_KEEP_TEST_DIRS")) return;
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

void write_file(const std::filesystem::path& path, const std::string& bytes,
                std::filesystem::perms mode) {
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << bytes;
        if (!out) throw std::runtime_error("cannot write " + path.string());
    }
    std::filesystem::permissions(path, mode, std::filesystem::perm_options::replace);
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace quay::testing
