// quay-portal-sim: the kiosk gateway (portal-api.md) for development and tests. Wiring only.

#include <httplib.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>

#include "admin.hpp"
#include "connection.hpp"
#include "gateway.hpp"
#include "options.hpp"
#include "quay/embedded.hpp"
#include "quay/text/utf8.hpp"
#include "util.hpp"

using namespace quay::portal_sim;

namespace {

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + p.string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// --catalog FILE, else what an earlier run served, else the bundled catalogue.
ServedCatalog initial_catalog(const Options& o, Store& store) {
    if (o.catalog) {
        ServedCatalog c = make_served_catalog(read_file(*o.catalog));
        store.set_catalog(c.doc);
        return c;
    }
    if (auto stored = store.catalog()) return make_served_catalog(std::move(stored->body));
    const auto bundled = quay::embedded::assets::find("catalog.json");
    return make_served_catalog(bundled ? std::string(*bundled) : std::string("{}"));
}

void install_fallbacks(httplib::Server& server, RequestLog& log) {
    // Unrouted paths and the errors httplib answers itself (413 over --max-body, 400 on a
    // malformed request line) get the contract's JSON bodies; our own replies have theirs.
    server.set_error_handler(httplib::Server::HandlerWithResponse(
        [&log](const httplib::Request& req, httplib::Response& res) {
            if (res.has_header("Content-Type")) return httplib::Server::HandlerResponse::Unhandled;
            const std::string code = res.status == 413   ? "too_large"
                                     : res.status == 404 ? "not_found"
                                     : res.status == 400 ? "bad_request"
                                                         : "error";
            res.set_content(nlohmann::json{{"error", code}}.dump(), "application/json");
            LogEntry e;
            e.method = req.method;
            e.path = req.path;
            e.kiosk_id = req.get_header_value("X-Kiosk-Id");
            e.idempotency_key = req.get_header_value("Idempotency-Key");
            log.finish(log.begin(std::move(e)), res.status, "", code, "");
            return httplib::Server::HandlerResponse::Handled;
        }));
    server.set_exception_handler(
        [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
            std::string what = "unknown";
            try {
                std::rethrow_exception(ep);
            } catch (const std::exception& e) {
                what = e.what();
            } catch (...) {
            }
            std::cerr << "portal-sim: " << req.method << " " << req.path << ": " << what << "\n";
            res.status = 500;
            res.set_content(nlohmann::json{{"error", "server_error"}}.dump(), "application/json");
        });
}

int run(const Options& o) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to start");
    Store store(o.db);
    if (o.fixed_time)
        store.fix_time(std::chrono::system_clock::time_point(std::chrono::seconds(*o.fixed_time)));
    Tokens tokens(o.token_file);
    FaultSet faults;
    for (const auto& f : o.faults)
        faults.add(f);
    RequestLog log;
    Shutdown shutdown;
    const std::string admin_token =
        o.admin_token_file ? std::string(quay::text::trim(read_file(*o.admin_token_file)))
                           : random_token(32);
    if (admin_token.empty()) throw std::runtime_error("the admin token file is empty");

    Gateway gateway(store, tokens, faults, log, shutdown, initial_catalog(o, store));
    Admin admin(admin_token, store, tokens, faults, log, gateway);
    httplib::Server server;
    // httplib owns the queue it is given (its API takes a raw pointer).
    server.new_task_queue = [n = o.threads] {
        return std::make_unique<httplib::ThreadPool>(static_cast<std::size_t>(n)).release();
    };
    server.set_payload_max_length(o.max_body);
    server.set_keep_alive_timeout(30);
    if (o.log) {
        server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
            std::cerr << req.method << " " << req.path << " -> " << res.status << "\n";
        });
    }
    install_fallbacks(server, log);
    if (o.date_offset_s) {
        server.set_post_routing_handler([&o](const httplib::Request&, httplib::Response& res) {
            const auto clock =
                o.fixed_time
                    ? std::chrono::system_clock::time_point(std::chrono::seconds(*o.fixed_time))
                    : std::chrono::system_clock::now();
            res.set_header("Date", http_date(clock + std::chrono::seconds(*o.date_offset_s)));
        });
    }
    gateway.install(server);
    admin.install(server);

    int port = o.port;
    if (port == 0) {
        port = server.bind_to_any_port(o.host);
        if (port < 0) throw std::runtime_error("cannot listen on " + o.host);
    } else if (!server.bind_to_port(o.host, port)) {
        throw std::runtime_error("cannot listen on " + o.host + ":" + std::to_string(port));
    }
    const std::string host = o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host;
    std::cout << nlohmann::json{{"port", port},
                                {"url", "http://" + host + ":" + std::to_string(port)},
                                {"admin_token", admin_token}}
                     .dump()
              << std::endl;

    // SIGTERM/SIGINT are blocked everywhere (main() does it before any thread starts) and
    // taken here, so a stop never lands in the middle of a handler.
    // httplib's stop() does nothing until listen_after_bind() has started, so a SIGTERM
    // that lands just after the hello line would leave the server listening for ever:
    // stop() is repeated until listen returns.
    std::mutex listen_mutex;
    std::condition_variable listen_cv;
    bool listen_returned = false;
    std::thread signals([&] {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGTERM);
        sigaddset(&set, SIGINT);
        int sig = 0;
        sigwait(&set, &sig);
        shutdown.trigger();
        std::unique_lock lock(listen_mutex);
        while (!listen_returned) {
            server.stop();
            listen_cv.wait_for(lock, std::chrono::milliseconds(10));
        }
    });
    const bool ok = server.listen_after_bind();
    {
        std::lock_guard lock(listen_mutex);
        listen_returned = true;
    }
    listen_cv.notify_all();
    if (!shutdown.triggered()) {
        shutdown.trigger();
        kill(getpid(), SIGTERM);  // wakes the signal thread
    }
    signals.join();
    return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    const pid_t parent = getppid();
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    // A client that hangs up must not kill the server on the next write.
    signal(SIGPIPE, SIG_IGN);
    try {
        const Options o = parse_options(std::vector<std::string>(argv + 1, argv + argc));
        if (o.help) {
            std::cout << usage;
            return 0;
        }
        if (o.exit_with_parent) {
            // SIGTERM is blocked and taken by the signal thread, so this is a clean stop.
            prctl(PR_SET_PDEATHSIG, SIGTERM);
            if (getppid() != parent) return 0;  // the parent is already gone
        }
        return run(o);
    } catch (const std::invalid_argument& e) {
        std::cerr << usage << "quay-portal-sim: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "quay-portal-sim: " << e.what() << "\n";
        return 1;
    }
}
