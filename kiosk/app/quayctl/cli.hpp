#pragma once
// Shared plumbing of quayctl's commands: arguments, config, JSON out, errors and exit codes
// (quayctl.md). Each command lives in its own cmd_*.cpp.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "quay/config/config.hpp"
#include "quay/error.hpp"

namespace quay::cli {

enum Exit : int {
    ok = 0,
    bad_input = 2,
    timeout_pending = 3,
    paused = 4,
    storage_failure = 5,
    printer_failure = 6,  // quayctl print: the printer did not print (docs/receipts.md)
};

// Thrown by commands; main prints {"error": code, "message": ..., extra...} as the last
// line of stderr and exits with exit_code.
struct Failure {
    int exit_code;
    std::string code;
    std::string message;
    nlohmann::json extra = nlohmann::json::object();
};

class Args {
  public:
    explicit Args(std::vector<std::string> args) : args_(std::move(args)) {}
    // Removes and returns "--name VALUE"; throws Failure(bad_input) when VALUE is missing.
    std::optional<std::string> take_option(const std::string& name);
    // Removes "--name"; true when it was there.
    bool take_flag(const std::string& name);
    // Removes and returns the next positional argument.
    std::optional<std::string> take_positional();
    std::string require_positional(const std::string& what);
    // Fails with bad_input when anything is left over.
    void expect_empty() const;

  private:
    std::vector<std::string> args_;
};

struct Context {
    std::function<const config::Config&()> config;  // loads on first use (exit 2 on error)
    std::ostream& out;
    std::ostream& err;
};

// The value of an option that takes a whole number; anything else fails with bad_input.
std::int64_t integer_option(const std::string& option, const std::string& value);

// Prints one JSON document (UTF-8, NFC, one line) to out.
void print_json(std::ostream& out, const nlohmann::json& doc);

using Command = std::function<int(Context&, Args&)>;

// The commands (one file each).
int run_catalog(Context&, Args&);
int run_scan(Context&, Args&);
int run_submit(Context&, Args&);
int run_deliver(Context&, Args&);
int run_queue(Context&, Args&);
int run_show(Context&, Args&);
int run_resend(Context&, Args&);
int run_pause(Context&, Args&);
int run_resume(Context&, Args&);
int run_status(Context&, Args&);
int run_heartbeat(Context&, Args&);
int run_receipt(Context&, Args&);
int run_print(Context&, Args&);  // staff reprint through the configured printer
int run_staff_pin(Context&, Args&);
int run_provision(Context&, Args&);
int run_update(Context&, Args&);
int run_audit(Context&, Args&);         // the audit log, --verify its hash chain
int run_catalog_sync(Context&, Args&);  // "catalog sync", with the portal client
int run_metrics(Context&, Args&);       // Prometheus text, not JSON (docs/monitoring.md)
int run_fee_paid(Context&, Args&);      // staff mark a dossier's fee paid (audited)

}  // namespace quay::cli
