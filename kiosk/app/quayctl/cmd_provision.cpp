// quayctl provision keygen|write|check|apply|refused: the technician's signed provisioning file
// (docs/provisioning.md). Checking uses the kiosk's own signature check and config loader.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli.hpp"
#include "quay/clock.hpp"
#include "quay/provision/provision.hpp"
#include "quay/staff/pin.hpp"
#include "quay/store/store.hpp"
#include "quay/text/utf8.hpp"
#include "store_cli.hpp"
#include "trust_cli.hpp"

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
            {"serial", b.serial},
            {"portal_url", b.config.portal.url},
            {"ca", !b.ca_pem.empty()},
            {"ssh", !b.ssh_keys.empty()},
            {"ssh_allow_from", b.ssh_allow_from},
            {"metrics_allow_from", b.metrics_allow_from},
            {"staff_pin", !b.config.staff.pin_hash.empty()},
            {"printer", b.config.printer.device},
            {"rotation", b.config.display.rotation},
            {"warnings", b.warnings}};
}

// The file's bytes (at most one more than the limit, so "too large" can be told).
std::string read_provision_file(const std::string& file) {
    try {
        return provision::read_file(file);
    } catch (const Error& e) {
        throw Failure{bad_input, "unreadable", e.what(), {{"file", fs::absolute(file).string()}}};
    }
}

// Signs text (when a key is given) and writes it whole under a temporary name, 0600 (it
// holds the token), then renames it into place. Returns the summary to print.
nlohmann::json sign_and_write(std::string text, const fs::path& out_path,
                              const std::optional<std::string>& sign_key) {
    std::optional<provision::PublicKey> signer;
    if (sign_key) {
        const auto key = provision::load_secret_key(*sign_key);
        signer = key.public_key();
        text = provision::sign(text, key);
    }
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
    const auto b = provision::parse(provision::strip_signature(text), out_path);
    auto doc = summary(b);
    doc["file"] = fs::absolute(out_path).string();
    doc["signed"] = signer.has_value();
    if (signer) {
        doc["key_id"] = signer->id;
    } else {
        doc["warnings"].push_back("the file is not signed (--sign-key): no kiosk will apply it");
    }
    return doc;
}

int provision_write(Context& ctx, Args& args) {
    provision::Inputs in;
    auto required = [&](const std::string& name) {
        auto v = args.take_option(name);
        if (!v || v->empty()) throw Failure{bad_input, "bad_arguments", name + " is required"};
        return *v;
    };
    in.kiosk_id = required("--kiosk-id");
    in.serial = integer_option("--serial", required("--serial"));
    if (in.serial < 1) throw Failure{bad_input, "bad_arguments", "--serial starts at 1"};
    const auto sign_key = args.take_option("--sign-key");
    in.portal_url = required("--portal-url");
    in.token =
        std::string(quay::text::trim(read_input_file("--token-file", required("--token-file"))));
    const auto out = required("--out");
    if (auto v = args.take_option("--ca-file")) in.ca_pem = read_input_file("--ca-file", *v);
    if (auto v = args.take_option("--ssh-key-file"))
        in.ssh_keys = key_lines(read_input_file("--ssh-key-file", *v));
    while (const auto n = args.take_option("--ssh-allow"))
        in.ssh_allow_from.push_back(*n);
    while (const auto n = args.take_option("--metrics-allow"))
        in.metrics_allow_from.push_back(*n);
    in.language = args.take_option("--language");
    in.printer_device = args.take_option("--printer");
    if (auto v = args.take_option("--printer-width"))
        in.printer_width_dots = integer_option("--printer-width", *v);
    in.scanner_device = args.take_option("--scanner");
    if (auto v = args.take_option("--rotation")) in.rotation = integer_option("--rotation", *v);
    in.centre_name_vi = args.take_option("--centre-vi");
    in.centre_name_en = args.take_option("--centre-en");
    in.update_url = args.take_option("--update-url");
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
    std::string text = provision::write(in, out_path.filename());
    print_json(ctx.out, sign_and_write(text, out_path, sign_key));
    return ok;
}

// Signs the file's content again (after a hand edit), checked as the kiosk would first.
int provision_sign(Context& ctx, Args& args) {
    const auto file = args.require_positional("the provisioning file");
    const auto sign_key = args.take_option("--sign-key");
    const fs::path out = args.take_option("--out").value_or(file);
    args.expect_empty();
    if (!sign_key) throw Failure{bad_input, "bad_arguments", "--sign-key KEYFILE is required"};
    const std::string bytes = read_provision_file(file);
    if (bytes.size() > provision::kMaxFileBytes)
        throw Failure{bad_input, "too_large", file + " is larger than 256 KiB"};
    const std::string content(provision::strip_signature(bytes));
    provision::parse(content, fs::path(file).filename());  // throws what a kiosk would reject
    print_json(ctx.out, sign_and_write(content, out, sign_key));
    return ok;
}

// A refusal as quayctl's one JSON error (exit 2), with what is known about the file.
Failure refusal(const Error& e, const fs::path& file, const nlohmann::json& extra) {
    nlohmann::json x = extra;
    x["file"] = fs::absolute(file).string();
    return Failure{bad_input, e.code(), e.what(), x};
}

int provision_keygen(Context& ctx, Args& args) {
    const auto dir = args.take_option("--out");
    args.expect_empty();
    if (!dir || dir->empty()) throw Failure{bad_input, "bad_arguments", "--out DIR is required"};
    try {
        const auto pk = provision::generate_keys(*dir);
        print_json(ctx.out,
                   {{"key_id", pk.id},
                    {"secret_key", (fs::absolute(*dir) / provision::kSecretKeyFile).string()},
                    {"public_key", (fs::absolute(*dir) / provision::kPublicKeyFile).string()}});
        return ok;
    } catch (const Error& e) {
        throw Failure{e.code() == "exists" ? bad_input : storage_failure, e.code(), e.what()};
    }
}

int provision_check(Context& ctx, Args& args) {
    const auto file = args.require_positional("the provisioning file");
    nlohmann::json warnings = nlohmann::json::array();
    const auto trusted = trusted_keys(args, warnings);
    std::optional<std::int64_t> installed;
    if (auto v = args.take_option("--installed-serial"))
        installed = integer_option("--installed-serial", *v);
    args.expect_empty();
    try {
        const auto c = provision::check(read_provision_file(file), file, trusted, installed);
        auto doc = summary(c.bundle);
        doc["file"] = fs::absolute(file).string();
        doc["key_id"] = c.key.id;
        for (const auto& w : warnings)
            doc["warnings"].push_back(w);
        doc["ok"] = true;
        print_json(ctx.out, doc);
        return ok;
    } catch (const provision::Refused& e) {
        throw refusal(e, file,
                      {{"installed_serial", installed ? nlohmann::json(*installed) : nullptr}});
    }
}

int provision_apply(Context& ctx, Args& args) {
    const auto file = args.require_positional("the provisioning file");
    const fs::path dir = args.take_option("--dir").value_or("/etc/quay");
    const auto owner_name = args.take_option("--owner");
    nlohmann::json warnings = nlohmann::json::array();
    const auto trusted = trusted_keys(args, warnings);
    args.expect_empty();
    std::optional<provision::Owner> owner;
    if (owner_name) {
        owner = provision::lookup_owner(*owner_name);
        if (!owner) throw Failure{bad_input, "bad_arguments", "--owner: no user " + *owner_name};
    }
    const auto before = provision::installed(dir);
    const nlohmann::json installed_serial =
        before.serial ? nlohmann::json(*before.serial) : nlohmann::json(nullptr);
    nlohmann::json refused_detail = {{"by", "provisioning"},
                                     {"installed_serial", installed_serial}};
    // Every refusal is recorded in the installed config's store, then reported.
    auto refuse = [&](Failure f) {
        refused_detail["reason"] = f.code;
        f.extra["audit"] = record_audit(dir, store::audit_event::provision_refused, refused_detail);
        return f;
    };
    try {
        const auto c = provision::check(read_provision_file(file), file, trusted, std::nullopt);
        refused_detail["serial"] = c.bundle.serial;
        refused_detail["key_id"] = c.key.id;
        const auto r = provision::install(c.bundle, dir, owner, c.key.id);
        auto doc = summary(c.bundle);
        doc["config"] = r.config_file.string();
        doc["changed"] = r.changed;
        doc["key_id"] = c.key.id;
        doc["previous_serial"] = installed_serial;
        for (const auto& w : warnings)
            doc["warnings"].push_back(w);
        doc["audit"] = record_audit(dir, store::audit_event::provision_applied,
                                    {{"by", "provisioning"},
                                     {"serial", c.bundle.serial},
                                     {"key_id", c.key.id},
                                     {"changed", r.changed},
                                     {"installed_serial", installed_serial}});
        print_json(ctx.out, doc);
        return ok;
    } catch (const Failure& f) {
        throw refuse(f);
    } catch (const provision::Refused& e) {
        throw refuse(refusal(e, file, {{"installed_serial", installed_serial}}));
    } catch (const config::ConfigError& e) {
        throw refuse(
            Failure{bad_input, e.code(), e.what(), {{"key", e.key()}, {"line", e.line()}}});
    } catch (const Error& e) {
        throw refuse(Failure{storage_failure, e.code(), e.what()});
    } catch (const fs::filesystem_error& e) {
        throw refuse(Failure{storage_failure, "io_error", e.what()});
    }
}

// A refusal decided before any file was read (a stick that is not FAT): recorded like the
// refusals of apply, so the staff screen and the heartbeat see it too.
int provision_refused(Context& ctx, Args& args) {
    const auto reason = args.require_positional("the reason");
    const fs::path dir = args.take_option("--dir").value_or("/etc/quay");
    args.expect_empty();
    const bool word = !reason.empty() && reason.size() <= 32 &&
                      reason.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string::npos;
    if (!word) throw Failure{bad_input, "bad_arguments", "the reason is a word such as not_vfat"};
    const nlohmann::json detail = {{"by", "provisioning"}, {"reason", reason}};
    print_json(ctx.out,
               {{"reason", reason},
                {"audit", record_audit(dir, store::audit_event::provision_refused, detail)}});
    return ok;
}

}  // namespace

int run_provision(Context& ctx, Args& args) {
    const auto sub = args.take_positional();
    if (sub == "keygen") return provision_keygen(ctx, args);
    if (sub == "write") return provision_write(ctx, args);
    if (sub == "sign") return provision_sign(ctx, args);
    if (sub == "check") return provision_check(ctx, args);
    if (sub == "apply") return provision_apply(ctx, args);
    if (sub == "refused") return provision_refused(ctx, args);
    throw Failure{bad_input, "bad_arguments",
                  "usage: quayctl provision keygen --out DIR | write ... --serial N --sign-key "
                  "KEY --out FILE | sign FILE --sign-key KEY [--out FILE] | check FILE [--trust "
                  "PUB]... [--trust-dir DIR]... "
                  "[--installed-serial N] | apply FILE [--dir DIR] [--owner USER] "
                  "[--trust PUB]... [--trust-dir DIR]... | refused REASON [--dir DIR]"};
}

std::vector<provision::PublicKey> trusted_keys(Args& args, nlohmann::json& warnings) {
    std::vector<provision::PublicKey> keys;
    bool any = false;
    while (const auto f = args.take_option("--trust")) {
        any = true;
        try {
            keys.push_back(provision::load_public_key(*f));
        } catch (const Error& e) {
            throw Failure{bad_input, "bad_key", std::string("--trust: ") + e.what()};
        }
    }
    std::vector<std::string> dirs;
    while (const auto d = args.take_option("--trust-dir"))
        dirs.push_back(*d);
    if (!any && dirs.empty()) dirs.emplace_back(provision::kDefaultTrustDir);
    for (const auto& d : dirs) {
        std::vector<std::string> skipped;
        for (auto& k : provision::load_trust_dir(d, skipped))
            keys.push_back(std::move(k));
        for (const auto& why : skipped)
            warnings.push_back("trusted key skipped: " + why);
    }
    return keys;
}

}  // namespace quay::cli
