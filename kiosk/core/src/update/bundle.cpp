#include "quay/update/bundle.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>
#include <vector>

#include "io.hpp"
#include "quay/system/unique_fd.hpp"
#include "sha256.hpp"
#include "ustar.hpp"

namespace quay::update {
namespace fs = std::filesystem;
using detail::io_fail;
using detail::write_all;
using system::UniqueFd;

namespace {

constexpr std::size_t kChunk = 1 << 20;
constexpr std::uint64_t kMaxManifest = 64 * 1024;

// Calls sink for each chunk of `size` bytes at `offset` of fd.
void read_chunks(int fd, std::uint64_t offset, std::uint64_t size, const fs::path& p,
                 const std::function<void(const char*, std::size_t)>& sink) {
    std::vector<char> buf(kChunk);
    while (size > 0) {
        const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(size, kChunk));
        const auto r = ::pread(fd, buf.data(), want, static_cast<off_t>(offset));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) {
            if (r == 0) errno = EIO;
            io_fail("cannot read", p);
        }
        sink(buf.data(), static_cast<std::size_t>(r));
        offset += static_cast<std::uint64_t>(r);
        size -= static_cast<std::uint64_t>(r);
    }
}

UniqueFd open_read(const fs::path& p, std::uint64_t& size) {
    UniqueFd fd(::open(p.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) io_fail("cannot open", p);
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) io_fail("cannot stat", p);
    if (!S_ISREG(st.st_mode)) throw Refused("not_a_bundle", p.string() + " is not a file");
    size = static_cast<std::uint64_t>(st.st_size);
    return fd;
}

bool is_payload_name(const std::string& name) {
    for (const char* n : kPayloadNames) {
        if (name == n) return true;
    }
    return false;
}

[[noreturn]] void bad_manifest(const std::string& why) {
    throw Refused("bad_manifest", "the bundle's manifest " + why);
}

Manifest parse_manifest(std::string_view content) {
    nlohmann::json j = nlohmann::json::parse(content, nullptr, false);
    if (!j.is_object()) bad_manifest("is not a JSON object");
    auto text = [&](const char* key) {
        const auto it = j.find(key);
        if (it == j.end() || !it->is_string() || it->get<std::string>().empty())
            bad_manifest(std::string("has no \"") + key + "\"");
        return it->get<std::string>();
    };
    if (text("format") != kFormat)
        bad_manifest("is of format \"" + text("format") + "\", this kiosk reads " +
                     std::string(kFormat));
    Manifest m;
    m.version = text("version");
    m.arch = text("arch");
    m.kernel_options = text("kernel_options");
    if (m.kernel_options.find("root=") != std::string::npos ||
        m.kernel_options.find("quay.slot=") != std::string::npos)
        bad_manifest("sets root= or quay.slot= (the kiosk chooses the slot)");
    const auto p = j.find("payloads");
    if (p == j.end() || !p->is_object()) bad_manifest("has no \"payloads\"");
    for (const auto& [name, v] : p->items()) {
        if (!is_payload_name(name)) bad_manifest("lists an unknown payload \"" + name + "\"");
        if (!v.is_object() || !v.contains("size") || !v["size"].is_number_unsigned() ||
            !v.contains("sha256") || !v["sha256"].is_string() ||
            v["sha256"].get<std::string>().size() != 64)
            bad_manifest("has a bad entry for " + name);
        m.payloads[name] = {v["size"].get<std::uint64_t>(), v["sha256"].get<std::string>()};
    }
    for (const char* n : kPayloadNames) {
        if (!m.payloads.contains(n)) bad_manifest(std::string("does not list ") + n);
    }
    return m;
}

}  // namespace

void pack(const fs::path& out, const PackInput& in, const provision::SecretKey& key) {
    nlohmann::ordered_json j = {{"format", kFormat},
                                {"version", in.version},
                                {"arch", in.arch},
                                {"kernel_options", in.kernel_options}};
    nlohmann::ordered_json payloads = nlohmann::ordered_json::object();
    std::vector<std::pair<std::string, UniqueFd>> files;
    for (const char* name : kPayloadNames) {
        const auto it = in.files.find(name);
        if (it == in.files.end())
            throw Refused("bad_manifest", std::string("no file given for ") + name);
        std::uint64_t size = 0;
        auto fd = open_read(it->second, size);
        detail::Sha256 h;
        read_chunks(fd.get(), 0, size, it->second,
                    [&](const char* d, std::size_t n) { h.add(d, n); });
        payloads[name] = {{"size", size}, {"sha256", h.hex()}};
        files.emplace_back(name, std::move(fd));
    }
    j["payloads"] = std::move(payloads);
    // Parsed back with this kiosk's own reader: a bundle no kiosk would take is never made.
    parse_manifest(j.dump());
    const std::string manifest =
        provision::sign(j.dump() + "\n", key, provision::Purpose::update_manifest);

    const fs::path tmp = out.string() + ".tmp";
    UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (fd.get() < 0) io_fail("cannot create", tmp);
    const std::string zeros(detail::kBlock * 2, '\0');
    auto member = [&](const std::string& name, std::uint64_t size,
                      const std::function<void()>& data) {
        const auto h = detail::header(name, size);
        write_all(fd.get(), h.data(), h.size(), tmp);
        data();
        write_all(fd.get(), zeros.data(), detail::padding(size), tmp);
    };
    member(kManifestName, manifest.size(),
           [&] { write_all(fd.get(), manifest.data(), manifest.size(), tmp); });
    for (const auto& file : files) {
        const auto& name = file.first;
        const int src = file.second.get();
        const auto size = j["payloads"][name]["size"].get<std::uint64_t>();
        member(name, size, [&] {
            read_chunks(src, 0, size, in.files.at(name),
                        [&](const char* d, std::size_t n) { write_all(fd.get(), d, n, tmp); });
        });
    }
    write_all(fd.get(), zeros.data(), zeros.size(), tmp);
    if (::fsync(fd.get()) != 0) io_fail("cannot fsync", tmp);
    if (::close(fd.release()) != 0) io_fail("cannot close", tmp);
    if (::rename(tmp.c_str(), out.c_str()) != 0) io_fail("cannot rename to", out);
}

namespace {

// The signed manifest of the member m (the archive's first), checked for this machine.
Manifest read_manifest(int fd, const detail::Member& m, const fs::path& file,
                       const std::vector<provision::PublicKey>& trusted, std::string_view arch) {
    if (m.name != kManifestName)
        throw Refused("not_a_bundle", "the bundle does not start with its manifest");
    if (m.size > kMaxManifest) throw Refused("bad_manifest", "the manifest is too large");
    std::string text(static_cast<std::size_t>(m.size), '\0');
    std::size_t at = 0;
    read_chunks(fd, m.offset, m.size, file, [&](const char* d, std::size_t n) {
        std::memcpy(text.data() + at, d, n);
        at += n;
    });
    provision::Verified v;
    try {
        v = provision::verify(text, trusted, provision::Purpose::update_manifest);
    } catch (const provision::Refused& e) {
        throw Refused(e.code(), std::string("update bundle: ") + e.what());
    }
    Manifest manifest = parse_manifest(v.content);
    manifest.key_id = v.key.id;
    if (manifest.arch != arch)
        throw Refused("wrong_arch", "the bundle is for " + manifest.arch + ", this kiosk is " +
                                        std::string(arch));
    manifest.bundle_bytes = detail::kBlock + m.size + detail::padding(m.size) + 2 * detail::kBlock;
    for (const auto& p : manifest.payloads)
        manifest.bundle_bytes += detail::kBlock + p.second.size + detail::padding(p.second.size);
    return manifest;
}

}  // namespace

Manifest peek_manifest(const fs::path& file, const std::vector<provision::PublicKey>& trusted,
                       std::string_view arch) {
    std::uint64_t size = 0;
    auto fd = open_read(file, size);
    return read_manifest(fd.get(), detail::first_member(fd.get(), size), file, trusted, arch);
}

Bundle Bundle::open(const fs::path& file, const std::vector<provision::PublicKey>& trusted,
                    std::string_view arch) {
    std::uint64_t size = 0;
    auto fd = open_read(file, size);
    const auto list = detail::members(fd.get(), size);
    if (list.empty()) throw Refused("not_a_bundle", "the bundle is empty");
    Bundle b;
    b.file_ = file;
    b.manifest_ = read_manifest(fd.get(), list.front(), file, trusted, arch);
    for (std::size_t i = 1; i < list.size(); ++i) {
        const auto& m = list[i];
        const auto p = b.manifest_.payloads.find(m.name);
        if (p == b.manifest_.payloads.end())
            throw Refused("payload_mismatch", m.name + " is in the bundle but not in its manifest");
        if (p->second.size != m.size)
            throw Refused("payload_mismatch", m.name + " is not the size its manifest says");
        b.members_[m.name] = {m.offset, m.size};
    }
    for (const auto& [name, p] : b.manifest_.payloads) {
        if (!b.members_.contains(name))
            throw Refused("payload_mismatch", name + " is in the manifest but not in the bundle");
    }
    return b;
}

void Bundle::stream(const std::string& name,
                    const std::function<void(const char*, std::size_t)>& sink) const {
    const auto m = members_.find(name);
    if (m == members_.end()) throw Refused("payload_mismatch", "no payload " + name);
    std::uint64_t size = 0;
    auto fd = open_read(file_, size);
    detail::Sha256 h;
    read_chunks(fd.get(), m->second.offset, m->second.size, file_,
                [&](const char* d, std::size_t n) {
                    h.add(d, n);
                    sink(d, n);
                });
    if (h.hex() != manifest_.payloads.at(name).sha256)
        throw Refused("payload_mismatch",
                      name + " does not match its signed hash: the bundle is damaged or altered");
}

void Bundle::verify_payloads() const {
    for (const auto& [name, m] : members_)
        stream(name, [](const char*, std::size_t) {});
}

}  // namespace quay::update
