#pragma once
// Ed25519 signatures on provisioning files (docs/provisioning.md).
//
// A deployment has one key pair (`quayctl provision keygen`); kiosks trust its public key
// (installed by the image into /usr/share/quay/provision-trust/*.pub). The signature is
// the file's last line, so it travels with the one file a technician copies to a stick:
//
//   # quay-signature: ed25519 <public key, base64> <signature, base64>
//
// It covers every byte before that line, prefixed with a domain tag so a signature made
// for something else can never pass as one on a provisioning file. Naming the public key
// in the line lets the kiosk tell "altered after signing" (bad_signature: the signature
// does not match its own key) from "signed by a key we do not trust" (untrusted_key).

#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "quay/error.hpp"

namespace quay::provision {

inline constexpr std::string_view kSignatureTag = "# quay-signature: ";
inline constexpr const char* kSecretKeyFile = "provision.key";
inline constexpr const char* kPublicKeyFile = "provision.pub";
inline constexpr const char* kDefaultTrustDir = "/usr/share/quay/provision-trust";

// Why a provisioning file is refused before its content is looked at. code():
// "too_large" | "not_utf8" | "unsigned" | "bad_signature" | "untrusted_key" | "stale_serial".
class Refused : public Error {
  public:
    using Error::Error;
};

struct PublicKey {
    std::array<unsigned char, 32> bytes{};
    std::string id;  // 16 hex digits, a hash of the key (what messages and the audit show)
};

// Holds the secret key; wiped when it goes.
class SecretKey {
  public:
    SecretKey() = default;
    SecretKey(const SecretKey&) = delete;
    SecretKey& operator=(const SecretKey&) = delete;
    SecretKey(SecretKey&&) noexcept;
    SecretKey& operator=(SecretKey&&) noexcept;
    ~SecretKey();
    std::array<unsigned char, 64> bytes{};  // libsodium's secret key (seed + public key)
    PublicKey public_key() const;
};

std::string key_id(const std::array<unsigned char, 32>& public_key);

// Writes dir/provision.key (0600) and dir/provision.pub; creates dir (0700) if missing.
// Throws Error("exists") when either file is there already (a key is never overwritten),
// Error("io_error") otherwise. Returns the new public key.
PublicKey generate_keys(const std::filesystem::path& dir);

// Throws Error("bad_key") naming the file when it is not a key of ours.
SecretKey load_secret_key(const std::filesystem::path& file);
PublicKey load_public_key(const std::filesystem::path& file);
PublicKey parse_public_key(std::string_view text, const std::filesystem::path& name);
std::string public_key_text(const PublicKey& key);  // the .pub file's one line

// Every *.pub in dir, in name order; a missing dir is no keys. Files that are not keys
// are skipped and named in `skipped` (the image's mistake must not stop a kiosk).
std::vector<PublicKey> load_trust_dir(const std::filesystem::path& dir,
                                      std::vector<std::string>& skipped);

// What a signature is for. Each purpose signs under its own domain tag, so a signed
// provisioning file never passes as an update manifest, nor the other way round.
enum class Purpose { provisioning, update_manifest };

// The file without its trailing signature line (the whole file when it has none).
std::string_view strip_signature(std::string_view file);

// content + the signature line.
std::string sign(std::string_view content, const SecretKey& key,
                 Purpose purpose = Purpose::provisioning);

struct Verified {
    std::string_view content;  // the signed bytes (everything before the signature line)
    PublicKey key;             // the trusted key that signed them
};
// Throws Refused: unsigned, bad_signature, untrusted_key (also when `trusted` is empty).
Verified verify(std::string_view file, const std::vector<PublicKey>& trusted,
                Purpose purpose = Purpose::provisioning);

}  // namespace quay::provision
