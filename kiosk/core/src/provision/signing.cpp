#include "quay/provision/signing.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>
#include <optional>

#include "files.hpp"

namespace quay::provision {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kPublicTag = "quay-provision-ed25519";
constexpr std::string_view kSecretTag = "quay-provision-ed25519-secret";
constexpr std::string_view kAlgorithm = "ed25519";
// Prefixed to the signed bytes: a signature over anything else never verifies here.
std::string_view domain(Purpose purpose) {
    return purpose == Purpose::update_manifest ? "quay-update-manifest-signature-v1\n"
                                               : "quay-provision-signature-v1\n";
}

void init_sodium() {
    if (::sodium_init() < 0) throw Error("crypto_unavailable", "libsodium could not start");
}

std::string to_base64(const unsigned char* data, std::size_t size) {
    std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL), '\0');
    ::sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

// Exactly N bytes from base64, or nullopt.
template <std::size_t N>
std::optional<std::array<unsigned char, N>> from_base64(std::string_view text) {
    std::array<unsigned char, N> out{};
    std::size_t len = 0;
    const char* end = nullptr;
    if (::sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, &end,
                            sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != text.data() + text.size() || len != N) {
        return std::nullopt;
    }
    return out;
}

std::vector<std::string_view> words(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < line.size()) {
        const auto b = line.find_first_not_of(" \t", i);
        if (b == std::string_view::npos) break;
        const auto e = std::min(line.find_first_of(" \t", b), line.size());
        out.push_back(line.substr(b, e - b));
        i = e;
    }
    return out;
}

std::string_view first_line(std::string_view text) {
    auto line = text.substr(0, text.find('\n'));
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

[[noreturn]] void bad_key(const fs::path& name, const std::string& problem) {
    throw Error("bad_key", name.string() + ": " + problem);
}

// Where the file's last line starts (a final newline ends that line, it does not start one).
std::size_t last_line_start(std::string_view file) {
    std::string_view rest = file;
    if (rest.ends_with('\n')) rest.remove_suffix(1);
    const auto nl = rest.rfind('\n');
    return nl == std::string_view::npos ? 0 : nl + 1;
}

std::string signed_message(std::string_view content, Purpose purpose) {
    std::string m(domain(purpose));
    m.append(content);
    return m;
}

}  // namespace

SecretKey::SecretKey(SecretKey&& o) noexcept : bytes(o.bytes) {
    ::sodium_memzero(o.bytes.data(), o.bytes.size());
}
SecretKey& SecretKey::operator=(SecretKey&& o) noexcept {
    bytes = o.bytes;
    ::sodium_memzero(o.bytes.data(), o.bytes.size());
    return *this;
}
SecretKey::~SecretKey() {
    ::sodium_memzero(bytes.data(), bytes.size());
}

PublicKey SecretKey::public_key() const {
    PublicKey k;
    ::crypto_sign_ed25519_sk_to_pk(k.bytes.data(), bytes.data());
    k.id = key_id(k.bytes);
    return k;
}

std::string key_id(const std::array<unsigned char, 32>& public_key) {
    init_sodium();
    unsigned char h[8];
    ::crypto_generichash(h, sizeof h, public_key.data(), public_key.size(), nullptr, 0);
    char hex[sizeof h * 2 + 1];
    ::sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    return hex;
}

std::string public_key_text(const PublicKey& key) {
    return std::string(kPublicTag) + " " + to_base64(key.bytes.data(), key.bytes.size()) + " key-" +
           key.id + "\n";
}

PublicKey generate_keys(const fs::path& dir) {
    init_sodium();
    std::error_code ec;
    if (fs::create_directories(dir, ec)) fs::permissions(dir, fs::perms::owner_all, ec);
    if (!fs::is_directory(dir)) throw Error("io_error", "cannot create " + dir.string());
    for (const char* name : {kSecretKeyFile, kPublicKeyFile}) {
        if (fs::exists(fs::symlink_status(dir / name))) {
            throw Error("exists", (dir / name).string() +
                                      " exists: a key is never overwritten (move it away first)");
        }
    }
    SecretKey sk;
    PublicKey pk;
    ::crypto_sign_keypair(pk.bytes.data(), sk.bytes.data());
    pk.id = key_id(pk.bytes);
    std::string secret = std::string(kSecretTag) + " " + to_base64(sk.bytes.data(), 64) + "\n";
    try {
        detail::write_new(dir / kSecretKeyFile, secret, 0600, std::nullopt);
    } catch (...) {
        ::sodium_memzero(secret.data(), secret.size());
        throw;
    }
    ::sodium_memzero(secret.data(), secret.size());
    detail::write_new(dir / kPublicKeyFile, public_key_text(pk), 0644, std::nullopt);
    detail::fsync_dir(dir);
    return pk;
}

SecretKey load_secret_key(const fs::path& file) {
    init_sodium();
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) bad_key(file, "cannot read the key file");
    if ((st.st_mode & 077) != 0)
        bad_key(file, "the secret key is readable by others; it must be mode 0600 or 0400");
    std::string text = detail::read_limited(file, 4096);
    const auto w = words(first_line(text));
    std::optional<std::array<unsigned char, 64>> bytes;
    if (w.size() == 2 && w[0] == kSecretTag) bytes = from_base64<64>(w[1]);
    ::sodium_memzero(text.data(), text.size());
    if (!bytes) bad_key(file, "is not a Quầy provisioning secret key (quayctl provision keygen)");
    SecretKey k;
    k.bytes = *bytes;
    ::sodium_memzero(bytes->data(), bytes->size());
    return k;
}

PublicKey parse_public_key(std::string_view text, const fs::path& name) {
    init_sodium();
    const auto w = words(first_line(text));
    if (w.size() < 2 || w[0] != kPublicTag)
        bad_key(name, "is not a Quầy provisioning public key (quayctl provision keygen)");
    const auto bytes = from_base64<32>(w[1]);
    if (!bytes) bad_key(name, "holds a public key that is not 32 bytes of base64");
    PublicKey k;
    k.bytes = *bytes;
    k.id = key_id(k.bytes);
    return k;
}

PublicKey load_public_key(const fs::path& file) {
    std::string text;
    try {
        text = detail::read_limited(file, 4096);
    } catch (const Error& e) {
        bad_key(file, e.what());
    }
    return parse_public_key(text, file);
}

std::vector<PublicKey> load_trust_dir(const fs::path& dir, std::vector<std::string>& skipped) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().extension() == ".pub") files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    std::vector<PublicKey> keys;
    for (const auto& f : files) {
        try {
            keys.push_back(load_public_key(f));
        } catch (const Error& e) {
            skipped.push_back(e.what());
        }
    }
    return keys;
}

std::string_view strip_signature(std::string_view file) {
    const auto start = last_line_start(file);
    return file.substr(start).starts_with(kSignatureTag) ? file.substr(0, start) : file;
}

std::string sign(std::string_view content, const SecretKey& key, Purpose purpose) {
    init_sodium();
    std::string body(content);
    if (!body.empty() && body.back() != '\n') body += '\n';
    const std::string m = signed_message(body, purpose);
    std::array<unsigned char, crypto_sign_BYTES> sig{};
    ::crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(m.data()),
                           m.size(), key.bytes.data());
    const auto pk = key.public_key();
    return body + std::string(kSignatureTag) + std::string(kAlgorithm) + " " +
           to_base64(pk.bytes.data(), pk.bytes.size()) + " " + to_base64(sig.data(), sig.size()) +
           "\n";
}

Verified verify(std::string_view file, const std::vector<PublicKey>& trusted, Purpose purpose) {
    init_sodium();
    const std::size_t last_start = last_line_start(file);
    std::string_view last = file.substr(last_start);
    if (last.ends_with('\n')) last.remove_suffix(1);
    if (!last.starts_with(kSignatureTag)) {
        // Any trace of a signature line (even with one byte of it changed) means the file
        // was signed and then altered; only a file with none is "unsigned".
        const bool traces = file.find("quay-signature") != std::string_view::npos ||
                            file.find(": ed25519 ") != std::string_view::npos;
        if (traces)
            throw Refused("bad_signature",
                          "the signature line is not intact at the end of the file: it was "
                          "changed after signing");
        throw Refused("unsigned", purpose == Purpose::update_manifest
                                      ? "the update bundle is not signed (quayctl update pack "
                                        "--sign-key)"
                                      : "the file is not signed: sign it with quayctl provision "
                                        "write --sign-key");
    }
    const std::string_view content = file.substr(0, last_start);
    const auto w = words(last.substr(kSignatureTag.size()));
    const auto pk = w.size() == 3 && w[0] == kAlgorithm ? from_base64<32>(w[1]) : std::nullopt;
    const auto sig = w.size() == 3 ? from_base64<crypto_sign_BYTES>(w[2]) : std::nullopt;
    if (!pk || !sig) throw Refused("bad_signature", "the signature line is damaged");
    const std::string m = signed_message(content, purpose);
    if (::crypto_sign_verify_detached(sig->data(), reinterpret_cast<const unsigned char*>(m.data()),
                                      m.size(), pk->data()) != 0) {
        throw Refused("bad_signature",
                      "the signature does not match the file: it was changed after signing");
    }
    const auto id = key_id(*pk);
    if (trusted.empty())
        throw Refused("untrusted_key", "no provisioning key is trusted on this kiosk (signed by " +
                                           id + "); nothing can be applied");
    for (const auto& t : trusted) {
        if (t.bytes == *pk) return {content, t};
    }
    throw Refused("untrusted_key", "signed by key " + id + ", which this kiosk does not trust");
}

}  // namespace quay::provision
