// sd_notify helpers against a real datagram socket standing in for systemd's.
#include <doctest/doctest.h>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "quay/system/notify.hpp"

using namespace std::chrono;
namespace fs = std::filesystem;

namespace {

// A bound AF_UNIX datagram socket; NOTIFY_SOCKET points at it while the object lives.
class FakeManager {
  public:
    FakeManager() {
        dir_ = fs::temp_directory_path() / ("quay-notify-" + std::to_string(::getpid()));
        fs::create_directories(dir_);
        path_ = (dir_ / "notify").string();
        fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        REQUIRE(fd_ >= 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        REQUIRE(path_.size() < sizeof(addr.sun_path));
        path_.copy(addr.sun_path, path_.size());
        fs::remove(path_);
        REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
        ::setenv("NOTIFY_SOCKET", path_.c_str(), 1);
    }
    ~FakeManager() {
        ::unsetenv("NOTIFY_SOCKET");
        ::unsetenv("WATCHDOG_USEC");
        ::unsetenv("WATCHDOG_PID");
        ::close(fd_);
        fs::remove_all(dir_);
    }
    FakeManager(const FakeManager&) = delete;
    FakeManager& operator=(const FakeManager&) = delete;

    // sd_notify sends synchronously, so a message is either queued already or never sent.
    std::optional<std::string> take() {
        char buf[4096];
        const auto n = ::recv(fd_, buf, sizeof(buf), MSG_DONTWAIT);
        if (n < 0) return std::nullopt;
        return std::string(buf, static_cast<std::size_t>(n));
    }

  private:
    fs::path dir_;
    std::string path_;
    int fd_ = -1;
};

}  // namespace

TEST_CASE("outside systemd every call is a no-op") {
    ::unsetenv("NOTIFY_SOCKET");
    ::unsetenv("WATCHDOG_USEC");
    CHECK_FALSE(quay::system::notify_ready("up"));
    CHECK_FALSE(quay::system::notify_watchdog());
    CHECK_FALSE(quay::system::watchdog_interval().has_value());
    quay::ManualClock clock(sys_days(year{2026} / 1 / 1));
    quay::system::WatchdogFeeder feeder(clock);
    CHECK_FALSE(feeder.enabled());
    CHECK_FALSE(feeder.tick());
    CHECK_FALSE(feeder.max_sleep().has_value());
}

TEST_CASE("ready, status and stopping reach the manager's socket") {
    FakeManager m;
    CHECK(quay::system::notify_ready("first frame\nshown"));
    CHECK(m.take() == "READY=1\nSTATUS=first frame shown");
    CHECK(quay::system::notify_status("3 dossiers queued"));
    CHECK(m.take() == "STATUS=3 dossiers queued");
    CHECK(quay::system::notify_stopping());
    CHECK(m.take() == "STOPPING=1");
    CHECK_FALSE(m.take().has_value());
}

TEST_CASE("starting again: reloading with a wide watchdog, then ready puts the unit's back") {
    FakeManager m;
    ::setenv("WATCHDOG_USEC", "30000000", 1);
    ::setenv("WATCHDOG_PID", std::to_string(::getpid()).c_str(), 1);
    CHECK(quay::system::notify_starting_again(seconds(180)));
    CHECK(m.take() ==
          "RELOADING=1\nSTATUS=starting again on a newer catalogue\nWATCHDOG=1\n"
          "WATCHDOG_USEC=180000000");
    CHECK(quay::system::notify_ready("first frame"));
    CHECK(m.take() == "READY=1\nSTATUS=first frame\nWATCHDOG_USEC=30000000");
}

TEST_CASE("the watchdog interval is read only for this process") {
    FakeManager m;
    ::setenv("WATCHDOG_USEC", "20000000", 1);
    ::setenv("WATCHDOG_PID", std::to_string(::getpid()).c_str(), 1);
    CHECK(quay::system::watchdog_interval() == microseconds(20'000'000));
    ::setenv("WATCHDOG_PID", std::to_string(::getpid() + 1).c_str(), 1);
    CHECK_FALSE(quay::system::watchdog_interval().has_value());
}

TEST_CASE("the feeder sends WATCHDOG=1 at most every half interval") {
    FakeManager m;
    quay::ManualClock clock(sys_days(year{2026} / 1 / 1));
    quay::system::WatchdogFeeder feeder(clock, seconds(20));
    CHECK(feeder.enabled());
    CHECK(feeder.max_sleep() == milliseconds(5000));

    CHECK(feeder.tick());  // the first tick always feeds
    CHECK(m.take() == "WATCHDOG=1");
    clock.advance(milliseconds(9'999));
    CHECK_FALSE(feeder.tick());
    CHECK_FALSE(m.take().has_value());
    clock.advance(milliseconds(1));
    CHECK(feeder.tick());
    CHECK(m.take() == "WATCHDOG=1");
    // Sleeping max_sleep() between ticks keeps every gap between feeds under the interval.
    auto last_feed = clock.monotonic();
    for (int i = 0; i < 40; ++i) {
        clock.advance(*feeder.max_sleep());
        if (feeder.tick()) {
            CHECK(m.take() == "WATCHDOG=1");
            CHECK(clock.monotonic() - last_feed < seconds(20));
            last_feed = clock.monotonic();
        }
    }
    CHECK(clock.monotonic() - last_feed < seconds(20));
}
