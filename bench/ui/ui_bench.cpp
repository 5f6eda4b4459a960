// ui_bench frames CONFIG [N]    CPU time per frame (this thread: layout + software raster)
//                               on the busiest screens at 1080x1920; prints p50/p99/max.
// ui_bench sessions CONFIG [N] [WxH]
//                               N scripted citizen sessions (search on the on-screen
//                               keyboard, open a procedure, start the form, type a name,
//                               leave and let the inactivity wipe run); prints RSS as it goes.
//                               Default 1080x1920; a smaller window runs the same sessions
//                               with less software rasterising.
// Figures only: nothing here passes or fails on time.
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <vector>

#include "kiosk.hpp"
#include "options.hpp"

using namespace quay;

namespace {

double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

long rss_kb() {
    std::ifstream f("/proc/self/statm");
    long pages = 0, resident = 0;
    f >> pages >> resident;
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

kiosk_app::Options options(const char* config, platform::Size size = {1080, 1920}) {
    kiosk_app::Options o;
    o.config = config;
    o.headless = true;
    o.size = size;
    o.fixed_clock = true;  // timeouts move only when the bench says so
    return o;
}

struct Screen {
    const char* name;
    const char* script;  // from home
};

// The screens with the most on them: text-heavy pages, and lists with the keyboard open.
const Screen kScreens[] = {
    {"home", ""},
    {"search+keyboard", "tap #home.search\nosk \"dang ky\"\n"},
    {"procedure list", "tap #home.fields\ntap #field:ho_tich\n"},
    {"procedure page", "tap #home.search\nosk \"khai sinh\"\ntap #proc:1.001193\n"},
    {"form+keyboard",
     "tap #home.search\nosk \"khai sinh\"\ntap #proc:1.001193\ntap #action.start\n"
     "tap #field:applicant.full_name\n"},
};

int frames(const char* config, int n) {
    std::printf("%-18s %8s %8s %8s %8s\n", "screen", "p50_ms", "p99_ms", "max_ms", "frames");
    for (const auto& s : kScreens) {
        kiosk_app::KioskProcess k(options(config));
        try {
            k.play(platform::parse_script(s.script));
        } catch (const platform::ScriptError& e) {
            std::printf("%-18s skipped (%s)\n", s.name, e.what());
            continue;
        }
        std::vector<double> ms;
        for (int i = 0; i < n; ++i) {
            const double t0 = thread_cpu_ms();
            k.runner().frame(k.app());
            ms.push_back(thread_cpu_ms() - t0);
        }
        std::sort(ms.begin(), ms.end());
        auto pct = [&](double p) { return ms[static_cast<std::size_t>(p * (ms.size() - 1))]; };
        std::printf("%-18s %8.2f %8.2f %8.2f %8d\n", s.name, pct(0.5), pct(0.99), ms.back(), n);
    }
    return 0;
}

int sessions(const char* config, int n, platform::Size size) {
    kiosk_app::KioskProcess k(options(config, size));
    const auto session = platform::parse_script(
        "tap #home.search\n"
        "osk \"khai sinh\"\n"
        "tap #proc:1.001193\n"
        "tap #action.start\n"
        "tap #field:applicant.full_name\n"
        "osk \"nguyen van an\"\n"
        "tap #key:done\n"
        "advance 80\n"  // no touch: the prompt, the countdown, then the wipe
        "expect screen home\n");
    std::printf("%9s %9s\n", "sessions", "rss_kb");
    std::printf("%9d %9ld\n", 0, rss_kb());
    for (int i = 1; i <= n; ++i) {
        k.play(session);
        if (i == 1 || i == 10 || i % 100 == 0) std::printf("%9d %9ld\n", i, rss_kb());
        std::fflush(stdout);
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fputs("usage: ui_bench frames|sessions CONFIG [N]\n", stderr);
        return 2;
    }
    const std::string mode = argv[1];
    try {
        if (mode == "frames") return frames(argv[2], argc > 3 ? std::atoi(argv[3]) : 300);
        if (mode == "sessions")
            return sessions(argv[2], argc > 3 ? std::atoi(argv[3]) : 1000,
                            argc > 4 ? kiosk_app::parse_size(argv[4]) : platform::Size{1080, 1920});
    } catch (const std::exception& e) {
        std::cerr << "ui_bench: " << e.what() << "\n";
        return 1;
    }
    std::fputs("usage: ui_bench frames|sessions CONFIG [N]\n", stderr);
    return 2;
}
