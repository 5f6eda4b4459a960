#include "quay/update/install.hpp"

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "io.hpp"
#include "quay/system/unique_fd.hpp"
#include "sha256.hpp"

namespace quay::update {
namespace fs = std::filesystem;
using detail::io_fail;
using detail::write_all;
using system::UniqueFd;

namespace {

void fsync_dir(const fs::path& dir) {
    UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0 || ::fsync(fd.get()) != 0) io_fail("cannot fsync", dir);
}

void remove_file(const fs::path& p) {
    if (::unlink(p.c_str()) != 0 && errno != ENOENT) io_fail("cannot remove", p);
}

// Writes a payload to dir/name via a temporary name: fsync, rename, fsync the directory.
void write_file(const Bundle& bundle, const std::string& payload, const fs::path& dir,
                const std::string& name) {
    const fs::path tmp = dir / (name + ".tmp");
    {
        UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
        if (fd.get() < 0) io_fail("cannot create", tmp);
        bundle.stream(payload,
                      [&](const char* d, std::size_t n) { write_all(fd.get(), d, n, tmp); });
        if (::fsync(fd.get()) != 0) io_fail("cannot fsync", tmp);
    }
    if (::rename(tmp.c_str(), (dir / name).c_str()) != 0) io_fail("cannot rename", tmp);
    fsync_dir(dir);
}

void write_text(const fs::path& dir, const std::string& name, const std::string& text) {
    // The temporary name does not end in .conf: systemd-boot never reads a half-written entry.
    const fs::path tmp = dir / (".new-" + name + ".tmp");
    {
        UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
        if (fd.get() < 0) io_fail("cannot create", tmp);
        write_all(fd.get(), text.data(), text.size(), tmp);
        if (::fsync(fd.get()) != 0) io_fail("cannot fsync", tmp);
    }
    if (::rename(tmp.c_str(), (dir / name).c_str()) != 0) io_fail("cannot rename", tmp);
    fsync_dir(dir);
}

std::uint64_t device_size(int fd, const fs::path& p) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) io_fail("cannot stat", p);
    if (S_ISREG(st.st_mode)) return static_cast<std::uint64_t>(st.st_size);
    std::uint64_t size = 0;
    if (!S_ISBLK(st.st_mode) || ::ioctl(fd, BLKGETSIZE64, &size) != 0)
        throw Refused("slot_missing", p.string() + " is not a block device");
    return size;
}

// The slot's device, checked to hold the bundle's root image.
UniqueFd open_slot(const Bundle& bundle, const fs::path& device) {
    UniqueFd fd(::open(device.c_str(), O_RDWR | O_CLOEXEC));
    if (fd.get() < 0) {
        if (errno == ENOENT)
            throw Refused("slot_missing", device.string() + " does not exist: no such root slot");
        io_fail("cannot open", device);
    }
    const auto& payload = bundle.manifest().payloads.at("root.img");
    const auto capacity = device_size(fd.get(), device);
    if (payload.size > capacity)
        throw Refused("slot_too_small", "root.img is " + std::to_string(payload.size >> 20) +
                                            " MiB, the slot " + device.string() + " holds " +
                                            std::to_string(capacity >> 20) + " MiB");
    return fd;
}

// Streams root.img onto the slot, then reads it back from the device itself.
std::uint64_t write_slot(const Bundle& bundle, const UniqueFd& fd, const fs::path& device) {
    const auto& payload = bundle.manifest().payloads.at("root.img");
    std::uint64_t at = 0;
    bundle.stream("root.img", [&](const char* d, std::size_t n) {
        while (n > 0) {
            const auto w = ::pwrite(fd.get(), d, n, static_cast<off_t>(at));
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) io_fail("cannot write", device);
            d += w;
            n -= static_cast<std::size_t>(w);
            at += static_cast<std::uint64_t>(w);
        }
    });
    if (::fsync(fd.get()) != 0) io_fail("cannot fsync", device);
    // Read back what the device holds, not what the page cache remembers.
    ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_DONTNEED);
    detail::Sha256 h;
    std::vector<char> buf(1 << 20);
    for (std::uint64_t off = 0; off < payload.size;) {
        const auto want =
            static_cast<std::size_t>(std::min<std::uint64_t>(buf.size(), payload.size - off));
        const auto r = ::pread(fd.get(), buf.data(), want, static_cast<off_t>(off));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) io_fail("cannot read back", device);
        h.add(buf.data(), static_cast<std::size_t>(r));
        off += static_cast<std::uint64_t>(r);
    }
    if (h.hex() != payload.sha256)
        throw Refused("io_error", device.string() +
                                      " does not hold what was written to it (read back): the "
                                      "storage is failing; the kiosk stays on its running slot");
    return payload.size;
}

}  // namespace

Installed install(const Bundle& bundle, const Target& target) {
    const auto status = slot_status(target.esp, target.cmdline);
    if (status.trial())
        throw Refused("in_trial",
                      "this boot is itself an update on trial: it must be healthy (blessed) "
                      "before another update is installed");
    const char slot = other_slot(status.booted);
    const fs::path entries = target.esp / "loader" / "entries";
    int generation = 0;
    for (const auto& [e, s] : status.entries)
        generation = std::max(generation, e.generation);

    const fs::path device = target.slot_dir / slot_partition_label(slot);
    const auto fd = open_slot(bundle, device);
    // 1. The target slot is no longer bootable while it is being written.
    for (const auto& [e, s] : status.entries) {
        if (e.slot == slot) remove_file(entries / e.file);
    }
    fsync_dir(entries);
    // 2. The root filesystem, read back.
    Installed out;
    out.root_bytes = write_slot(bundle, fd, device);
    // 3. Kernel and initrd.
    const fs::path kdir = target.esp / slot_esp_dir(slot);
    std::error_code ec;
    fs::create_directories(kdir, ec);
    if (ec) throw Refused("io_error", "cannot create " + kdir.string() + ": " + ec.message());
    write_file(bundle, "vmlinuz", kdir, "vmlinuz");
    write_file(bundle, "initrd.img", kdir, "initrd.img");
    // 4. The entry, with one try.
    out.version = bundle.manifest().version;
    out.slot = slot;
    out.entry = entry_name(generation + 1, slot, 1);
    write_text(entries, out.entry, entry_text(out.version, bundle.manifest().kernel_options, slot));
    return out;
}

std::vector<BootEntry> reconcile(const Target& target) {
    const auto status = slot_status(target.esp, target.cmdline);
    std::vector<BootEntry> removed;
    const fs::path entries = target.esp / "loader" / "entries";
    for (const auto& [e, s] : status.entries) {
        if (s != EntryState::failed) continue;
        remove_file(entries / e.file);
        std::error_code ec;
        fs::remove_all(target.esp / slot_esp_dir(e.slot), ec);
        removed.push_back(e);
    }
    if (!removed.empty()) fsync_dir(entries);
    return removed;
}

}  // namespace quay::update
