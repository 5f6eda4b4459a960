#include "fixture.hpp"

#include <ctime>
#include <regex>
#include <stdexcept>

namespace quay::testing {

std::filesystem::path make_subdir(const std::filesystem::path& dir, const std::string& name) {
    const auto p = dir / name;
    std::filesystem::create_directories(p);
    return p;
}

Fixture::Fixture(const std::string& name, SimOptions sim_options, KioskOptions kiosk_options)
    : dir(name),
      sim(make_subdir(dir, "portal"),
          [&] {
              sim_options.token_file_text = kiosk_token + "\n";
              return sim_options;
          }()),
      kiosk(make_subdir(dir, "kiosk"), sim.url(), kiosk_token, std::move(kiosk_options)) {}

std::vector<nlohmann::json> Fixture::posts_for(const std::string& dossier_id) const {
    std::vector<nlohmann::json> out;
    for (const auto& r : sim.requests_to("POST", "/v1/dossiers")) {
        if (r.at("idempotency_key") == dossier_id || r.at("dossier_id") == dossier_id) {
            out.push_back(r);
        }
    }
    return out;
}

std::vector<nlohmann::json> Fixture::submit(std::size_t n) const {
    std::vector<nlohmann::json> out;
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(kiosk.submit(kiosk.draft(i)));
    return out;
}

std::chrono::system_clock::time_point parse_rfc3339(const std::string& s) {
    static const std::regex re(
        R"(^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|([+-])(\d{2}):(\d{2}))$)");
    std::smatch m;
    if (!std::regex_match(s, m, re)) throw std::runtime_error("not RFC 3339: " + s);
    std::tm t{};
    t.tm_year = std::stoi(m[1]) - 1900;
    t.tm_mon = std::stoi(m[2]) - 1;
    t.tm_mday = std::stoi(m[3]);
    t.tm_hour = std::stoi(m[4]);
    t.tm_min = std::stoi(m[5]);
    t.tm_sec = std::stoi(m[6]);
    auto tp = std::chrono::system_clock::from_time_t(timegm(&t));
    if (m[7].matched) {
        tp += std::chrono::milliseconds(static_cast<long>(std::stod("0" + m[7].str()) * 1000));
    }
    if (m[8] != "Z") {
        const int minutes = std::stoi(m[10]) * 60 + std::stoi(m[11]);
        tp -= std::chrono::minutes(m[9] == "+" ? minutes : -minutes);
    }
    return tp;
}

std::chrono::system_clock::time_point parse_http_date(const std::string& s) {
    std::tm t{};
    const char* end = strptime(s.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &t);
    if (!end || *end) throw std::runtime_error("not an HTTP date: " + s);
    return std::chrono::system_clock::from_time_t(timegm(&t));
}

}  // namespace quay::testing
