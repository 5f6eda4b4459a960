// quayctl provision write|check|apply: the technician's provisioning file
// (docs/technician-guide.md). Checking uses the kiosk's own config loader.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli.hpp"
#include "quay/provision/provision.hpp"
#include "quay/staff/pin.hpp"
#include "quay/text/utf8.hpp"

namespace quay::cli {
namespace fs = std::filesystem;

namespace {

std::string read_input_file(const std::string& option, const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Failure{bad_input, "bad_arguments", option + ": cannot read " + path};
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
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

// authorized_keys lines: blank lines and # comments are skipped.
std::vector<std::string> key_lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        line = std::string(quay::text::trim(line));
        if (!line.empty() && line.front() != '#') out.push_back(line);
    }
    return out;
}

nlohmann::json summary(const provision::Bundle& b) {
    return {{"kiosk_id", b.config.kiosk.id},
            {"portal_url", b.config.portal.url},
            {"ca", !b.ca_pem.empty()},
            {"ssh", !b.ssh_keys.empty()},
            {"staff_pin", !b.config.staff.pin_hash.empty()},
            {"printer", b.config.printer.device},
            {"rotation", b.config.display.rotation},
            {"warnings", b.warnings}};
}

int provision_write(Context& ctx, Args& args) {
    provision::Inputs in;
    auto required = [&](const std::string& name) {
        auto v = args.take_option(name);
        if (!v || v->empty()) throw Failure{bad_input, "bad_arguments", name + " is required"};
        return *v;
    };
    in.kiosk_id = required("--kiosk-id");
    in.portal_url = required("--portal-url");
    in.token =
        std::string(quay::text::trim(read_input_file("--token-file", required("--token-file"))));
    const auto out = required("--out");
    if (auto v = args.take_option("--ca-file")) in.ca_pem = read_input_file("--ca-file", *v);
    if (auto v = args.take_option("--ssh-key-file"))
        in.ssh_keys = key_lines(read_input_file("--ssh-key-file", *v));
    in.language = args.take_option("--language");
    in.printer_device = args.take_option("--printer");
    if (auto v = args.take_option("--printer-width"))
        in.printer_width_dots = integer_option("--printer-width", *v);
    in.scanner_device = args.take_option("--scanner");
    if (auto v = args.take_option("--rotation")) in.rotation = integer_option("--rotation", *v);
    in.centre_name_vi = args.take_option("--centre-vi");
    in.centre_name_en = args.take_option("--centre-en");
    in.staff_pin_hash = args.take_option("--staff-pin-hash");
    if (args.take_flag("--staff-pin-stdin")) {
        if (in.staff_pin_hash)
            throw Failure{bad_input, "bad_arguments",
                          "--staff-pin-hash and --staff-pin-stdin exclude each other"};
        std::string pin;
        std::getline(std::cin, pin);
        pin = std::string(quay::text::trim(pin));
        if (!staff::is_valid_pin(pin))
            throw Failure{bad_input, "bad_pin", "a staff PIN is 6 to 12 digits"};
        in.staff_pin_hash = staff::hash_pin(pin);
    }
    const bool force = args.take_flag("--force");
    args.expect_empty();

    const fs::path out_path(out);
    if (!force && fs::exists(out_path))
        throw Failure{bad_input, "exists", out + " exists; pass --force to replace it"};
    const std::string text = provision::write(in, out_path.filename());
    // Written whole under a temporary name, 0600 (it holds the token), then renamed.
    const fs::path tmp = out_path.string() + ".tmp-" + std::to_string(::getpid());
    {
        const auto old_mask = ::umask(077);
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        ::umask(old_mask);
        f << text;
        f.flush();
        if (!f) {
            std::error_code ec;
            fs::remove(tmp, ec);
            throw Failure{storage_failure, "io_error", "cannot write " + tmp.string()};
        }
    }
    fs::permissions(tmp, fs::perms::owner_read | fs::perms::owner_write);
    fs::rename(tmp, out_path);
    const auto b = provision::parse(text, out_path);
    auto doc = summary(b);
    doc["file"] = fs::absolute(out_path).string();
    print_json(ctx.out, doc);
    return ok;
}

int provision_check(Context& ctx, Args& args) {
    const auto file = args.require_positional("the provisioning file");
    args.expect_empty();
    const auto b = provision::load_file(file);
    auto doc = summary(b);
    doc["file"] = fs::absolute(file).string();
    doc["ok"] = true;
    print_json(ctx.out, doc);
    return ok;
}

int provision_apply(Context& ctx, Args& args) {
    const auto file = args.require_positional("the provisioning file");
    const fs::path dir = args.take_option("--dir").value_or("/etc/quay");
    const auto owner_name = args.take_option("--owner");
    args.expect_empty();
    std::optional<provision::Owner> owner;
    if (owner_name) {
        owner = provision::lookup_owner(*owner_name);
        if (!owner) throw Failure{bad_input, "bad_arguments", "--owner: no user " + *owner_name};
    }
    const auto b = provision::load_file(file);
    try {
        const auto r = provision::install(b, dir, owner);
        auto doc = summary(b);
        doc["config"] = r.config_file.string();
        doc["changed"] = r.changed;
        print_json(ctx.out, doc);
        return ok;
    } catch (const config::ConfigError&) {
        throw;
    } catch (const Error& e) {
        throw Failure{storage_failure, e.code(), e.what()};
    } catch (const fs::filesystem_error& e) {
        throw Failure{storage_failure, "io_error", e.what()};
    }
}

}  // namespace

int run_provision(Context& ctx, Args& args) {
    const auto sub = args.take_positional();
    if (sub == "write") return provision_write(ctx, args);
    if (sub == "check") return provision_check(ctx, args);
    if (sub == "apply") return provision_apply(ctx, args);
    throw Failure{bad_input, "bad_arguments",
                  "usage: quayctl provision write ...|check FILE|apply FILE [--dir DIR] "
                  "[--owner USER]"};
}

}  // namespace quay::cli
