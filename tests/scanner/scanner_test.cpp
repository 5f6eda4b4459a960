// Scanner framing and the reader thread over a FIFO, a file and recorded key events.
#include <doctest/doctest.h>
#include <linux/input.h>
#include <sys/stat.h>
#include <unistd.h>

#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "quay/scanner/reader.hpp"

using namespace quay::scanner;
namespace fs = std::filesystem;

namespace {

std::vector<Scan> lines(std::string_view bytes) {
    LineDecoder d;
    std::vector<Scan> out;
    d.feed(bytes.data(), bytes.size(), out);
    d.flush(out);
    return out;
}

// Collects scans from the reader thread; waits on a condition, never sleeps.
struct Inbox {
    std::mutex m;
    std::condition_variable cv;
    std::vector<Scan> scans;
    Reader::OnScan sink() {
        return [this](Scan s) {
            std::lock_guard l(m);
            scans.push_back(std::move(s));
            cv.notify_all();
        };
    }
    bool wait_for(std::size_t n) {
        std::unique_lock l(m);
        return cv.wait_for(l, std::chrono::seconds(20), [&] { return scans.size() >= n; });
    }
};

fs::path temp_dir(const char* name) {
    const auto d = fs::temp_directory_path() /
                   (std::string("quay-scanner-") + name + "-" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

struct KeyStream {
    std::vector<input_event> events;
    void key(std::uint16_t code, int value) {
        input_event e{};
        e.type = EV_KEY;
        e.code = code;
        e.value = value;
        events.push_back(e);
        input_event syn{};
        syn.type = EV_SYN;
        events.push_back(syn);
    }
    void tap(std::uint16_t code) {
        key(code, 1);
        key(code, 0);
    }
};

}  // namespace

TEST_CASE("serial framing: CR, LF and CR LF end a scan; silence ends one too") {
    auto s = lines("001|a\r\n002|b\n\n003|c\r004");
    REQUIRE(s.size() == 4);
    CHECK(s[0].bytes == "001|a");
    CHECK(s[1].bytes == "002|b");
    CHECK(s[2].bytes == "003|c");
    CHECK(s[3].bytes == "004");
    const std::string big(kMaxScan + 100, 'x');
    s = lines(big + "\n");
    REQUIRE(s.size() == 1);
    CHECK(s[0].truncated);
    CHECK(s[0].bytes.size() == kMaxScan);
}

TEST_CASE("keyboard wedge: US keymap, shift, caps lock, Alt+keypad code points") {
    KeyDecoder d;
    std::vector<Scan> out;
    auto tap = [&](std::uint16_t c) {
        d.key(c, 1, out);
        d.key(c, 0, out);
    };
    d.key(KEY_LEFTSHIFT, 1, out);
    tap(KEY_K);
    d.key(KEY_LEFTSHIFT, 0, out);
    tap(KEY_0);
    tap(KEY_MINUS);
    tap(KEY_KP4);
    d.key(KEY_RIGHTSHIFT, 1, out);
    tap(KEY_BACKSLASH);  // '|'
    d.key(KEY_RIGHTSHIFT, 0, out);
    tap(KEY_CAPSLOCK);
    tap(KEY_A);
    tap(KEY_CAPSLOCK);
    // "ữ" (U+1EEF = 7919) typed as Alt + 7 9 1 9 on the keypad.
    d.key(KEY_LEFTALT, 1, out);
    for (auto k : {KEY_KP7, KEY_KP9, KEY_KP1, KEY_KP9})
        tap(k);
    d.key(KEY_LEFTALT, 0, out);
    tap(KEY_F5);  // ignored
    tap(KEY_ENTER);
    REQUIRE(out.size() == 1);
    CHECK(out[0].bytes == "K0-4|A\xe1\xbb\xaf");
}

TEST_CASE("a FIFO source: scans arrive one by one as a scanner writes them") {
    const auto dir = temp_dir("fifo");
    const auto fifo = dir / "scanner";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK(kind_of(fifo) == Kind::stream);
    Inbox inbox;
    Reader reader(fifo, inbox.sink());
    {
        std::ofstream w(fifo, std::ios::binary);
        w << "001090123456||Nguy\xe1\xbb\x85n V\xc4\x83n An|01011990|Nam|H\xc3\xa0 N\xe1\xbb\x99i|"
             "15042021\r\n";
    }
    REQUIRE(inbox.wait_for(1));
    CHECK(inbox.scans[0].bytes.rfind("001090123456||Nguyễn Văn An|", 0) == 0);
    // The writer closed; a second writer later is read as well.
    {
        std::ofstream w(fifo, std::ios::binary);
        w << "\xff\xfe garbage\n";
    }
    REQUIRE(inbox.wait_for(2));
    CHECK(inbox.scans[1].bytes == "\xff\xfe garbage");
    CHECK(reader.health().state == Health::State::ok);
    fs::remove_all(dir);
}

TEST_CASE("a file source is read once; recorded key events decode like a wedge scanner") {
    const auto dir = temp_dir("file");
    {
        std::ofstream f(dir / "scans.txt", std::ios::binary);
        f << "DEV01-261122-0001\nDEV01-261122-0002";
    }
    Inbox inbox;
    {
        Reader reader((dir / "scans.txt").string(), inbox.sink());
        REQUIRE(inbox.wait_for(2));
    }
    CHECK(inbox.scans[1].bytes == "DEV01-261122-0002");

    KeyStream ks;
    for (auto k : {KEY_1, KEY_2, KEY_3})
        ks.tap(k);
    ks.tap(KEY_ENTER);
    {
        std::ofstream f(dir / "events", std::ios::binary);
        f.write(reinterpret_cast<const char*>(ks.events.data()),
                static_cast<std::streamsize>(ks.events.size() * sizeof(input_event)));
    }
    Inbox keys;
    Reader reader((dir / "events").string(), Kind::evdev, keys.sink());
    REQUIRE(keys.wait_for(1));
    CHECK(keys.scans[0].bytes == "123");
    fs::remove_all(dir);
}

TEST_CASE("a missing device is reported, not thrown") {
    std::mutex m;
    std::condition_variable cv;
    std::optional<Health> seen;
    Reader reader(
        "/dev/input/event-that-does-not-exist", [](Scan) {},
        [&](const Health& h) {
            std::lock_guard l(m);
            seen = h;
            cv.notify_all();
        });
    {
        std::unique_lock l(m);
        REQUIRE(cv.wait_for(l, std::chrono::seconds(20), [&] { return seen.has_value(); }));
    }
    CHECK(seen->state == Health::State::absent);
    CHECK(seen->detail.find("No such file") != std::string::npos);
    CHECK(reader.health().detail == seen->detail);
    CHECK_FALSE(kind_of(""));
}
