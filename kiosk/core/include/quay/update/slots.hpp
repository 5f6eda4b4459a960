#pragma once
// The kiosk's two root slots and their boot entries (docs/updates.md).
//
// Each slot (partitions QUAYROOT_A and QUAYROOT_B) has at most one systemd-boot entry on the
// ESP, named quay-<generation>-<slot>[+LEFT[-DONE]].conf. systemd-boot boots the entry
// that sorts first: the highest generation, except that an entry with no tries left (a
// trial that was never blessed good) sorts last. So a freshly installed slot (+1) is tried
// once; systemd-bless-boot renames it to quay-<gen>-<slot>.conf when boot-complete.target
// is reached (our health check is ordered before it); a trial that never gets there
// leaves +0-1 behind and the next boot is the old slot, by itself.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quay::update {

struct BootEntry {
    std::string file;  // its name in loader/entries
    int generation = 0;
    char slot = 'a';                // 'a' | 'b'
    std::optional<int> tries_left;  // boot counting; none once blessed good
    int tries_done = 0;
    std::string version;  // its "version" line
};

// "quay-3-b+1.conf" → {3, 'b', 1, 0}; nullopt for any other name.
std::optional<BootEntry> parse_entry_name(std::string_view file);
std::string entry_name(int generation, char slot, std::optional<int> tries_left);
// The entry's text: the kernel and initrd in the slot's own ESP directory, the slot's root.
std::string entry_text(std::string_view version, std::string_view kernel_options, char slot);
std::string slot_partition_label(char slot);  // QUAYROOT_A | QUAYROOT_B
std::string slot_esp_dir(char slot);          // quay-a | quay-b
char other_slot(char slot);

// The slot the running system booted from: quay.slot=a|b on the kernel command line.
std::optional<char> booted_slot(std::string_view cmdline);

// Every quay entry on the ESP (esp/loader/entries), in systemd-boot's order: first the one
// it boots by default.
std::vector<BootEntry> list_entries(const std::filesystem::path& esp);

enum class EntryState {
    running,   // the booted slot's entry, blessed good
    trial,     // the booted slot's entry, not blessed yet: this boot decides
    pending,   // installed on the other slot, to be tried at the next boot
    failed,    // the other slot's trial that never became good: rolled back from
    fallback,  // the other slot's older good entry
};
std::string_view to_string(EntryState s);

struct SlotStatus {
    char booted = 'a';
    std::vector<std::pair<BootEntry, EntryState>> entries;  // in boot order
    bool trial() const;                                     // the booted entry is on trial
};

// Throws Error("not_ab") when the command line names no slot (not an A/B kiosk image).
SlotStatus slot_status(const std::filesystem::path& esp, std::string_view cmdline);

}  // namespace quay::update
