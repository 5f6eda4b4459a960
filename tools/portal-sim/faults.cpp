#include "faults.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>
#include <stdexcept>
#include <utility>

namespace quay::portal_sim {

namespace {

constexpr std::array<std::pair<FaultKind, std::string_view>, 12> kind_names{{
    {FaultKind::status, "status"},
    {FaultKind::captive_html, "captive_html"},
    {FaultKind::reject, "reject"},
    {FaultKind::hold, "hold"},
    {FaultKind::lost_ack, "lost_ack"},
    {FaultKind::wrong_id, "wrong_id"},
    {FaultKind::empty_ref, "empty_ref"},
    {FaultKind::wrong_type, "wrong_type"},
    {FaultKind::truncate, "truncate"},
    {FaultKind::stall, "stall"},
    {FaultKind::drip, "drip"},
    {FaultKind::nested, "nested"},
}};

constexpr std::array<std::pair<Endpoint, std::string_view>, 5> endpoint_names{{
    {Endpoint::dossiers, "dossiers"},
    {Endpoint::status, "status"},
    {Endpoint::catalog, "catalog"},
    {Endpoint::heartbeat, "heartbeat"},
    {Endpoint::any, "any"},
}};

[[noreturn]] void bad(const std::string& what) {
    throw std::invalid_argument("fault: " + what);
}

std::int64_t get_int(const nlohmann::json& v, const std::string& key, std::int64_t lo,
                     std::int64_t hi) {
    if (!v.is_number_integer()) bad(key + " must be an integer");
    const auto n = v.get<std::int64_t>();
    if (n < lo || n > hi) {
        bad(key + " must be in " + std::to_string(lo) + ".." + std::to_string(hi));
    }
    return n;
}

std::string get_string(const nlohmann::json& v, const std::string& key) {
    if (!v.is_string()) bad(key + " must be a string");
    return v.get<std::string>();
}

// A text value as JSON: integers, decimals and booleans become numbers and booleans.
nlohmann::json text_value(std::string_view v) {
    if (v == "true") return true;
    if (v == "false") return false;
    std::int64_t n = 0;
    if (auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
        ec == std::errc() && p == v.data() + v.size()) {
        return n;
    }
    double d = 0;
    if (auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
        ec == std::errc() && p == v.data() + v.size()) {
        return d;
    }
    return std::string(v);
}

}  // namespace

std::string_view to_string(FaultKind k) {
    for (const auto& [kind, name] : kind_names)
        if (kind == k) return name;
    return "?";
}

std::string_view to_string(Endpoint e) {
    for (const auto& [endpoint, name] : endpoint_names)
        if (endpoint == e) return name;
    return "?";
}

Stage Fault::stage() const {
    switch (kind) {
        case FaultKind::status:
            return after_commit ? Stage::after : Stage::before;
        case FaultKind::captive_html:
        case FaultKind::reject:
            return Stage::before;
        case FaultKind::hold:
            return Stage::during;
        case FaultKind::stall:
            return after_commit || phase == "body" ? Stage::after : Stage::before;
        default:
            return Stage::after;
    }
}

Fault parse_fault_json(const nlohmann::json& spec) {
    if (!spec.is_object()) bad("expected a JSON object");
    Fault f;
    if (!spec.contains("kind")) bad("kind is missing");
    const std::string kind = get_string(spec["kind"], "kind");
    const auto k = std::find_if(kind_names.begin(), kind_names.end(),
                                [&](const auto& p) { return p.second == kind; });
    if (k == kind_names.end()) bad("unknown kind " + kind);
    f.kind = k->first;
    for (const auto& [key, v] : spec.items()) {
        if (key == "kind" || key == "id" || key == "hits") {
            continue;
        } else if (key == "endpoint") {
            const std::string e = get_string(v, key);
            const auto it = std::find_if(endpoint_names.begin(), endpoint_names.end(),
                                         [&](const auto& p) { return p.second == e; });
            if (it == endpoint_names.end()) bad("unknown endpoint " + e);
            f.endpoint = it->first;
        } else if (key == "count") {
            if (!v.is_null()) f.count = get_int(v, key, 1, 1'000'000'000);
        } else if (key == "rate") {
            if (!v.is_number()) bad("rate must be a number");
            f.rate = v.get<double>();
            if (!(f.rate >= 0.0 && f.rate <= 1.0)) bad("rate must be in 0..1");
        } else if (key == "seed") {
            f.seed = static_cast<std::uint64_t>(get_int(v, key, 0, INT64_MAX));
        } else if (key == "ids" || key == "id_list") {
            if (!v.is_array()) bad("ids must be an array of dossier ids");
            for (const auto& id : v)
                f.ids.push_back(get_string(id, "ids[]"));
        } else if (key == "code") {
            f.code = static_cast<int>(get_int(v, key, 200, 599));
        } else if (key == "retry_after") {
            f.retry_after = get_int(v, key, 0, 365 * 86400);
        } else if (key == "retry_after_date") {
            f.retry_after_date = get_int(v, key, -86400, 365 * 86400);
        } else if (key == "after_commit") {
            if (!v.is_boolean()) bad("after_commit must be true or false");
            f.after_commit = v.get<bool>();
        } else if (key == "body") {
            f.body = get_string(v, key);
        } else if (key == "location") {
            f.location = get_string(v, key);
        } else if (key == "field") {
            f.field = get_string(v, key);
        } else if (key == "message") {
            f.message = get_string(v, key);
        } else if (key == "ms") {
            f.ms = get_int(v, key, 0, 3'600'000);
        } else if (key == "interval_ms") {
            f.interval_ms = get_int(v, key, 0, 3'600'000);
        } else if (key == "chunk") {
            f.chunk = get_int(v, key, 1, 1 << 20);
        } else if (key == "endless") {
            if (!v.is_boolean()) bad("endless must be true or false");
            f.endless = v.get<bool>();
        } else if (key == "depth") {
            f.depth = get_int(v, key, 1, 1 << 20);
        } else if (key == "max_ms") {
            f.max_ms = get_int(v, key, 0, 86'400'000);
        } else if (key == "phase") {
            f.phase = get_string(v, key);
            if (f.phase != "headers" && f.phase != "body") bad("phase must be headers or body");
        } else if (key == "mode") {
            f.mode = get_string(v, key);
            if (f.mode != "cut" && f.mode != "short") bad("mode must be cut or short");
        } else {
            bad("unknown key " + key);
        }
    }
    const bool dossiers_only = f.kind == FaultKind::reject || f.kind == FaultKind::hold ||
                               f.kind == FaultKind::wrong_id || f.kind == FaultKind::empty_ref;
    if (dossiers_only && f.endpoint != Endpoint::dossiers) {
        bad(std::string(to_string(f.kind)) + " only applies to endpoint dossiers");
    }
    if (f.retry_after && f.retry_after_date) bad("give retry_after or retry_after_date, not both");
    return f;
}

Fault parse_fault_text(std::string_view spec) {
    if (!spec.empty() && spec.front() == '{') {
        try {
            return parse_fault_json(nlohmann::json::parse(spec));
        } catch (const nlohmann::json::exception& e) {  // also a number too large
            bad(std::string("bad JSON: ") + e.what());
        }
    }
    nlohmann::json obj = nlohmann::json::object();
    std::size_t start = 0;
    bool first = true;
    while (start <= spec.size()) {
        const std::size_t end = std::min(spec.find(',', start), spec.size());
        const std::string_view part = spec.substr(start, end - start);
        start = end + 1;
        if (first) {
            obj["kind"] = std::string(part);
            first = false;
            continue;
        }
        const auto eq = part.find('=');
        if (eq == std::string_view::npos || eq == 0)
            bad("expected KEY=VALUE, got " + std::string(part));
        const std::string key(part.substr(0, eq));
        const std::string_view value = part.substr(eq + 1);
        if (key == "id") {
            obj["ids"].push_back(std::string(value));
        } else if (key == "message" || key == "body" || key == "field" || key == "location") {
            obj[key] = std::string(value);
        } else {
            obj[key] = text_value(value);
        }
    }
    return parse_fault_json(obj);
}

nlohmann::json to_json(const Fault& f) {
    nlohmann::json j = {{"id", f.id},
                        {"kind", to_string(f.kind)},
                        {"endpoint", to_string(f.endpoint)},
                        {"count", f.count ? nlohmann::json(*f.count) : nlohmann::json()},
                        {"rate", f.rate},
                        {"seed", f.seed},
                        {"ids", f.ids},
                        {"hits", f.hits}};
    switch (f.kind) {
        case FaultKind::status:
            j["code"] = f.code;
            if (f.retry_after) j["retry_after"] = *f.retry_after;
            if (f.retry_after_date) j["retry_after_date"] = *f.retry_after_date;
            j["after_commit"] = f.after_commit;
            if (!f.body.empty()) j["body"] = f.body;
            if (!f.location.empty()) j["location"] = f.location;
            break;
        case FaultKind::reject:
            j["field"] = f.field;
            j["message"] = f.message;
            break;
        case FaultKind::hold:
            j["ms"] = f.ms;
            break;
        case FaultKind::drip:
            j["interval_ms"] = f.interval_ms;
            j["chunk"] = f.chunk;
            j["endless"] = f.endless;
            break;
        case FaultKind::nested:
            j["depth"] = f.depth;
            break;
        case FaultKind::stall:
            j["phase"] = f.phase;
            j["max_ms"] = f.max_ms;
            j["after_commit"] = f.after_commit;
            break;
        case FaultKind::truncate:
            j["mode"] = f.mode;
            break;
        default:
            break;
    }
    return j;
}

Fault FaultSet::add(Fault f) {
    std::lock_guard lock(mutex_);
    f.id = "f" + std::to_string(next_id_++);
    f.hits = 0;
    active_.push_back({f, std::mt19937_64(f.seed)});
    return f;
}

bool FaultSet::remove(std::string_view id) {
    std::lock_guard lock(mutex_);
    const auto before = active_.size();
    std::erase_if(active_, [&](const Active& a) { return a.fault.id == id; });
    return active_.size() != before;
}

void FaultSet::clear() {
    std::lock_guard lock(mutex_);
    active_.clear();
}

nlohmann::json FaultSet::list() const {
    std::lock_guard lock(mutex_);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& a : active_)
        out.push_back(to_json(a.fault));
    return out;
}

std::optional<Fault> FaultSet::pick(Endpoint endpoint, std::string_view dossier_id, Stage stage) {
    std::lock_guard lock(mutex_);
    for (auto it = active_.begin(); it != active_.end(); ++it) {
        Fault& f = it->fault;
        if (f.stage() != stage) continue;
        if (f.endpoint != Endpoint::any && f.endpoint != endpoint) continue;
        if (!f.ids.empty() && std::find(f.ids.begin(), f.ids.end(), dossier_id) == f.ids.end()) {
            continue;
        }
        if (f.rate < 1.0 && !std::bernoulli_distribution(f.rate)(it->rng)) continue;
        ++f.hits;
        Fault fired = f;
        if (f.count && --*f.count == 0) active_.erase(it);
        return fired;
    }
    return std::nullopt;
}

}  // namespace quay::portal_sim
