#include <unistd.h>

#include <toml++/toml.h>
#include <fstream>
#include <functional>
#include <sstream>

#include "files.hpp"
#include "quay/provision/provision.hpp"
#include "quay/text/utf8.hpp"
#include "secrets.hpp"
#include "staging.hpp"

namespace quay::provision {
namespace fs = std::filesystem;

namespace {

std::uint32_t line_of(const toml::node& n) {
    return n.source().begin.line;
}

// Every key's line, by its dotted path, for messages about the provisioning file.
void collect_lines(const toml::table& t, const std::string& prefix,
                   std::map<std::string, std::uint32_t>& out) {
    for (const auto& [k, v] : t) {
        const std::string key =
            prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
        out[key] = k.source().begin.line;
        if (const auto* sub = v.as_table()) collect_lines(*sub, key, out);
    }
}

// A scratch directory for the check, removed with everything in it.
class ScratchDir {
  public:
    ScratchDir() {
        std::string tmpl = (fs::temp_directory_path() / "quay-provision-XXXXXX").string();
        if (!::mkdtemp(tmpl.data())) throw Error("io_error", "cannot create a scratch directory");
        path_ = tmpl;
    }
    ~ScratchDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
};

}  // namespace

Bundle parse(std::string_view text, const fs::path& source) {
    auto fail = [&](const std::string& key, std::uint32_t line,
                    const std::string& problem) -> config::ConfigError {
        return config::ConfigError(source, key, line, problem);
    };
    // A list of strings, each passing `problem_of` (which returns "" for a good one).
    auto checked_list = [&](const toml::node& v, const std::string& key, std::uint32_t line,
                            const std::string& what, std::string (*problem_of)(std::string_view)) {
        const auto* a = v.as_array();
        if (!a) throw fail(key, line, "must be a list of " + what);
        std::vector<std::string> out;
        for (const auto& item : *a) {
            const auto* s = item.as_string();
            if (!s) throw fail(key, line_of(item), "must be a list of " + what);
            if (auto p = problem_of(s->get()); !p.empty()) throw fail(key, line_of(item), p);
            out.push_back(s->get());
        }
        return out;
    };
    if (text.size() > kMaxFileBytes) throw fail("", 0, "is larger than 256 KiB");
    if (const auto bad = text::find_invalid_utf8(text))
        throw fail("", 0, "invalid UTF-8 at byte " + std::to_string(*bad));
    toml::table root;
    try {
        root = toml::parse(text, source.string());
    } catch (const toml::parse_error& e) {
        throw fail("", e.source().begin.line, std::string(e.description()));
    }

    Bundle b;
    b.source = source;
    collect_lines(root, "", b.lines);
    const auto* pnode = root.get("provision");
    if (!pnode) throw fail("provision", 0, "is missing: it holds the portal token");
    const auto* prov = pnode->as_table();
    if (!prov) throw fail("provision", line_of(*pnode), "must be a table");

    bool have_format = false;
    bool have_serial = false;
    for (const auto& [k, v] : *prov) {
        const std::string key = "provision." + std::string(k.str());
        const auto line = k.source().begin.line;
        if (k.str() == "format") {
            const auto* f = v.as_integer();
            if (!f || f->get() != 1) throw fail(key, line, "must be 1");
            have_format = true;
        } else if (k.str() == "serial") {
            const auto* n = v.as_integer();
            if (!n || n->get() < 1) throw fail(key, line, "must be a whole number from 1 up");
            b.serial = n->get();
            have_serial = true;
        } else if (k.str() == "token") {
            const auto* s = v.as_string();
            if (!s) throw fail(key, line, "must be a string");
            b.token = s->get();
            if (auto p = detail::token_problem(b.token); !p.empty()) throw fail(key, line, p);
        } else if (k.str() == "ca_pem") {
            const auto* s = v.as_string();
            if (!s) throw fail(key, line, "must be a string");
            b.ca_pem = s->get();
            if (!b.ca_pem.empty()) {
                if (auto p = detail::ca_problem(b.ca_pem); !p.empty()) throw fail(key, line, p);
            }
        } else if (k.str() == "ssh_authorized_keys") {
            b.ssh_keys = checked_list(v, key, line, "strings", detail::ssh_key_problem);
        } else if (k.str() == "ssh_allow_from") {
            b.ssh_allow_from =
                checked_list(v, key, line, "addresses or networks", detail::network_problem);
            if (b.ssh_allow_from.empty()) throw fail(key, line, "must name at least one network");
        } else if (k.str() == "metrics_allow_from") {
            b.metrics_allow_from =
                checked_list(v, key, line, "addresses or networks", detail::network_problem);
        } else {
            throw fail(key, line, "unknown key");
        }
    }
    // SSH only where the file says: a key without networks would open it to every network.
    if (!b.ssh_keys.empty() && b.ssh_allow_from.empty()) {
        throw fail("provision.ssh_allow_from", line_of(*pnode),
                   "is required with ssh_authorized_keys: the networks SSH may come from, "
                   "e.g. [\"10.20.0.0/16\"]");
    }
    if (!have_format) throw fail("provision.format", line_of(*pnode), "is required (format = 1)");
    if (!have_serial)
        throw fail("provision.serial", line_of(*pnode),
                   "is required: a number that grows with every file for this kiosk");
    if (b.token.empty()) throw fail("provision.token", line_of(*pnode), "is required");

    // What provisioning itself decides may not be set by hand.
    for (const char* key : {"portal.token_file", "portal.ca_file"}) {
        if (const auto* n = root.at_path(key).node()) {
            throw fail(key, line_of(*n),
                       "is set by provisioning: put the token in provision.token and the CA "
                       "in provision.ca_pem");
        }
    }
    if (const auto* t = root.get("test")) {
        throw fail("test", line_of(*t),
                   "test mode cannot be provisioned: it lifts rules a kiosk in a hall needs");
    }
    if (const auto* d = root.at_path("kiosk.data_dir").as_string();
        d && !fs::path(d->get()).is_absolute()) {
        throw fail("kiosk.data_dir", line_of(*root.at_path("kiosk.data_dir").node()),
                   "must be an absolute path");
    }
    const auto* url = root.at_path("portal.url").as_string();
    if (!url || url->get().empty()) {
        const auto* n = root.at_path("portal.url").node();
        throw fail("portal.url", n ? line_of(*n) : 0,
                   "is required: a provisioned kiosk delivers to a portal");
    }

    toml::table rest = root;
    rest.erase("provision");
    std::ostringstream os;
    os << toml::toml_formatter(rest);
    b.config_toml = os.str();

    // The check is an install into a scratch directory, loaded by the kiosk's own code.
    ScratchDir scratch;
    detail::Parts parts{b.config_toml,        b.token, b.ca_pem, authorized_keys(b),
                        b.metrics_allow_from, {},      b.serial, {}};
    parts.digest = detail::digest_of(parts);
    detail::Staging staging(scratch.path(), parts, std::nullopt, source);
    try {
        b.config = staging.load();
    } catch (const config::ConfigError& e) {
        throw detail::reword(e, source, b.lines);
    }
    b.config.source = source;
    b.config.portal.token_file.clear();
    b.config.portal.ca_file.clear();

    if (b.config.staff.pin_hash.empty())
        b.warnings.push_back("staff.pin_hash is not set: staff mode will be disabled");
    if (b.config.printer.device.empty())
        b.warnings.push_back("printer.device is not set: receipts will not be printed");
    if (b.ca_pem.empty() && b.config.portal.url.starts_with("https://"))
        b.warnings.push_back("provision.ca_pem is not set: the system's CA list is used");
    if (b.ssh_keys.empty() && !b.ssh_allow_from.empty())
        b.warnings.push_back("provision.ssh_allow_from is set but no SSH key is: SSH stays off");
    if (!b.metrics_allow_from.empty() && b.config.metrics.textfile.empty())
        b.warnings.push_back(
            "provision.metrics_allow_from is set but metrics.textfile is not: node-exporter "
            "will serve no quay_ metrics");
    return b;
}

Bundle load_file(const fs::path& file) {
    std::string text;
    try {
        text = read_file(file);
    } catch (const Error& e) {
        throw config::ConfigError(file, "", 0, e.what());
    }
    return parse(text, file);
}

Checked check(std::string_view file_bytes, const fs::path& source,
              const std::vector<PublicKey>& trusted, std::optional<std::int64_t> installed_serial) {
    if (file_bytes.size() > kMaxFileBytes)
        throw Refused("too_large", source.string() + " is larger than 256 KiB");
    if (const auto bad = text::find_invalid_utf8(file_bytes)) {
        throw Refused("not_utf8",
                      source.string() + " is not UTF-8 text (byte " + std::to_string(*bad) + ")");
    }
    // The signature first: nothing of an unauthenticated file is parsed.
    const auto v = verify(file_bytes, trusted);
    Checked c{parse(v.content, source), v.key};
    if (installed_serial && c.bundle.serial <= *installed_serial) {
        throw Refused("stale_serial", "serial " + std::to_string(c.bundle.serial) +
                                          " is not greater than the installed serial " +
                                          std::to_string(*installed_serial));
    }
    return c;
}

std::vector<std::string> authorized_keys(const Bundle& bundle) {
    std::string from;
    for (const auto& n : bundle.ssh_allow_from)
        from += (from.empty() ? "" : ",") + n;
    std::vector<std::string> lines;
    for (const auto& k : bundle.ssh_keys)
        lines.push_back("from=\"" + from + "\" " + k);
    return lines;
}

std::string read_file(const fs::path& file) {
    return detail::read_limited(file, kMaxFileBytes);
}

std::string write(const Inputs& in, const fs::path& name_for_messages) {
    toml::table root;
    toml::table prov{{"format", 1}, {"serial", in.serial}, {"token", in.token}};
    if (!in.ca_pem.empty()) prov.insert("ca_pem", in.ca_pem);
    if (!in.ssh_keys.empty()) {
        toml::array keys;
        for (const auto& k : in.ssh_keys)
            keys.push_back(k);
        prov.insert("ssh_authorized_keys", keys);
    }
    if (!in.ssh_allow_from.empty()) {
        toml::array nets;
        for (const auto& n : in.ssh_allow_from)
            nets.push_back(n);
        prov.insert("ssh_allow_from", nets);
    }
    if (!in.metrics_allow_from.empty()) {
        toml::array nets;
        for (const auto& n : in.metrics_allow_from)
            nets.push_back(n);
        prov.insert("metrics_allow_from", nets);
    }
    toml::table kiosk{{"id", in.kiosk_id}};
    if (in.language) kiosk.insert("language", *in.language);
    root.insert("kiosk", kiosk);
    root.insert("portal", toml::table{{"url", in.portal_url}});
    if (in.printer_device || in.printer_width_dots) {
        toml::table t;
        if (in.printer_device) t.insert("device", *in.printer_device);
        if (in.printer_width_dots) t.insert("width_dots", *in.printer_width_dots);
        root.insert("printer", t);
    }
    if (in.scanner_device) root.insert("scanner", toml::table{{"device", *in.scanner_device}});
    if (in.rotation) root.insert("display", toml::table{{"rotation", *in.rotation}});
    if (in.staff_pin_hash) root.insert("staff", toml::table{{"pin_hash", *in.staff_pin_hash}});
    if (in.centre_name_vi || in.centre_name_en) {
        toml::table t;
        if (in.centre_name_vi) t.insert("name_vi", *in.centre_name_vi);
        if (in.centre_name_en) t.insert("name_en", *in.centre_name_en);
        root.insert("centre", t);
    }
    if (!in.metrics_allow_from.empty())
        root.insert("metrics", toml::table{{"textfile", kMetricsTextfile}});
    if (in.update_url) root.insert("update", toml::table{{"url", *in.update_url}});
    root.insert("provision", prov);

    std::ostringstream os;
    os << "# Quầy provisioning file for kiosk " << in.kiosk_id
       << ". It holds the portal token: keep it secret,\n"
          "# copy it to a FAT USB stick labelled QUAYPROV (or the image's QUAYPROV partition) "
          "as "
       << kFileName << ".\n\n"
       << toml::toml_formatter(root) << "\n";
    const std::string text = os.str();
    parse(text, name_for_messages);  // throws what the kiosk would reject
    return text;
}

}  // namespace quay::provision
