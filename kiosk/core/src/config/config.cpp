#include "quay/config/config.hpp"

#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>

#include <toml++/toml.h>
#include <algorithm>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <map>
#include <sstream>

#include "quay/payment/vietqr.hpp"
#include "quay/staff/pin.hpp"
#include "quay/text/utf8.hpp"

namespace quay::config {
namespace fs = std::filesystem;

namespace {
// "FILE:LINE: KEY: PROBLEM", built by appending (GCC 12 warns falsely on chained + here).
std::string describe(const fs::path& file, const std::string& key, std::uint32_t line,
                     const std::string& problem) {
    std::string out = file.string();
    if (line != 0) out.append(":").append(std::to_string(line));
    out.append(": ");
    if (!key.empty()) out.append(key).append(": ");
    out.append(problem);
    return out;
}
}  // namespace

ConfigError::ConfigError(fs::path file, std::string key, std::uint32_t line,
                         const std::string& problem)
    : Error("bad_config", describe(file, key, line, problem)),
      file_(std::move(file)),
      key_(std::move(key)),
      line_(line),
      problem_(problem) {}

namespace {

std::uint32_t line_of(const toml::node& n) {
    return n.source().begin.line;
}

fs::path resolve(const fs::path& base_file, const std::string& value) {
    if (value.empty()) return {};
    fs::path p(value);
    if (p.is_relative()) p = base_file.parent_path() / p;
    return p.lexically_normal();
}

// Walks one table: every key must be known; each known key has a setter.
class Reader {
  public:
    explicit Reader(const fs::path& source) : source_(source) {}

    [[noreturn]] void fail(const std::string& key, std::uint32_t line, const std::string& msg) {
        throw ConfigError(source_, key, line, msg);
    }

    std::string string(const toml::node& n, const std::string& key) {
        const auto* v = n.as_string();
        if (!v) fail(key, line_of(n), "must be a string");
        try {
            return text::to_nfc(v->get());
        } catch (const Error& e) {
            fail(key, line_of(n), e.what());
        }
    }

    std::int64_t integer(const toml::node& n, const std::string& key, std::int64_t lo,
                         std::int64_t hi) {
        const auto* v = n.as_integer();
        if (!v) fail(key, line_of(n), "must be an integer");
        if (v->get() < lo || v->get() > hi) {
            fail(key, line_of(n),
                 "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
        }
        return v->get();
    }

    double number(const toml::node& n, const std::string& key, double lo, double hi) {
        double d;
        if (const auto* f = n.as_floating_point()) {
            d = f->get();
        } else if (const auto* i = n.as_integer()) {
            d = static_cast<double>(i->get());
        } else {
            fail(key, line_of(n), "must be a number");
        }
        if (!(d >= lo && d <= hi)) {
            std::ostringstream os;
            os << "must be between " << lo << " and " << hi;
            fail(key, line_of(n), os.str());
        }
        return d;
    }

    bool boolean(const toml::node& n, const std::string& key) {
        const auto* b = n.as_boolean();
        if (!b) fail(key, line_of(n), "must be true or false");
        return b->get();
    }

    // One of the allowed words, else an error listing them.
    std::string one_of(const toml::node& n, const std::string& key,
                       std::initializer_list<std::string_view> allowed) {
        std::string v = string(n, key);
        std::string list;
        for (const auto a : allowed) {
            if (v == a) return v;
            list.append(list.empty() ? "\"" : ", \"").append(a).append("\"");
        }
        fail(key, line_of(n), "must be one of " + list);
    }

    using Setter = std::function<void(const toml::node&, const std::string&)>;

    void table(const toml::table& root, const std::string& name,
               const std::map<std::string, Setter>& setters) {
        const auto* node = root.get(name);
        if (!node) return;
        const auto* t = node->as_table();
        if (!t) fail(name, line_of(*node), "must be a table");
        for (const auto& [k, v] : *t) {
            const std::string key = name + "." + std::string(k.str());
            const auto it = setters.find(std::string(k.str()));
            if (it == setters.end()) fail(key, k.source().begin.line, "unknown key");
            it->second(v, key);
        }
    }

  private:
    fs::path source_;
};

void check_secret_mode(const fs::path& file, const fs::path& source, const std::string& key,
                       std::uint32_t line) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) {
        throw ConfigError(source, key, line, "cannot read " + file.string());
    }
    if (!S_ISREG(st.st_mode))
        throw ConfigError(source, key, line, file.string() + " is not a file");
    const auto perm = st.st_mode & 07777;
    if (perm != 0600 && perm != 0400) {
        std::ostringstream os;
        os << file.string() << " has mode 0" << std::oct << perm << "; it must be 0600 or 0400";
        throw ConfigError(source, key, line, os.str());
    }
}

std::string host_of(std::string_view url) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) return {};
    auto rest = url.substr(scheme_end + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (const auto at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
    if (!rest.empty() && rest.front() == '[') {
        const auto close = rest.find(']');
        return std::string(rest.substr(1, close == std::string_view::npos ? rest.npos : close - 1));
    }
    return std::string(rest.substr(0, rest.find(':')));
}

}  // namespace

std::string volatile_dir_problem(const fs::path& dir) {
    std::error_code ec;
    const fs::path real = fs::weakly_canonical(dir, ec);
    const fs::path p = ec ? dir.lexically_normal() : real;
    for (const char* root : {"/run", "/var/run", "/tmp", "/dev", "/proc", "/sys"}) {
        const fs::path r(root);
        auto [a, b] = std::mismatch(r.begin(), r.end(), p.begin(), p.end());
        if (a == r.end())
            return std::string("is under ") + root + ", which does not survive a reboot";
    }
    fs::path probe = p;
    while (!probe.empty() && !fs::exists(probe, ec) && probe != probe.root_path())
        probe = probe.parent_path();
    struct statfs st {};
    if (!probe.empty() && ::statfs(probe.c_str(), &st) == 0) {
        const auto type = static_cast<unsigned long>(st.f_type);
        if (type == TMPFS_MAGIC || type == RAMFS_MAGIC)
            return "is on a memory file system (" + probe.string() +
                   "), which does not survive a reboot: use the data partition";
    }
    return {};
}

bool is_kiosk_id(std::string_view id) {
    if (id.empty() || id.size() > 16) return false;
    for (char ch : id) {
        if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))) return false;
    }
    return true;
}

bool is_loopback_url(std::string_view url) {
    const std::string host = text::to_lower(host_of(url));
    if (host == "localhost" || host == "::1") return true;
    // 127.a.b.c with each part 0..255
    if (!host.starts_with("127.")) return false;
    int parts = 0;
    std::size_t i = 0;
    while (i <= host.size()) {
        const auto dot = std::min(host.find('.', i), host.size());
        const auto part = std::string_view(host).substr(i, dot - i);
        if (part.empty() || part.size() > 3) return false;
        for (char ch : part) {
            if (ch < '0' || ch > '9') return false;
        }
        if (std::stoi(std::string(part)) > 255) return false;
        ++parts;
        i = dot + 1;
    }
    return parts == 4;
}

Config parse(std::string_view toml_text, const fs::path& source_name, Rules rules) {
    Reader r(source_name);
    if (const auto bad = text::find_invalid_utf8(toml_text)) {
        throw ConfigError(source_name, "", 0, "invalid UTF-8 at byte " + std::to_string(*bad));
    }
    toml::table root;
    try {
        root = toml::parse(toml_text, source_name.string());
    } catch (const toml::parse_error& e) {
        throw ConfigError(source_name, "", e.source().begin.line, std::string(e.description()));
    }

    static const std::map<std::string, int> sections = {
        {"kiosk", 0},   {"portal", 0},  {"delivery", 0}, {"catalog", 0}, {"store", 0},
        {"centre", 0},  {"receipt", 0}, {"printer", 0},  {"payment", 0}, {"scanner", 0},
        {"display", 0}, {"staff", 0},   {"metrics", 0},  {"test", 0},    {"queue", 0},
        {"sound", 0},   {"update", 0}};
    for (const auto& [k, v] : root) {
        if (!sections.contains(std::string(k.str()))) {
            r.fail(std::string(k.str()), k.source().begin.line, "unknown key");
        }
    }

    Config c;
    c.source = source_name;
    bool have_id = false;
    std::uint32_t token_line = 0;
    std::uint32_t url_line = 0;
    // First: it decides how strict the rules below are.
    r.table(root, "test", {{"mode", [&](const toml::node& n, const std::string& k) {
                                const auto* b = n.as_boolean();
                                if (!b) r.fail(k, line_of(n), "must be true or false");
                                c.test.mode = b->get();
                            }}});
    // The hall rules hold only where they are asked for, and never in test mode.
    const auto hall = [&] { return rules == Rules::hall && !c.test.mode; };
    std::uint32_t data_dir_line = 0;
    r.table(root, "kiosk",
            {{"id",
              [&](const toml::node& n, const std::string& key) {
                  c.kiosk.id = r.string(n, key);
                  if (!is_kiosk_id(c.kiosk.id)) {
                      r.fail(key, line_of(n), "must be 1 to 16 characters A-Z or 0-9");
                  }
                  have_id = true;
              }},
             {"data_dir",
              [&](const toml::node& n, const std::string& key) {
                  const auto v = r.string(n, key);
                  if (v.empty()) r.fail(key, line_of(n), "must not be empty");
                  c.kiosk.data_dir = resolve(source_name, v);
                  data_dir_line = line_of(n);
              }},
             {"language", [&](const toml::node& n, const std::string& key) {
                  const auto lang = parse_language(r.string(n, key));
                  if (!lang) r.fail(key, line_of(n), "must be \"vi\" or \"en\"");
                  c.kiosk.language = *lang;
              }}});
    // An address the kiosk fetches from: https, or http to loopback (delivery/transport).
    const auto web_url = [&](const toml::node& n, const std::string& key) {
        const std::string url = r.string(n, key);
        const bool https = url.starts_with("https://");
        const bool http = url.starts_with("http://");
        if (!url.empty() && !https && !http) r.fail(key, line_of(n), "must start with https://");
        if (http && !is_loopback_url(url)) {
            r.fail(key, line_of(n), "plain http:// is allowed only for loopback hosts");
        }
        if ((https || http) && host_of(url).empty()) r.fail(key, line_of(n), "has no host");
        return url;
    };
    r.table(root, "portal",
            {{"url",
              [&](const toml::node& n, const std::string& key) {
                  c.portal.url = web_url(n, key);
                  url_line = line_of(n);
                  while (!c.portal.url.empty() && c.portal.url.back() == '/')
                      c.portal.url.pop_back();
              }},
             {"token_file",
              [&](const toml::node& n, const std::string& key) {
                  c.portal.token_file = resolve(source_name, r.string(n, key));
                  token_line = line_of(n);
              }},
             {"ca_file", [&](const toml::node& n, const std::string& key) {
                  c.portal.ca_file = resolve(source_name, r.string(n, key));
                  if (!c.portal.ca_file.empty() && !fs::is_regular_file(c.portal.ca_file)) {
                      r.fail(key, line_of(n), "cannot read " + c.portal.ca_file.string());
                  }
              }}});
    r.table(root, "delivery",
            {{"backoff_base_ms",
              [&](const toml::node& n, const std::string& k) {
                  c.delivery.backoff_base_ms = r.integer(n, k, 1, 3'600'000);
              }},
             {"backoff_cap_ms",
              [&](const toml::node& n, const std::string& k) {
                  c.delivery.backoff_cap_ms = r.integer(n, k, 1, 86'400'000);
              }},
             {"request_timeout_ms",
              [&](const toml::node& n, const std::string& k) {
                  c.delivery.request_timeout_ms = r.integer(n, k, 100, 600'000);
              }},
             {"request_deadline_ms",
              [&](const toml::node& n, const std::string& k) {
                  c.delivery.request_deadline_ms = r.integer(n, k, 100, 3'600'000);
              }},
             {"connect_timeout_ms",
              [&](const toml::node& n, const std::string& k) {
                  c.delivery.connect_timeout_ms = r.integer(n, k, 100, 120'000);
              }},
             {"heartbeat_interval_s", [&](const toml::node& n, const std::string& k) {
                  c.delivery.heartbeat_interval_s = r.integer(n, k, 5, 86'400);
              }}});
    if (c.delivery.backoff_cap_ms < c.delivery.backoff_base_ms) {
        const auto* n = root.at_path("delivery.backoff_cap_ms").node();
        r.fail("delivery.backoff_cap_ms", n ? line_of(*n) : 0,
               "must not be smaller than delivery.backoff_base_ms");
    }
    r.table(root, "catalog",
            {{"file",
              [&](const toml::node& n, const std::string& k) {
                  c.catalog.file = resolve(source_name, r.string(n, k));
              }},
             {"sync_interval_s",
              [&](const toml::node& n, const std::string& k) {
                  const auto v = r.integer(n, k, 0, 604'800);
                  if (v != 0 && v < 60) r.fail(k, line_of(n), "must be 0 (off) or from 60");
                  c.catalog.sync_interval_s = v;
              }},
             {"reload_quiet_s", [&](const toml::node& n, const std::string& k) {
                  c.catalog.reload_quiet_s = r.integer(n, k, 0, 86'400);
              }}});
    r.table(root, "store", {{"retention_days", [&](const toml::node& n, const std::string& k) {
                                 c.store.retention_days = r.integer(n, k, 1, 3650);
                             }}});
    r.table(root, "queue", {{"numbers", [&](const toml::node& n, const std::string& k) {
                                 const auto* b = n.as_boolean();
                                 if (!b) r.fail(k, line_of(n), "must be true or false");
                                 c.queue.numbers = b->get();
                             }}});
    r.table(root, "centre",
            {{"name_vi", [&](const toml::node& n,
                             const std::string& k) { c.centre.name_vi = r.string(n, k); }},
             {"name_en", [&](const toml::node& n, const std::string& k) {
                  c.centre.name_en = r.string(n, k);
              }}});
    r.table(root, "receipt",
            {{"status_url", [&](const toml::node& n, const std::string& k) {
                  c.receipt.status_url = r.string(n, k);
                  if (c.receipt.status_url.find("{receipt_code}") == std::string::npos) {
                      r.fail(k, line_of(n), "must contain {receipt_code}");
                  }
                  // Citizens scan it with their phones: never a plain-http page.
                  if (hall() && !c.receipt.status_url.starts_with("https://"))
                      r.fail(k, line_of(n), "must start with https://");
              }}});
    r.table(root, "printer",
            {{"device",
              [&](const toml::node& n, const std::string& k) {
                  c.printer.device = r.string(n, k);
                  // A file "printer" would overwrite whatever it names (the queue, a key).
                  if (c.printer.device.starts_with("file:") && hall())
                      r.fail(k, line_of(n), "file:// printers are for tests only");
              }},
             {"width_dots",
              [&](const toml::node& n, const std::string& k) {
                  c.printer.width_dots = r.integer(n, k, 384, 576);
                  if (c.printer.width_dots != 384 && c.printer.width_dots != 576) {
                      r.fail(k, line_of(n), "must be 576 (80 mm) or 384 (58 mm)");
                  }
              }},
             {"timeout_ms", [&](const toml::node& n, const std::string& k) {
                  c.printer.timeout_ms = r.integer(n, k, 100, 120'000);
              }}});
    std::uint32_t payment_line = 0;  // of [payment]'s first key: where a missing one is said
    r.table(root, "payment",
            {{"bank_bin",
              [&](const toml::node& n, const std::string& k) {
                  c.payment.bank_bin = r.string(n, k);
                  if (const auto p = payment::bank_bin_problem(c.payment.bank_bin); !p.empty())
                      r.fail(k, line_of(n), p);
                  payment_line = payment_line ? payment_line : line_of(n);
              }},
             {"account",
              [&](const toml::node& n, const std::string& k) {
                  c.payment.account = r.string(n, k);
                  if (const auto p = payment::account_number_problem(c.payment.account); !p.empty())
                      r.fail(k, line_of(n), p);
                  payment_line = payment_line ? payment_line : line_of(n);
              }},
             {"account_name", [&](const toml::node& n, const std::string& k) {
                  c.payment.account_name = r.string(n, k);
                  payment_line = payment_line ? payment_line : line_of(n);
              }}});
    if (payment_line && c.payment.bank_bin.empty())
        r.fail("payment.bank_bin", payment_line, "is required in [payment]");
    if (payment_line && c.payment.account.empty())
        r.fail("payment.account", payment_line, "is required in [payment]");
    r.table(root, "scanner", {{"device", [&](const toml::node& n, const std::string& k) {
                                   const std::string v = r.string(n, k);
                                   c.scanner.device =
                                       v.empty() ? v : resolve(source_name, v).string();
                               }}});
    r.table(root, "display",
            {{"rotation",
              [&](const toml::node& n, const std::string& k) {
                  c.display.rotation = r.integer(n, k, 0, 270);
                  if (c.display.rotation % 90 != 0)
                      r.fail(k, line_of(n), "must be 0, 90, 180 or 270");
              }},
             {"density", [&](const toml::node& n, const std::string& k) {
                  c.display.density = r.number(n, k, 0.5, 3.0);
              }}});
    using Sound = SoundSection;
    r.table(
        root, "sound",
        {{"tap", [&](const toml::node& n, const std::string& k) { c.sound.tap = r.boolean(n, k); }},
         {"volume", [&](const toml::node& n,
                        const std::string& k) { c.sound.volume = r.integer(n, k, 0, 100); }},
         {"rate",
          [&](const toml::node& n, const std::string& k) {
              c.sound.rate = r.integer(n, k, Sound::min_rate, Sound::max_rate);
          }},
         {"voice_vi",
          [&](const toml::node& n, const std::string& k) {
              c.sound.voice_vi = r.one_of(n, k, {"vi", "vi-vn-x-central", "vi-vn-x-south"});
          }},
         {"voice_en", [&](const toml::node& n, const std::string& k) {
              c.sound.voice_en = r.one_of(n, k, {"en", "en-us"});
          }}});
    r.table(root, "staff",
            {{"pin_hash", [&](const toml::node& n, const std::string& k) {
                  c.staff.pin_hash = r.string(n, k);
                  if (c.staff.pin_hash.empty()) return;
                  if (!staff::is_pin_hash(c.staff.pin_hash)) {
                      r.fail(k, line_of(n),
                             "must be an Argon2id hash from quayctl staff-pin ($argon2id$...)");
                  }
                  if (const auto p = staff::pin_hash_cost_problem(c.staff.pin_hash);
                      !p.empty() && hall()) {
                      r.fail(k, line_of(n), p);
                  }
              }}});

    r.table(root, "update", {{"url", [&](const toml::node& n, const std::string& key) {
                                  c.update.url = web_url(n, key);
                              }}});
    r.table(root, "metrics",
            {{"textfile",
              [&](const toml::node& n, const std::string& k) {
                  const std::string v = r.string(n, k);
                  c.metrics.textfile = resolve(source_name, v);
                  // node-exporter reads only *.prom files of its directory.
                  if (!v.empty() && c.metrics.textfile.extension() != ".prom")
                      r.fail(k, line_of(n), "must end in .prom");
              }},
             {"interval_s", [&](const toml::node& n, const std::string& k) {
                  c.metrics.interval_s = r.integer(n, k, 5, 3600);
              }}});

    if (!have_id) r.fail("kiosk.id", 0, "is required");
    if (hall()) {
        if (const auto p = volatile_dir_problem(c.kiosk.data_dir); !p.empty())
            r.fail("kiosk.data_dir", data_dir_line, p);
    }
    if (!c.portal.url.empty() && c.portal.token_file.empty()) {
        r.fail("portal.token_file", url_line, "is required when portal.url is set");
    }
    if (!c.portal.token_file.empty()) {
        check_secret_mode(c.portal.token_file, source_name, "portal.token_file", token_line);
    }
    return c;
}

Config load_file(const fs::path& file, Rules rules) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw ConfigError(file, "", 0, "cannot open the config file");
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse(ss.str(), fs::absolute(file), rules);
}

std::string read_token(const Config& config) {
    const auto& f = config.portal.token_file;
    if (f.empty()) throw ConfigError(config.source, "portal.token_file", 0, "is not set");
    check_secret_mode(f, config.source, "portal.token_file", 0);
    std::ifstream in(f, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string t = ss.str();
    const auto b = t.find_first_not_of(" \t\r\n");
    const auto e = t.find_last_not_of(" \t\r\n");
    t = b == std::string::npos ? std::string() : t.substr(b, e - b + 1);
    if (t.empty())
        throw ConfigError(config.source, "portal.token_file", 0, f.string() + " is empty");
    if (t.find_first_of(" \t\r\n") != std::string::npos) {
        throw ConfigError(config.source, "portal.token_file", 0,
                          f.string() + " holds more than one token");
    }
    return t;
}

}  // namespace quay::config
