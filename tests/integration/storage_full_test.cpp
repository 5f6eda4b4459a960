// quayctl submit on a data directory whose filesystem is full: exit 5 with
// {"error":"disk_full",...} as the last line of stderr, nothing stored, the earlier dossier
// intact, and the next submit works once space is freed. The full filesystem is a small
// tmpfs mounted in a private mount namespace of this test process (root only); the test
// skips when that is impossible. The store-level fault tests (tests/store) cover every
// write point through a fault-injecting VFS without root.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "common.hpp"

using namespace quay::testing;
using nlohmann::json;

namespace {

// A tmpfs of `size` on dir, unmounted at scope exit. Throws nothing: ok() says whether
// it is mounted, why() why not.
class SmallTmpfs {
  public:
    SmallTmpfs(const std::filesystem::path& dir, const char* size) : dir_(dir) {
        // A private mount namespace: the mount is invisible outside this process and its
        // children, and disappears with them even if the test dies.
        if (::unshare(CLONE_NEWNS) != 0) {
            why_ = std::string("unshare(CLONE_NEWNS): ") + std::strerror(errno);
            return;
        }
        if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
            why_ = std::string("make / private: ") + std::strerror(errno);
            return;
        }
        const std::string opts = std::string("size=") + size + ",mode=0700";
        if (::mount("tmpfs", dir.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, opts.c_str()) != 0) {
            why_ = std::string("mount tmpfs: ") + std::strerror(errno);
            return;
        }
        mounted_ = true;
    }
    ~SmallTmpfs() {
        if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
    }
    SmallTmpfs(const SmallTmpfs&) = delete;
    SmallTmpfs& operator=(const SmallTmpfs&) = delete;
    bool ok() const { return mounted_; }
    const std::string& why() const { return why_; }

  private:
    std::filesystem::path dir_;
    bool mounted_ = false;
    std::string why_;
};

// Writes zeros to file until the filesystem refuses; the errno of that refusal.
int fill(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    REQUIRE(fd >= 0);
    const std::vector<char> chunk(16384, 0);
    int err = 0;
    for (;;) {
        const ssize_t n = ::write(fd, chunk.data(), chunk.size());
        if (n < 0) {
            err = errno;
            break;
        }
    }
    ::close(fd);
    return err;
}

}  // namespace

TEST_CASE("quayctl submit on a full disk exits 5 with disk_full and stores nothing") {
    TempDir dir("storage-full");
    const auto kiosk_dir = make_subdir(dir, "kiosk");
    const auto data = kiosk_dir / "data";
    std::filesystem::create_directories(data);
    SmallTmpfs fs(data, "1m");
    if (!fs.ok()) {
        MESSAGE("skipped: cannot mount a small tmpfs (" << fs.why() << ")");
        return;
    }
    // No portal is needed for submit and queue.
    Kiosk kiosk(kiosk_dir, "http://127.0.0.1:9", kiosk_token);
    const json draft = kiosk.draft();
    const auto draft_file = kiosk_dir / "draft.json";  // outside the full filesystem
    write_file(draft_file, draft.dump());

    const auto first = kiosk.submit(draft);
    REQUIRE(fill(data / "filler") == ENOSPC);

    const RunResult r = kiosk.quayctl({"submit", draft_file.string()});
    INFO(r.describe());
    CHECK(r.exit_code == 5);
    CHECK(r.out.empty());
    const json e = json::parse(r.last_err_line(), nullptr, false);
    REQUIRE(e.is_object());
    CHECK(e.value("error", "") == "disk_full");
    CHECK(e.at("message").is_string());

    // Reading still works on the full disk, and shows only the first dossier.
    const auto q = kiosk.queue();
    REQUIRE(q.at("items").size() == 1);
    CHECK(q.at("items")[0].at("dossier_id") == first.at("dossier_id"));

    // Space freed: the next submit works and takes the next receipt number (the failed
    // one spent none).
    std::filesystem::remove(data / "filler");
    const auto second = kiosk.submit(draft);
    const auto code = second.at("receipt_code").get<std::string>();
    CHECK(code.substr(code.size() - 4) == "0002");
    const auto after = kiosk.queue();
    CHECK(after.at("items").size() == 2);
}
