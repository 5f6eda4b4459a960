// quayctl staff-pin [--verify HASH]: the staff PIN's Argon2id hash for [staff] pin_hash.
// The PIN comes from stdin (never the command line, where `ps` would show it).
#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "cli.hpp"
#include "quay/staff/pin.hpp"

namespace quay::cli {

namespace {

// Echo off while a person types the PIN at a terminal; restored on every path.
class NoEcho {
  public:
    NoEcho() {
        if (!::isatty(STDIN_FILENO) || ::tcgetattr(STDIN_FILENO, &saved_) != 0) return;
        termios t = saved_;
        t.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        active_ = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &t) == 0;
    }
    ~NoEcho() {
        if (active_) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
    }
    NoEcho(const NoEcho&) = delete;
    NoEcho& operator=(const NoEcho&) = delete;
    bool active() const { return active_; }

  private:
    termios saved_{};
    bool active_ = false;
};

std::string read_pin(std::ostream& err) {
    std::string pin;
    {
        NoEcho no_echo;
        if (no_echo.active()) err << "Staff PIN (6 to 12 digits): " << std::flush;
        std::getline(std::cin, pin);
        if (no_echo.active()) err << '\n';
    }
    while (!pin.empty() && (pin.back() == '\r' || pin.back() == ' '))
        pin.pop_back();
    if (!staff::is_valid_pin(pin))
        throw Failure{bad_input, "bad_pin", "a staff PIN is 6 to 12 digits (0-9), read from stdin"};
    return pin;
}

}  // namespace

int run_staff_pin(Context& ctx, Args& args) {
    const auto verify = args.take_option("--verify");
    args.expect_empty();
    if (verify && !staff::is_pin_hash(*verify))
        throw Failure{bad_input, "bad_arguments",
                      "--verify wants an Argon2id hash ($argon2id$...)"};
    const auto pin = read_pin(ctx.err);
    if (verify) {
        print_json(ctx.out, {{"match", staff::verify_pin(*verify, pin)}});
        return ok;
    }
    const auto cost = staff::kiosk_cost();
    print_json(ctx.out, {{"pin_hash", staff::hash_pin(pin, cost)},
                         {"passes", cost.passes},
                         {"memory_kib", cost.memory_bytes / 1024}});
    return ok;
}

}  // namespace quay::cli
