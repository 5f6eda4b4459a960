#include "quay/delivery/catalog_sync.hpp"
#include "quay/system/unique_fd.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "quay/store/store.hpp"

namespace quay::delivery {

namespace fs = std::filesystem;

namespace {

// The national catalogue is a few megabytes; anything far larger is not a catalogue.
constexpr std::size_t max_catalog_bytes = 64u << 20;

[[noreturn]] void storage_failure(const fs::path& path, const char* what, int err) {
    throw store::StorageError(err == ENOSPC ? "disk_full" : "io_error",
                              std::string(what) + " " + path.string() + ": " + std::strerror(err));
}

using Fd = system::UniqueFd;

void fsync_directory(const fs::path& dir) {
    Fd d(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (d.get() < 0 || ::fsync(d.get()) != 0) storage_failure(dir, "cannot sync", errno);
}

std::optional<std::string> read_etag(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::string etag;
    std::getline(in, etag);
    // An ETag is one header value: refuse anything that could split the request.
    if (etag.empty() || etag.find_first_of("\r\n") != std::string::npos) return std::nullopt;
    return etag;
}

}  // namespace

void write_file_atomically(const fs::path& path, const std::string& bytes, unsigned mode) {
    const fs::path tmp = path.string() + ".new";
    {
        Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
        if (fd.get() < 0) storage_failure(tmp, "cannot create", errno);
        if (::fchmod(fd.get(), static_cast<mode_t>(mode)) != 0) {
            const int err = errno;
            ::unlink(tmp.c_str());
            storage_failure(tmp, "cannot set the mode of", err);
        }
        std::size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                const int err = n < 0 ? errno : EIO;
                ::unlink(tmp.c_str());
                storage_failure(tmp, "cannot write", err);
            }
            done += static_cast<std::size_t>(n);
        }
        if (::fsync(fd.get()) != 0) {
            const int err = errno;
            ::unlink(tmp.c_str());
            storage_failure(tmp, "cannot sync", err);
        }
        if (::close(fd.release()) != 0) storage_failure(tmp, "cannot close", errno);
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        storage_failure(path, "cannot replace", err);
    }
    fsync_directory(path.parent_path().empty() ? fs::path(".") : path.parent_path());
}

SyncResult sync_catalog(PortalClient& client, const fs::path& data_dir, const CatalogCheck& check,
                        const std::string& current_version) {
    const fs::path catalog_file = data_dir / "catalog.json";
    const fs::path etag_file = data_dir / "catalog.etag";
    // Only send our ETag when the file it describes is still there.
    std::optional<std::string> etag;
    if (fs::exists(catalog_file)) etag = read_etag(etag_file);

    const Result r = client.get_catalog(etag, max_catalog_bytes);
    if (!r.response) throw Error("offline", std::string(to_string(r.error)) + ": " + r.error_text);
    const Response& res = *r.response;
    if (res.status == 304) {
        if (!etag) throw Error("portal_error", "the portal answered 304 to a request without ETag");
        return {current_version, false};
    }
    if (res.status != 200)
        throw Error("portal_error", "the portal answered HTTP " + std::to_string(res.status));

    std::string version;
    try {
        version = check(res.body);
    } catch (const std::exception& e) {
        throw Error("bad_catalog",
                    std::string("the new catalogue was refused, the old one is kept: ") + e.what());
    }
    // The ETag goes first so that a crash between the two writes costs a refetch, never a
    // stale ETag vouching for a different file.
    std::error_code ec;
    fs::remove(etag_file, ec);
    write_file_atomically(catalog_file, res.body);
    if (res.etag && res.etag->find_first_of("\r\n") == std::string::npos && !res.etag->empty())
        write_file_atomically(etag_file, *res.etag + "\n");
    return {version, version != current_version};
}

}  // namespace quay::delivery
