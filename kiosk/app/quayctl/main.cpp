// quayctl: the kiosk's command line (docs: quayctl.md). Wiring only.

#include <curl/curl.h>

#include <cstdlib>
#include <iostream>
#include <map>
#include <optional>

#include "cli.hpp"

using namespace quay;

namespace {

const std::map<std::string, cli::Command>& commands() {
    static const std::map<std::string, cli::Command> table = {
        {"catalog", cli::run_catalog},     {"scan", cli::run_scan},
        {"submit", cli::run_submit},       {"deliver", cli::run_deliver},
        {"queue", cli::run_queue},         {"show", cli::run_show},
        {"resend", cli::run_resend},       {"pause", cli::run_pause},
        {"resume", cli::run_resume},       {"status", cli::run_status},
        {"heartbeat", cli::run_heartbeat}, {"receipt", cli::run_receipt},
        {"staff-pin", cli::run_staff_pin}, {"provision", cli::run_provision},
        {"print", cli::run_print},         {"audit", cli::run_audit},
        {"metrics", cli::run_metrics},     {"fee-paid", cli::run_fee_paid},
        {"update", cli::run_update},
    };
    return table;
}

void print_error(const std::string& code, const std::string& message,
                 const nlohmann::json& extra = nlohmann::json::object()) {
    nlohmann::json e = {{"error", code}, {"message", message}};
    for (const auto& [k, v] : extra.items())
        e[k] = v;
    std::cerr << e.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << std::endl;
}

const char* usage =
    "usage: quayctl [--config FILE] COMMAND [ARGS]\n"
    "commands: submit DRAFT.json | deliver [--until-idle] [--timeout S] | queue | show ID |\n"
    "  resend ID | pause | resume | status CODE --id-last4 NNNN | catalog sync|list|show "
    "CODE|stats |\n"
    "  scan [--from FILE] | heartbeat | receipt ID --out FILE.png | print ID | staff-pin |\n"
    "  provision keygen|write|sign|check|apply|refused ... | audit [--latest N] [--verify] |\n"
    "  metrics | fee-paid ID | update pack|check|install|status|reconcile ...\n"
    "--config may be omitted when QUAY_CONFIG names the file.\n";

}  // namespace

int main(int argc, char** argv) {
    curl_global_init(CURL_GLOBAL_DEFAULT);  // once, before any thread starts
    std::vector<std::string> raw(argv + 1, argv + argc);
    try {
        cli::Args args(std::move(raw));
        if (args.take_flag("--version")) {
            std::cout << nlohmann::json{{"version", QUAY_VERSION}}.dump() << '\n';
            return 0;
        }
        if (args.take_flag("--help") || args.take_flag("-h")) {
            std::cout << usage;
            return 0;
        }
        std::optional<std::string> config_path = args.take_option("--config");
        if (!config_path) {
            if (const char* env = std::getenv("QUAY_CONFIG"); env && *env) config_path = env;
        }
        const auto name = args.take_positional();
        if (!name) {
            std::cerr << usage;
            print_error("bad_arguments", "no command given");
            return cli::bad_input;
        }
        const auto it = commands().find(*name);
        if (it == commands().end()) {
            std::cerr << usage;
            print_error("bad_arguments", "unknown command " + *name);
            return cli::bad_input;
        }
        std::optional<config::Config> loaded;
        cli::Context ctx{[&]() -> const config::Config& {
                             if (!loaded) {
                                 if (!config_path) {
                                     throw cli::Failure{
                                         cli::bad_input, "bad_config",
                                         "no config: pass --config FILE or set QUAY_CONFIG"};
                                 }
                                 loaded = config::load_file(*config_path);
                             }
                             return *loaded;
                         },
                         std::cout, std::cerr};
        return it->second(ctx, args);
    } catch (const cli::Failure& f) {
        print_error(f.code, f.message, f.extra);
        return f.exit_code;
    } catch (const config::ConfigError& e) {
        print_error(e.code(), e.what(), {{"key", e.key()}, {"line", e.line()}});
        return cli::bad_input;
    } catch (const Error& e) {
        print_error(e.code(), e.what());
        return cli::bad_input;
    } catch (const std::exception& e) {
        print_error("internal", e.what());
        return 1;
    }
}
