#pragma once
// Installing a verified bundle on the slot the kiosk is not running from, and cleaning up
// after a rollback (docs/updates.md). Nothing here touches /data: the queue stays as it is.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "quay/update/bundle.hpp"
#include "quay/update/slots.hpp"

namespace quay::update {

// Where the slots and the boot loader are. On a kiosk: /efi, /dev/disk/by-partlabel,
// /proc/cmdline; tests point them at files.
struct Target {
    std::filesystem::path esp;
    std::filesystem::path slot_dir;  // holds QUAYROOT_A and QUAYROOT_B
    std::string cmdline;
};

struct Installed {
    std::string version;
    char slot = 'b';
    std::string entry;  // the new entry's file name
    std::uint64_t root_bytes = 0;
};

// Order, so that a power cut at any point leaves the running slot the one that boots:
// 1. the target slot's old entry is removed (a half-written slot is never bootable);
// 2. root.img is written to the slot, fsynced, dropped from the page cache and read back
//    against the signed hash (an SD card that lies is caught here);
// 3. kernel and initrd go to the slot's ESP directory (temporary names, fsync, rename);
// 4. the entry is written last, with one try (temporary name, fsync, rename).
// Throws Refused: "in_trial" (this boot is itself a trial: it must be blessed first),
// "slot_missing", "slot_too_small", "payload_mismatch", "io_error"; Error("not_ab").
Installed install(const Bundle& bundle, const Target& target);

// After a rollback: the failed trial's entry and its ESP directory are removed, so the
// slot is free for the next update. Returns the entries removed.
std::vector<BootEntry> reconcile(const Target& target);

}  // namespace quay::update
