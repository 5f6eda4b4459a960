// quayctl update pack|check|install|status|reconcile: signed OS updates on the kiosk's A/B
// root slots (docs/updates.md). Packing runs on the build machine; the rest on the kiosk,
// as root, from quay-update.service (a stick) or the health check at boot.
#include <chrono>
#include <fstream>
#include <sstream>

#include "cli.hpp"
#include "quay/update/install.hpp"
#include "quay/update/pull.hpp"
#include "store_cli.hpp"
#include "trust_cli.hpp"

namespace quay::cli {
namespace fs = std::filesystem;

namespace {

constexpr const char* kUsage =
    "quayctl update pack --root-image FILE --kernel FILE --initrd FILE --os-version V --arch A "
    "--kernel-options TEXT --sign-key KEY --out BUNDLE | entry --slot a|b --generation N "
    "--os-version V --kernel-options TEXT --out-dir DIR | check BUNDLE [--trust PUB]... "
    "[--trust-dir DIR]... [--arch A] | install BUNDLE [--trust...] [--esp DIR] [--slot-dir DIR] "
    "[--cmdline FILE] [--dir /etc/quay] | status [--esp DIR] [--cmdline FILE] | reconcile "
    "[--esp DIR] [--slot-dir DIR] [--cmdline FILE] [--dir /etc/quay] [--download-dir DIR] | pull "
    "[--trust...] [--esp DIR] [--slot-dir DIR] [--cmdline FILE] [--download-dir DIR] (with "
    "--config: [update] url)";

// The architecture this quayctl was built for, in Debian's words.
constexpr const char* kThisArch =
#if defined(__aarch64__)
    "arm64";
#elif defined(__x86_64__)
    "amd64";
#else
    "unknown";
#endif

std::string required(Args& args, const std::string& option) {
    auto v = args.take_option(option);
    if (!v || v->empty()) throw Failure{bad_input, "bad_arguments", option + " is required"};
    return *v;
}

// Exit codes: 5 for the kiosk's own storage, 1 for a network failure (as heartbeat), else 2.
Failure refusal(const Error& e, const std::string& file) {
    const std::string& c = e.code();
    const int code = c == "io_error" || c == "no_space" ? storage_failure
                     : c == "download_failed"           ? 1
                                                        : bad_input;
    return Failure{code, e.code(), e.what(), {{"file", file}}};
}

nlohmann::ordered_json manifest_json(const update::Manifest& m) {
    nlohmann::ordered_json payloads = nlohmann::ordered_json::object();
    for (const auto& [name, p] : m.payloads)
        payloads[name] = {{"size", p.size}, {"sha256", p.sha256}};
    return {{"version", m.version},
            {"arch", m.arch},
            {"key_id", m.key_id},
            {"kernel_options", m.kernel_options},
            {"payloads", payloads}};
}

update::Target target(Args& args) {
    update::Target t;
    t.esp = args.take_option("--esp").value_or("/efi");
    t.slot_dir = args.take_option("--slot-dir").value_or("/dev/disk/by-partlabel");
    const fs::path cmdline = args.take_option("--cmdline").value_or("/proc/cmdline");
    std::ifstream in(cmdline);
    if (!in) throw Failure{bad_input, "bad_arguments", "cannot read " + cmdline.string()};
    std::ostringstream ss;
    ss << in.rdbuf();
    t.cmdline = ss.str();
    return t;
}

update::Bundle open_bundle(Args& args, const std::string& file, nlohmann::json& warnings) {
    const auto trusted = trusted_keys(args, warnings);
    const std::string arch = args.take_option("--arch").value_or(kThisArch);
    try {
        auto b = update::Bundle::open(file, trusted, arch);
        b.verify_payloads();
        return b;
    } catch (const Error& e) {
        throw refusal(e, file);
    }
}

int pack(Context& ctx, Args& args) {
    update::PackInput in;
    in.files["root.img"] = required(args, "--root-image");
    in.files["vmlinuz"] = required(args, "--kernel");
    in.files["initrd.img"] = required(args, "--initrd");
    in.version = required(args, "--os-version");
    in.arch = required(args, "--arch");
    in.kernel_options = required(args, "--kernel-options");
    const auto key_file = required(args, "--sign-key");
    const fs::path out = required(args, "--out");
    args.expect_empty();
    provision::SecretKey key;
    try {
        key = provision::load_secret_key(key_file);
        update::pack(out, in, key);
    } catch (const Error& e) {
        throw refusal(e, out.string());
    }
    std::error_code ec;
    print_json(ctx.out, {{"bundle", out.string()},
                         {"version", in.version},
                         {"arch", in.arch},
                         {"bytes", fs::file_size(out, ec)},
                         {"key_id", key.public_key().id}});
    return ok;
}

// The first entry of a new image (image-build/build.sh): blessed, no counter.
int entry(Context& ctx, Args& args) {
    const auto slot = required(args, "--slot");
    if (slot != "a" && slot != "b") throw Failure{bad_input, "bad_arguments", "--slot: a or b"};
    const auto generation = integer_option("--generation", required(args, "--generation"));
    if (generation < 1 || generation > 999999)
        throw Failure{bad_input, "bad_arguments", "--generation: 1 to 999999"};
    const auto version = required(args, "--os-version");
    const auto options = required(args, "--kernel-options");
    const fs::path dir = required(args, "--out-dir");
    args.expect_empty();
    const auto name = update::entry_name(static_cast<int>(generation), slot[0], std::nullopt);
    std::ofstream out(dir / name, std::ios::binary);
    out << update::entry_text(version, options, slot[0]);
    if (!out.flush())
        throw Failure{storage_failure, "io_error", "cannot write " + (dir / name).string()};
    print_json(ctx.out, {{"entry", name}, {"slot", slot}, {"version", version}});
    return ok;
}

int check(Context& ctx, Args& args) {
    const auto file = args.require_positional("the update bundle");
    nlohmann::json warnings = nlohmann::json::array();
    const auto bundle = open_bundle(args, file, warnings);
    args.expect_empty();
    auto doc = manifest_json(bundle.manifest());
    doc["warnings"] = warnings;
    print_json(ctx.out, doc);
    return ok;
}

int install(Context& ctx, Args& args) {
    const auto file = args.require_positional("the update bundle");
    const fs::path dir = args.take_option("--dir").value_or("/etc/quay");
    const auto t = target(args);
    nlohmann::json warnings = nlohmann::json::array();
    nlohmann::json detail = {{"by", "update"}, {"file", fs::path(file).filename().string()}};
    try {
        const auto bundle = open_bundle(args, file, warnings);
        args.expect_empty();
        detail["version"] = bundle.manifest().version;
        detail["key_id"] = bundle.manifest().key_id;
        const auto r = update::install(bundle, t);
        detail["slot"] = std::string(1, r.slot);
        print_json(ctx.out,
                   {{"installed", r.version},
                    {"slot", std::string(1, r.slot)},
                    {"entry", r.entry},
                    {"root_bytes", r.root_bytes},
                    {"reboot", true},
                    {"warnings", warnings},
                    {"audit", record_audit(dir, store::audit_event::update_installed, detail)}});
        return ok;
    } catch (const Error& e) {
        Failure f = refusal(e, file);
        detail["reason"] = f.code;
        f.extra["audit"] = record_audit(dir, store::audit_event::update_refused, detail);
        throw f;
    } catch (Failure& f) {
        detail["reason"] = f.code;
        f.extra["audit"] = record_audit(dir, store::audit_event::update_refused, detail);
        throw;
    }
}

nlohmann::ordered_json entry_json(const update::BootEntry& e) {
    return {{"file", e.file},
            {"slot", std::string(1, e.slot)},
            {"generation", e.generation},
            {"version", e.version},
            {"tries_left", e.tries_left ? nlohmann::ordered_json(*e.tries_left) : nullptr}};
}

int status(Context& ctx, Args& args) {
    const auto t = target(args);
    args.expect_empty();
    try {
        const auto st = update::slot_status(t.esp, t.cmdline);
        auto entries = nlohmann::ordered_json::array();
        for (const auto& [e, s] : st.entries) {
            auto j = entry_json(e);
            j["state"] = std::string(update::to_string(s));
            entries.push_back(j);
        }
        print_json(ctx.out, {{"booted_slot", std::string(1, st.booted)},
                             {"trial", st.trial()},
                             {"entries", entries}});
    } catch (const Error& e) {
        throw Failure{bad_input, e.code(), e.what()};
    }
    return ok;
}

constexpr const char* kDownloadDir = "/data/quay-update";

int reconcile(Context& ctx, Args& args) {
    const fs::path dir = args.take_option("--dir").value_or("/etc/quay");
    const fs::path downloads = args.take_option("--download-dir").value_or(kDownloadDir);
    const auto t = target(args);
    args.expect_empty();
    std::vector<update::BootEntry> removed;
    try {
        removed = update::reconcile(t);
    } catch (const Error& e) {
        throw refusal(e, t.esp.string());
    }
    auto out = nlohmann::ordered_json::array();
    for (const auto& e : removed) {
        // Never pulled again: the same bundle would fail the same way every night.
        if (!e.version.empty()) update::remember_rolled_back(downloads, e.version);
        auto j = entry_json(e);
        j["audit"] = record_audit(dir, store::audit_event::update_rolled_back,
                                  {{"by", "update"},
                                   {"version", e.version},
                                   {"slot", std::string(1, e.slot)},
                                   {"file", e.file}});
        out.push_back(j);
    }
    print_json(ctx.out, {{"rolled_back", out}});
    return ok;
}

int pull(Context& ctx, Args& args) {
    const auto& config = ctx.config();
    const fs::path dir = config.source.parent_path();
    update::PullOptions o;
    o.download_dir = args.take_option("--download-dir").value_or(kDownloadDir);
    o.target = target(args);
    nlohmann::json warnings = nlohmann::json::array();
    o.trusted = trusted_keys(args, warnings);
    o.arch = args.take_option("--arch").value_or(kThisArch);
    args.expect_empty();
    if (config.update.url.empty()) {
        print_json(ctx.out, {{"outcome", "off"}, {"message", "no update.url in the config"}});
        return ok;
    }
    o.url = config.update.url;
    o.ca_file = config.portal.ca_file;
    o.connect_timeout = std::chrono::milliseconds(config.delivery.connect_timeout_ms);
    nlohmann::json detail = {{"by", "pull"}};
    try {
        const auto r = update::pull(o);
        nlohmann::ordered_json doc = {{"outcome", std::string(update::to_string(r.outcome))},
                                      {"version", r.manifest.version},
                                      {"downloaded_bytes", r.downloaded_bytes},
                                      {"resumed", r.resumed},
                                      {"warnings", warnings}};
        if (r.installed) {
            detail["version"] = r.installed->version;
            detail["key_id"] = r.manifest.key_id;
            detail["slot"] = std::string(1, r.installed->slot);
            doc["slot"] = std::string(1, r.installed->slot);
            doc["entry"] = r.installed->entry;
            doc["audit"] = record_audit(dir, store::audit_event::update_installed, detail);
        }
        print_json(ctx.out, doc);
        return ok;
    } catch (const Error& e) {
        Failure f = refusal(e, o.url);
        // A network failure is tried again by the timer; only refusals are audited.
        if (f.code != "download_failed") {
            detail["reason"] = f.code;
            f.extra["audit"] = record_audit(dir, store::audit_event::update_refused, detail);
        }
        throw f;
    }
}

}  // namespace

int run_update(Context& ctx, Args& args) {
    const auto sub = args.take_positional();
    if (sub == "pack") return pack(ctx, args);
    if (sub == "check") return check(ctx, args);
    if (sub == "entry") return entry(ctx, args);
    if (sub == "install") return install(ctx, args);
    if (sub == "status") return status(ctx, args);
    if (sub == "reconcile") return reconcile(ctx, args);
    if (sub == "pull") return pull(ctx, args);
    throw Failure{bad_input, "bad_arguments", kUsage};
}

}  // namespace quay::cli
