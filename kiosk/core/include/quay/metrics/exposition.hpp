#pragma once
// Prometheus text exposition format 0.0.4 (what node-exporter's textfile collector reads):
// a `# HELP` and a `# TYPE` line per metric family, then its samples. The one writer of that
// format in the project (docs/monitoring.md); quay/metrics/kiosk_metrics.hpp fills it.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quay::metrics {

using Labels = std::vector<std::pair<std::string, std::string>>;

enum class Type { gauge, counter };

// A label value as the format needs it: backslash, double quote and line feed escaped.
// Bytes that are not UTF-8 become U+FFFD (the format is UTF-8).
std::string escape_label_value(std::string_view value);
// HELP text: backslash and line feed escaped.
std::string escape_help(std::string_view text);
// Shortest text that reads back as the same double; NaN, +Inf, -Inf as the format spells them.
std::string format_value(double value);

class Exposition {
  public:
    // Starts a family. Throws quay::Error("bad_metric") for a name that is not
    // [a-zA-Z_:][a-zA-Z0-9_:]*, a counter not ending in _total, or a family started twice
    // (each family's samples must be together).
    void family(std::string_view name, Type type, std::string_view help);
    // One sample of the family started last (same name), its labels sorted by name. Throws
    // Error("bad_metric") for another name, a bad label name or a label given twice.
    void sample(std::string_view name, const Labels& labels, double value);
    void sample(std::string_view name, double value) { sample(name, {}, value); }
    // A state set: one sample per state, 1 for `current` and 0 for the others, under `label`.
    // A `current` not in `states` gets a sample of its own, so nothing is hidden.
    void state_set(std::string_view name, std::string_view label,
                   const std::vector<std::string_view>& states, std::string_view current);

    const std::string& text() const { return text_; }

  private:
    std::string text_;
    std::vector<std::string> families_;
};

}  // namespace quay::metrics
