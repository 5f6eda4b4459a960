#include "quay/update/slots.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

#include "quay/error.hpp"

namespace quay::update {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kPrefix = "quay-";
constexpr std::string_view kSuffix = ".conf";

// A decimal number with no sign and no leading zero (as entry names are written).
std::optional<int> number(std::string_view s) {
    if (s.empty() || s.size() > 6 || (s.size() > 1 && s[0] == '0')) return std::nullopt;
    int v = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc{} || r.ptr != s.data() + s.size()) return std::nullopt;
    return v;
}

std::string version_line(const fs::path& file) {
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
        if (line.starts_with("version")) {
            const auto v = line.find_first_not_of(" \t", 7);
            return v == std::string::npos ? "" : line.substr(v);
        }
    }
    return "";
}

}  // namespace

std::optional<BootEntry> parse_entry_name(std::string_view file) {
    if (!file.starts_with(kPrefix) || !file.ends_with(kSuffix)) return std::nullopt;
    std::string_view s = file.substr(kPrefix.size(), file.size() - kPrefix.size() - kSuffix.size());
    BootEntry e;
    e.file = std::string(file);
    const auto plus = s.find('+');
    if (plus != std::string_view::npos) {
        std::string_view counter = s.substr(plus + 1);
        s = s.substr(0, plus);
        const auto minus = counter.find('-');
        const auto left = number(counter.substr(0, minus));
        if (!left) return std::nullopt;
        e.tries_left = *left;
        if (minus != std::string_view::npos) {
            const auto done = number(counter.substr(minus + 1));
            if (!done) return std::nullopt;
            e.tries_done = *done;
        }
    }
    // <generation>-<slot>
    if (s.size() < 3 || s[s.size() - 2] != '-') return std::nullopt;
    e.slot = s.back();
    if (e.slot != 'a' && e.slot != 'b') return std::nullopt;
    const auto gen = number(s.substr(0, s.size() - 2));
    if (!gen || *gen == 0) return std::nullopt;
    e.generation = *gen;
    return e;
}

std::string entry_name(int generation, char slot, std::optional<int> tries_left) {
    std::string n = std::string(kPrefix) + std::to_string(generation) + "-" + slot;
    if (tries_left) n += "+" + std::to_string(*tries_left);
    return n + std::string(kSuffix);
}

std::string slot_partition_label(char slot) {
    return std::string("QUAYROOT_") + static_cast<char>(slot - 'a' + 'A');
}

std::string slot_esp_dir(char slot) {
    return std::string("quay-") + slot;
}

char other_slot(char slot) {
    return slot == 'a' ? 'b' : 'a';
}

std::string entry_text(std::string_view version, std::string_view kernel_options, char slot) {
    const std::string dir = "/" + slot_esp_dir(slot);
    std::ostringstream out;
    out << "title   Quầy kiosk " << version << " (" << slot << ")\n"
        << "version " << version << "\n"
        << "linux   " << dir << "/vmlinuz\n"
        << "initrd  " << dir << "/initrd.img\n"
        << "options " << kernel_options << " root=PARTLABEL=" << slot_partition_label(slot)
        << " quay.slot=" << slot << "\n";
    return out.str();
}

std::optional<char> booted_slot(std::string_view cmdline) {
    std::istringstream in{std::string(cmdline)};
    std::string word;
    std::optional<char> slot;
    while (in >> word) {  // the last one wins, as the kernel's own parameters do
        if (word == "quay.slot=a") slot = 'a';
        if (word == "quay.slot=b") slot = 'b';
    }
    return slot;
}

std::vector<BootEntry> list_entries(const fs::path& esp) {
    std::vector<BootEntry> out;
    std::error_code ec;
    for (fs::directory_iterator it(esp / "loader" / "entries", ec), end; !ec && it != end;
         it.increment(ec)) {
        auto e = parse_entry_name(it->path().filename().string());
        if (!e || !it->is_regular_file()) continue;
        e->version = version_line(it->path());
        out.push_back(std::move(*e));
    }
    // systemd-boot's order: entries without tries left last, then the highest generation
    // (its version sort of the names), then more tries left first.
    std::sort(out.begin(), out.end(), [](const BootEntry& a, const BootEntry& b) {
        const bool bad_a = a.tries_left == 0, bad_b = b.tries_left == 0;
        if (bad_a != bad_b) return bad_b;
        if (a.generation != b.generation) return a.generation > b.generation;
        if (a.slot != b.slot) return a.slot > b.slot;
        return a.tries_left.value_or(0) > b.tries_left.value_or(0);
    });
    return out;
}

std::string_view to_string(EntryState s) {
    switch (s) {
        case EntryState::running:
            return "running";
        case EntryState::trial:
            return "trial";
        case EntryState::pending:
            return "pending";
        case EntryState::failed:
            return "failed";
        case EntryState::fallback:
            return "fallback";
    }
    return "unknown";
}

bool SlotStatus::trial() const {
    return std::any_of(entries.begin(), entries.end(),
                       [](const auto& e) { return e.second == EntryState::trial; });
}

SlotStatus slot_status(const fs::path& esp, std::string_view cmdline) {
    const auto booted = booted_slot(cmdline);
    if (!booted)
        throw Error("not_ab",
                    "the kernel command line names no root slot (quay.slot=): this "
                    "image has no A/B slots; update it by reflashing");
    SlotStatus st;
    st.booted = *booted;
    for (auto& e : list_entries(esp)) {
        EntryState s;
        if (e.slot == *booted)
            s = e.tries_left ? EntryState::trial : EntryState::running;
        else if (!e.tries_left)
            s = EntryState::fallback;
        else
            s = *e.tries_left > 0 ? EntryState::pending : EntryState::failed;
        st.entries.emplace_back(std::move(e), s);
    }
    return st;
}

}  // namespace quay::update
