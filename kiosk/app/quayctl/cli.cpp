#include "cli.hpp"

#include <algorithm>

namespace quay::cli {

std::optional<std::string> Args::take_option(const std::string& name) {
    for (auto it = args_.begin(); it != args_.end(); ++it) {
        if (*it == name) {
            if (std::next(it) == args_.end()) {
                throw Failure{bad_input, "bad_arguments", name + " needs a value"};
            }
            std::string v = *std::next(it);
            args_.erase(it, std::next(it, 2));
            return v;
        }
        if (it->starts_with(name + "=")) {
            std::string v = it->substr(name.size() + 1);
            args_.erase(it);
            return v;
        }
    }
    return std::nullopt;
}

bool Args::take_flag(const std::string& name) {
    const auto it = std::find(args_.begin(), args_.end(), name);
    if (it == args_.end()) return false;
    args_.erase(it);
    return true;
}

std::optional<std::string> Args::take_positional() {
    for (auto it = args_.begin(); it != args_.end(); ++it) {
        if (!it->starts_with("--")) {
            std::string v = *it;
            args_.erase(it);
            return v;
        }
    }
    return std::nullopt;
}

std::string Args::require_positional(const std::string& what) {
    auto v = take_positional();
    if (!v) throw Failure{bad_input, "bad_arguments", "missing " + what};
    return *v;
}

void Args::expect_empty() const {
    if (!args_.empty())
        throw Failure{bad_input, "bad_arguments", "unexpected argument " + args_.front()};
}

std::int64_t integer_option(const std::string& option, const std::string& v) {
    try {
        std::size_t used = 0;
        const auto n = std::stoll(v, &used);
        if (used == v.size()) return n;
    } catch (const std::exception&) {
    }
    throw Failure{bad_input, "bad_arguments", option + " wants a whole number"};
}

void print_json(std::ostream& out, const nlohmann::json& doc) {
    out << doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict) << '\n';
    out.flush();
}

}  // namespace quay::cli
