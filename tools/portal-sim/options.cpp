#include "options.hpp"

#include <stdexcept>

namespace quay::portal_sim {

const char* const usage =
    "usage: quay-portal-sim --db FILE --token-file FILE [--listen HOST:PORT]\n"
    "                       [--catalog FILE] [--admin-token-file FILE] [--fault SPEC]...\n"
    "                       [--max-body BYTES] [--threads N] [--log] [--exit-with-parent]\n"
    "                       [--fixed-time UNIX_SECONDS] [--date-offset SECONDS]\n"
    "Prints {\"port\", \"url\", \"admin_token\"} as one line on stdout once listening.\n"
    "SPEC: KIND[,KEY=VALUE]... or a JSON object; see docs/portal-simulator.md.\n";

namespace {

long long number(const std::string& flag, const std::string& v, long long lo, long long hi) {
    std::size_t used = 0;
    long long n = 0;
    try {
        n = std::stoll(v, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != v.size() || v.empty() || n < lo || n > hi) {
        throw std::invalid_argument(flag + " needs a whole number in " + std::to_string(lo) + ".." +
                                    std::to_string(hi) + ", got '" + v + "'");
    }
    return n;
}

void parse_listen(const std::string& v, Options& o) {
    const auto colon = v.rfind(':');
    if (colon == std::string::npos || colon == 0) {
        throw std::invalid_argument("--listen needs HOST:PORT, got '" + v + "'");
    }
    std::string host = v.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    o.host = host;
    o.port = static_cast<int>(number("--listen port", v.substr(colon + 1), 0, 65535));
}

}  // namespace

Options parse_options(const std::vector<std::string>& args) {
    Options o;
    bool have_db = false, have_tokens = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> const std::string& {
            if (i + 1 >= args.size()) throw std::invalid_argument(a + " needs a value");
            return args[++i];
        };
        if (a == "--help" || a == "-h") {
            o.help = true;
        } else if (a == "--listen") {
            parse_listen(value(), o);
        } else if (a == "--db") {
            o.db = value();
            have_db = true;
        } else if (a == "--token-file") {
            o.token_file = value();
            have_tokens = true;
        } else if (a == "--catalog") {
            o.catalog = value();
        } else if (a == "--admin-token-file") {
            o.admin_token_file = value();
        } else if (a == "--fault") {
            o.faults.push_back(parse_fault_text(value()));
        } else if (a == "--max-body") {
            o.max_body = static_cast<std::size_t>(number(a, value(), 1, 1LL << 32));
        } else if (a == "--threads") {
            o.threads = static_cast<int>(number(a, value(), 1, 1024));
        } else if (a == "--log") {
            o.log = true;
        } else if (a == "--exit-with-parent") {
            o.exit_with_parent = true;
        } else if (a == "--date-offset") {
            o.date_offset_s = number(a, value(), -(1LL << 34), 1LL << 34);
        } else if (a == "--fixed-time") {
            o.fixed_time = number(a, value(), 0, 253402300799);  // up to 9999-12-31
        } else {
            throw std::invalid_argument("unknown argument '" + a + "'");
        }
    }
    if (!o.help && (!have_db || !have_tokens)) {
        throw std::invalid_argument("--db and --token-file are required");
    }
    return o;
}

}  // namespace quay::portal_sim
