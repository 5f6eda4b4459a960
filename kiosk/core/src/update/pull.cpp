#include "quay/update/pull.hpp"

#include <curl/curl.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>

#include "io.hpp"
#include "quay/delivery/transport.hpp"
#include "quay/system/unique_fd.hpp"

namespace quay::update {
namespace fs = std::filesystem;
using detail::io_fail;
using detail::write_all;
using system::UniqueFd;

namespace {

constexpr const char* kRolledBack = "rolled-back";
constexpr const char* kPrefixFile = "manifest.prefix";
constexpr const char* kBundleFile = "quay-update.bundle";

struct CurlDeleter {
    void operator()(CURL* c) const noexcept { curl_easy_cleanup(c); }
};

// Where a response's bytes go: memory (the prefix) or a file (the bundle), at most `cap`.
struct Sink {
    CURL* curl = nullptr;
    std::string* memory = nullptr;
    int fd = -1;
    fs::path path;
    std::uint64_t cap = 0;
    std::uint64_t got = 0;
    std::uint64_t resume_from = 0;  // the file's bytes before this request
    bool over_cap = false;
    bool restarted = false;  // the server ignored the Range: the file starts again
};

std::size_t on_write(char* data, std::size_t size, std::size_t n, void* user) {
    auto* s = static_cast<Sink*>(user);
    const std::size_t bytes = size * n;
    if (s->fd >= 0 && s->got == 0 && s->resume_from > 0) {
        long status = 0;
        curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &status);
        if (status == 200) {  // the whole file again, from its first byte
            if (::ftruncate(s->fd, 0) != 0 || ::lseek(s->fd, 0, SEEK_SET) != 0) return 0;
            s->cap += s->resume_from;
            s->resume_from = 0;
            s->restarted = true;
        }
    }
    const std::uint64_t room = s->cap - std::min(s->cap, s->got);
    const std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(room, bytes));
    if (s->memory) s->memory->append(data, take);
    if (s->fd >= 0) {
        try {
            write_all(s->fd, data, take, s->path);
        } catch (const Refused&) {
            return 0;
        }
    }
    s->got += take;
    if (take < bytes) {
        s->over_cap = true;
        return 0;  // ends the transfer
    }
    return bytes;
}

// GET url with an optional Range; returns the HTTP status (0: no response).
long get(const PullOptions& o, const std::string& range, Sink& sink, std::string& error) {
    if (auto why = delivery::transport_refusal(o.url); !why.empty()) {
        error = why;
        return 0;
    }
    std::unique_ptr<CURL, CurlDeleter> c(curl_easy_init());
    if (!c) throw std::bad_alloc();
    sink.curl = c.get();
    delivery::apply_transport_policy(c.get(), o.url, o.ca_file);
    curl_easy_setopt(c.get(), CURLOPT_HTTPGET, 1L);
    if (!range.empty()) curl_easy_setopt(c.get(), CURLOPT_RANGE, range.c_str());
    curl_easy_setopt(c.get(), CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(o.connect_timeout.count()));
    // A stall (no byte for stall_timeout) ends the try; the bytes so far are kept.
    curl_easy_setopt(c.get(), CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(c.get(), CURLOPT_LOW_SPEED_TIME, static_cast<long>(o.stall_timeout.count()));
    curl_easy_setopt(c.get(), CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(c.get(), CURLOPT_WRITEDATA, &sink);
    const CURLcode rc = curl_easy_perform(c.get());
    long status = 0;
    curl_easy_getinfo(c.get(), CURLINFO_RESPONSE_CODE, &status);
    if (rc != CURLE_OK && !(rc == CURLE_WRITE_ERROR && sink.over_cap))
        error = curl_easy_strerror(rc);
    return status;
}

[[noreturn]] void download_failed(const std::string& why) {
    throw Refused("download_failed",
                  "the update could not be fetched (" + why + "): tried again at the next check");
}

void check_status(long status, const std::string& error, bool range_ok) {
    if (!error.empty()) download_failed(error);
    if (status == 200 || (range_ok && status == 206)) return;
    download_failed("HTTP " + std::to_string(status));
}

std::uint64_t size_of(const fs::path& p) {
    std::error_code ec;
    const auto s = fs::file_size(p, ec);
    return ec ? 0 : static_cast<std::uint64_t>(s);
}

std::uint64_t free_bytes(const fs::path& dir) {
    struct statvfs st {};
    if (::statvfs(dir.c_str(), &st) != 0) io_fail("cannot statvfs", dir);
    return static_cast<std::uint64_t>(st.f_bavail) * st.f_frsize;
}

// The partial download of this manifest's bundle (named by its root image's hash, so that
// bytes of another version are never resumed into it).
fs::path part_file(const PullOptions& o, const Manifest& m) {
    return o.download_dir / ("bundle-" + m.payloads.at("root.img").sha256.substr(0, 16) + ".part");
}

// Downloads the rest of the bundle into its part file; returns this run's bytes.
std::uint64_t download(const PullOptions& o, const Manifest& m, const fs::path& part,
                       bool& resumed) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(o.download_dir, ec)) {
        if (e.path().extension() == ".part" && e.path() != part) fs::remove(e.path(), ec);
    }
    std::uint64_t have = size_of(part);
    if (have > m.bundle_bytes) {
        fs::remove(part, ec);
        have = 0;
    }
    if (have == m.bundle_bytes) return 0;
    const std::uint64_t need = m.bundle_bytes - have;
    if (free_bytes(o.download_dir) < need + o.reserve_bytes)
        throw Refused("no_space", "the update needs " + std::to_string(need >> 20) +
                                      " MiB more and " + std::to_string(o.reserve_bytes >> 20) +
                                      " MiB must stay free for the queue; " +
                                      std::to_string(free_bytes(o.download_dir) >> 20) +
                                      " MiB are free in " + o.download_dir.string());
    UniqueFd fd(::open(part.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600));
    if (fd.get() < 0) io_fail("cannot open", part);
    resumed = have > 0;
    Sink sink;
    sink.fd = fd.get();
    sink.path = part;
    sink.cap = need;
    sink.resume_from = have;
    std::string error;
    const long status = get(o, have > 0 ? std::to_string(have) + "-" : "", sink, error);
    if (::fsync(fd.get()) != 0) io_fail("cannot fsync", part);  // kept for the next try
    if (sink.restarted) resumed = false;
    check_status(status, error, have > 0);
    if (sink.over_cap) throw Refused("too_large", "the server sent more than the signed bundle");
    if (size_of(part) != m.bundle_bytes)
        download_failed("cut after " + std::to_string(size_of(part) >> 20) + " of " +
                        std::to_string(m.bundle_bytes >> 20) + " MiB; resumed at the next check");
    return sink.got;
}

}  // namespace

std::string_view to_string(Pulled::Outcome o) {
    switch (o) {
        case Pulled::Outcome::up_to_date:
            return "up_to_date";
        case Pulled::Outcome::skipped_rolled_back:
            return "skipped_rolled_back";
        case Pulled::Outcome::installed:
            return "installed";
    }
    return "unknown";
}

std::vector<std::string> rolled_back_versions(const fs::path& download_dir) {
    std::vector<std::string> out;
    std::ifstream in(download_dir / kRolledBack);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty()) out.push_back(line);
    }
    return out;
}

void remember_rolled_back(const fs::path& download_dir, const std::string& version) {
    const auto known = rolled_back_versions(download_dir);
    if (std::find(known.begin(), known.end(), version) != known.end()) return;
    std::error_code ec;
    fs::create_directories(download_dir, ec);
    const fs::path file = download_dir / kRolledBack;
    UniqueFd fd(::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
    if (fd.get() < 0) io_fail("cannot open", file);
    const std::string line = version + "\n";
    write_all(fd.get(), line.data(), line.size(), file);
    if (::fsync(fd.get()) != 0) io_fail("cannot fsync", file);
}

Pulled pull(const PullOptions& o) {
    const auto status = slot_status(o.target.esp, o.target.cmdline);
    if (status.trial())
        throw Refused("in_trial",
                      "this boot is an update on trial; updates are checked again "
                      "once it is kept or rolled back");
    std::error_code ec;
    fs::create_directories(o.download_dir, ec);
    if (ec)
        throw Refused("io_error", "cannot create " + o.download_dir.string() + ": " + ec.message());

    // 1. The signed manifest, from the bundle's first bytes.
    Pulled out;
    std::string prefix;
    {
        Sink sink;
        sink.memory = &prefix;
        sink.cap = kManifestPrefixBytes;
        std::string error;
        const long code = get(o, "0-" + std::to_string(kManifestPrefixBytes - 1), sink, error);
        check_status(code, error, true);
        out.downloaded_bytes += sink.got;
    }
    const fs::path prefix_file = o.download_dir / kPrefixFile;
    {
        UniqueFd fd(::open(prefix_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
        if (fd.get() < 0) io_fail("cannot create", prefix_file);
        write_all(fd.get(), prefix.data(), prefix.size(), prefix_file);
    }
    out.manifest = peek_manifest(prefix_file, o.trusted, o.arch);
    fs::remove(prefix_file, ec);

    // 2. Only a version that is new here.
    for (const auto& [e, s] : status.entries) {
        if ((s == EntryState::running || s == EntryState::pending) &&
            e.version == out.manifest.version)
            return out;  // up to date
    }
    const auto rolled = rolled_back_versions(o.download_dir);
    if (std::find(rolled.begin(), rolled.end(), out.manifest.version) != rolled.end()) {
        out.outcome = Pulled::Outcome::skipped_rolled_back;
        return out;
    }

    // 3. The rest of the bundle, resumed where a cut left it; then checked and installed.
    const fs::path part = part_file(o, out.manifest);
    out.downloaded_bytes += download(o, out.manifest, part, out.resumed);
    const fs::path file = o.download_dir / kBundleFile;
    if (::rename(part.c_str(), file.c_str()) != 0) io_fail("cannot rename", part);
    try {
        const auto bundle = Bundle::open(file, o.trusted, o.arch);
        bundle.verify_payloads();
        out.installed = install(bundle, o.target);
    } catch (const Refused&) {
        fs::remove(file, ec);  // damaged or not ours: fetched afresh next time
        throw;
    }
    fs::remove(file, ec);
    out.outcome = Pulled::Outcome::installed;
    return out;
}

}  // namespace quay::update
