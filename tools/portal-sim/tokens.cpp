#include "tokens.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "quay/config/config.hpp"
#include "util.hpp"

namespace quay::portal_sim {

Tokens::Tokens(std::filesystem::path file) : file_(std::move(file)), entries_(read(file_)) {}

void Tokens::reload() {
    auto fresh = read(file_);
    std::lock_guard lock(mutex_);
    entries_ = std::move(fresh);
}

std::vector<Tokens::Entry> Tokens::read(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot read token file " + file.string());
    std::vector<Entry> entries;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        std::istringstream words(line);
        std::string a, b, extra;
        words >> a >> b >> extra;
        if (a.empty() || a[0] == '#') continue;
        if (!extra.empty()) {
            throw std::runtime_error(file.string() + ":" + std::to_string(number) +
                                     ": expected TOKEN or KIOSK_ID TOKEN");
        }
        if (b.empty()) {
            entries.push_back({"", a});
        } else {
            if (!config::is_kiosk_id(a)) {
                throw std::runtime_error(file.string() + ":" + std::to_string(number) +
                                         ": bad kiosk id " + a);
            }
            entries.push_back({a, b});
        }
    }
    if (entries.empty()) throw std::runtime_error("no token in " + file.string());
    return entries;
}

Auth Tokens::check(std::string_view authorization, std::string_view kiosk_id) const {
    constexpr std::string_view scheme = "Bearer ";
    if (authorization.empty() || kiosk_id.empty()) return Auth::missing;
    if (authorization.substr(0, scheme.size()) != scheme) return Auth::bad;
    if (!config::is_kiosk_id(kiosk_id)) return Auth::bad;
    const std::string_view token = authorization.substr(scheme.size());
    std::lock_guard lock(mutex_);
    for (const auto& e : entries_) {
        if ((e.kiosk_id.empty() || e.kiosk_id == kiosk_id) && same_secret(e.token, token)) {
            return Auth::ok;
        }
    }
    return Auth::bad;
}

}  // namespace quay::portal_sim
