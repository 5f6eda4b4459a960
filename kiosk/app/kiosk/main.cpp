// quay-kiosk: the citizen's kiosk. Wiring only; see kiosk.hpp.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "kiosk.hpp"
#include "options.hpp"
#include "quay/system/notify.hpp"

int main(int argc, char** argv) {
    using namespace quay;
    try {
        const auto opt = kiosk_app::parse_options(std::vector<std::string>(argv + 1, argv + argc),
                                                  std::getenv("QUAY_CONFIG"));
        if (opt.help) {
            std::fputs(kiosk_app::kUsage, stdout);
            return 0;
        }
        bool start_again = false;
        {
            kiosk_app::KioskProcess kiosk(opt);
            if (opt.script) kiosk.play(platform::load_script(*opt.script));
            if (opt.screenshot) kiosk.screenshot(*opt.screenshot);
            if (!opt.script && !opt.screenshot) start_again = kiosk.run();
        }  // everything stopped and closed, as at any exit
        if (start_again) {
            // A newer catalogue was stored: the same program, arguments and PID (systemd
            // sees no restart) load it; fonts are built for its texts (kiosk.cpp).
            std::cerr << "quay-kiosk: starting again on the newer catalogue\n" << std::flush;
            // As long as the unit's TimeoutStartSec= for the first frame (slow boards).
            system::notify_starting_again(std::chrono::seconds(180));
            ::execv("/proc/self/exe", argv);
            std::cerr << "quay-kiosk: cannot start again: " << std::strerror(errno) << "\n";
            return 1;  // systemd's Restart= starts it
        }
        return 0;
    } catch (const config::ConfigError& e) {
        std::cerr << "quay-kiosk: " << e.what() << "\n";
        return 2;
    } catch (const Error& e) {
        std::cerr << "quay-kiosk: " << e.what() << "\n";
        if (e.code() == "usage") std::cerr << kiosk_app::kUsage;
        return e.code() == "usage" ? 2 : 1;
    } catch (const std::exception& e) {
        std::cerr << "quay-kiosk: " << e.what() << "\n";
        return 1;
    }
}
