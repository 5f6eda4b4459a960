#include "sim.hpp"

#include <signal.h>
#include <sys/wait.h>

#include <stdexcept>
#include <thread>

#include "temp_dir.hpp"

namespace quay::testing {

std::filesystem::path sim_binary() {
    return std::filesystem::path(QUAY_BINARY_DIR) / "tools/portal-sim/quay-portal-sim";
}

Sim::Sim(const std::filesystem::path& dir, SimOptions options)
    : dir_(dir), db_(dir / "portal.db"), token_file_(dir / "portal-tokens") {
    write_file(token_file_, options.token_file_text, std::filesystem::perms(0600));
    std::vector<std::string> argv = {
        sim_binary().string(), "--listen",     "127.0.0.1:0",       "--db",
        db_.string(),          "--token-file", token_file_.string()};
    if (options.catalog) {
        argv.push_back("--catalog");
        argv.push_back(options.catalog->string());
    }
    for (const auto& f : options.faults) {
        argv.push_back("--fault");
        argv.push_back(f);
    }
    argv.insert(argv.end(), options.extra_args.begin(), options.extra_args.end());
    child_.emplace(argv, (dir / "portal-sim.log").string());
    const auto line = child_->read_line(std::chrono::seconds(30));
    if (!line) {
        throw std::runtime_error("portal simulator did not start: " +
                                 read_file(dir / "portal-sim.log"));
    }
    const auto hello = nlohmann::json::parse(*line);
    port_ = hello.at("port").get<int>();
    admin_token_ = hello.at("admin_token").get<std::string>();
}

Sim::~Sim() {
    if (child_ && child_->running()) stop();
}

int Sim::stop() {
    child_->kill(SIGTERM);
    const auto status = child_->wait(std::chrono::seconds(30));
    if (!status) throw std::runtime_error("portal simulator did not stop on SIGTERM");
    return WIFEXITED(*status) ? WEXITSTATUS(*status) : 128 + WTERMSIG(*status);
}

httplib::Client Sim::client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_connection_timeout(5);
    c.set_read_timeout(30);
    c.set_write_timeout(30);
    return c;
}

nlohmann::json Sim::admin(const std::string& method, const std::string& path,
                          const std::string& body, const std::string& content_type) const {
    auto c = client();
    const httplib::Headers h = {{"Authorization", "Bearer " + admin_token_}};
    auto send = [&]() -> httplib::Result {
        if (method == "GET") return c.Get(path, h);
        if (method == "POST") return c.Post(path, h, body, content_type);
        if (method == "PUT") return c.Put(path, h, body, content_type);
        if (method == "DELETE") return c.Delete(path, h);
        throw std::invalid_argument("method " + method);
    };
    const httplib::Result res = send();
    if (!res) throw std::runtime_error("admin " + path + ": " + httplib::to_string(res.error()));
    if (res->status / 100 != 2) {
        throw std::runtime_error("admin " + path + ": " + std::to_string(res->status) + " " +
                                 res->body);
    }
    return nlohmann::json::parse(res->body);
}

nlohmann::json Sim::add_fault(const std::string& text_spec) const {
    return admin("POST", "/_sim/faults", text_spec, "text/plain");
}

void Sim::clear_faults() const {
    admin("DELETE", "/_sim/faults");
}

nlohmann::json Sim::requests(std::int64_t since) const {
    return admin("GET", "/_sim/requests?since=" + std::to_string(since)).at("requests");
}

std::vector<nlohmann::json> Sim::requests_to(const std::string& method,
                                             const std::string& path_prefix) const {
    std::vector<nlohmann::json> out;
    for (const auto& r : requests()) {
        if (r.at("method") == method &&
            r.at("path").get<std::string>().rfind(path_prefix, 0) == 0) {
            out.push_back(r);
        }
    }
    return out;
}

nlohmann::json Sim::dossiers() const {
    return admin("GET", "/_sim/dossiers").at("dossiers");
}

std::int64_t Sim::dossier_count() const {
    return admin("GET", "/_sim/dossiers?summary=1").at("count").get<std::int64_t>();
}

std::optional<nlohmann::json> Sim::dossier(const std::string& id_or_receipt) const {
    auto c = client();
    const auto res =
        c.Get("/_sim/dossiers/" + id_or_receipt, {{"Authorization", "Bearer " + admin_token_}});
    if (!res) throw std::runtime_error("admin dossier: " + httplib::to_string(res.error()));
    if (res->status == 404) return std::nullopt;
    return nlohmann::json::parse(res->body);
}

nlohmann::json Sim::heartbeats() const {
    return admin("GET", "/_sim/heartbeats").at("heartbeats");
}

bool wait_until(const std::function<bool()>& cond, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (cond()) return true;
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

}  // namespace quay::testing
