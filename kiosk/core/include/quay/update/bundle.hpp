#pragma once
// Signed update bundles for the kiosk's A/B root slots (docs/updates.md).
//
// A bundle is one ustar archive: first `manifest.json`, signed with a deployment's
// provisioning key exactly like a provisioning file (quay/provision/signing.hpp) but under
// the update domain tag, then the payloads it lists: `root.img` (the root filesystem for a
// slot), `vmlinuz` and `initrd.img`. Nothing in the archive is trusted before the manifest's
// signature is checked; a payload is used only when its size and SHA-256 match the manifest.

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "quay/error.hpp"
#include "quay/provision/signing.hpp"

namespace quay::update {

inline constexpr std::string_view kFormat = "quay-update-1";
inline constexpr const char* kManifestName = "manifest.json";
inline constexpr std::array<const char*, 3> kPayloadNames = {"root.img", "vmlinuz", "initrd.img"};

// Why a bundle is refused. code(): the provisioning Refused codes (unsigned, bad_signature,
// untrusted_key), or "not_a_bundle", "bad_manifest", "wrong_arch", "payload_mismatch",
// "io_error".
class Refused : public Error {
  public:
    using Error::Error;
};

struct Payload {
    std::uint64_t size = 0;
    std::string sha256;  // lowercase hex
};

struct Manifest {
    std::string version;         // the OS image's version (the quay-kiosk package's)
    std::string arch;            // amd64 | arm64
    std::string kernel_options;  // the command line, without root= and quay.slot=
    std::map<std::string, Payload> payloads;
    std::string key_id;              // the trusted key that signed it
    std::uint64_t bundle_bytes = 0;  // the whole archive's size, as pack() writes it
};

// The first bytes an archive needs for its manifest (header + the largest manifest).
inline constexpr std::uint64_t kManifestPrefixBytes = 512 + 64 * 1024;

// Reads and verifies only the manifest at the start of `file`, which may be the first
// kManifestPrefixBytes of a bundle (a download's first request). Throws Refused.
Manifest peek_manifest(const std::filesystem::path& file,
                       const std::vector<provision::PublicKey>& trusted, std::string_view arch);

struct PackInput {
    std::string version;
    std::string arch;
    std::string kernel_options;
    std::map<std::string, std::filesystem::path> files;  // every kPayloadNames entry
};

// Writes the bundle to `out` (through a temporary file, fsynced, then renamed).
void pack(const std::filesystem::path& out, const PackInput& in, const provision::SecretKey& key);

// An opened bundle: the manifest is verified; payloads are checked when read.
class Bundle {
  public:
    // Throws Refused. `arch` is this machine's (a bundle for another is refused).
    static Bundle open(const std::filesystem::path& file,
                       const std::vector<provision::PublicKey>& trusted, std::string_view arch);

    const Manifest& manifest() const { return manifest_; }

    // Reads every payload once and checks size and hash (Refused payload_mismatch).
    void verify_payloads() const;

    // Streams one payload to `sink` in chunks and checks it as it goes; throws Refused
    // payload_mismatch at the end when the bytes were not the signed ones (the sink has then
    // been given them: callers write where a mismatch does no harm until it is committed).
    void stream(const std::string& name,
                const std::function<void(const char*, std::size_t)>& sink) const;

  private:
    struct Member {
        std::uint64_t offset = 0;
        std::uint64_t size = 0;
    };
    std::filesystem::path file_;
    Manifest manifest_;
    std::map<std::string, Member> members_;
};

}  // namespace quay::update
