#include "quay/metrics/exposition.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "quay/error.hpp"
#include "quay/text/utf8.hpp"

namespace quay::metrics {

namespace {

bool name_char(char c, bool first, bool colon) {
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    return alpha || (colon && c == ':') || (!first && c >= '0' && c <= '9');
}

bool valid_name(std::string_view name, bool colon) {
    if (name.empty()) return false;
    for (std::size_t i = 0; i < name.size(); ++i)
        if (!name_char(name[i], i == 0, colon)) return false;
    return true;
}

[[noreturn]] void bad(const std::string& message) {
    throw Error("bad_metric", message);
}

// Replaces every byte sequence that is not UTF-8 with U+FFFD.
std::string valid_utf8(std::string_view s) {
    std::string out;
    while (!s.empty()) {
        const auto at = text::find_invalid_utf8(s);
        if (!at) {
            out.append(s);
            break;
        }
        out.append(s.substr(0, *at)).append("\xEF\xBF\xBD");
        s.remove_prefix(*at + 1);
    }
    return out;
}

}  // namespace

std::string escape_label_value(std::string_view value) {
    std::string out;
    for (const char c : valid_utf8(value)) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '"') {
            out += "\\\"";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

std::string escape_help(std::string_view text) {
    std::string out;
    for (const char c : valid_utf8(text)) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

std::string format_value(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    return std::string(buf, r.ptr);
}

void Exposition::family(std::string_view name, Type type, std::string_view help) {
    if (!valid_name(name, true)) bad("not a metric name: " + std::string(name));
    if (type == Type::counter && !name.ends_with("_total"))
        bad("a counter's name ends in _total: " + std::string(name));
    if (std::find(families_.begin(), families_.end(), name) != families_.end())
        bad("metric family given twice: " + std::string(name));
    families_.emplace_back(name);
    text_.append("# HELP ").append(name).append(" ").append(escape_help(help)).append("\n");
    text_.append("# TYPE ").append(name).append(type == Type::counter ? " counter\n" : " gauge\n");
}

void Exposition::sample(std::string_view name, const Labels& given, double value) {
    if (families_.empty() || families_.back() != name)
        bad("sample outside its family: " + std::string(name));
    // Sorted by name, as Prometheus and node-exporter print them: the textfile's lines are
    // then the lines a scrape returns.
    Labels labels = given;
    std::stable_sort(labels.begin(), labels.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    text_.append(name);
    if (!labels.empty()) {
        text_ += '{';
        for (std::size_t i = 0; i < labels.size(); ++i) {
            const auto& [label, v] = labels[i];
            if (!valid_name(label, false) || label.starts_with("__"))
                bad("not a label name: " + label);
            if (i > 0 && labels[i - 1].first == label) bad("label given twice: " + label);
            if (i > 0) text_ += ',';
            text_.append(label).append("=\"").append(escape_label_value(v)).append("\"");
        }
        text_ += '}';
    }
    text_.append(" ").append(format_value(value)).append("\n");
}

void Exposition::state_set(std::string_view name, std::string_view label,
                           const std::vector<std::string_view>& states, std::string_view current) {
    bool listed = false;
    for (const auto s : states) {
        listed = listed || s == current;
        sample(name, {{std::string(label), std::string(s)}}, s == current ? 1 : 0);
    }
    if (!listed) sample(name, {{std::string(label), std::string(current)}}, 1);
}

}  // namespace quay::metrics
