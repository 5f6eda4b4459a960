// Checks of what a provisioning file carries besides the config: the token, the CA bundle
// and SSH public keys. Each returns an empty string when fine, else the problem in words.
#include "secrets.hpp"

#include <arpa/inet.h>
#include <sodium.h>
#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <vector>

namespace quay::provision::detail {

namespace {

std::optional<std::vector<unsigned char>> base64(std::string_view text, const char* ignore) {
    if (::sodium_init() < 0) return std::nullopt;
    std::vector<unsigned char> out(text.size());
    std::size_t len = 0;
    const char* end = nullptr;
    if (::sodium_base642bin(out.data(), out.size(), text.data(), text.size(), ignore, &len, &end,
                            sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != text.data() + text.size()) {
        return std::nullopt;
    }
    out.resize(len);
    return out;
}

}  // namespace

std::string token_problem(std::string_view token) {
    if (token.empty()) return "is empty";
    if (token.size() > 4096) return "is longer than 4096 characters";
    for (char ch : token) {
        if (ch < 0x21 || ch > 0x7e) return "may hold only visible ASCII characters, no spaces";
    }
    return {};
}

std::string ca_problem(std::string_view pem) {
    static constexpr std::string_view begin = "-----BEGIN CERTIFICATE-----";
    static constexpr std::string_view end = "-----END CERTIFICATE-----";
    int certificates = 0;
    std::size_t pos = 0;
    while ((pos = pem.find(begin, pos)) != std::string_view::npos) {
        const auto body = pos + begin.size();
        const auto stop = pem.find(end, body);
        if (stop == std::string_view::npos) return "has a certificate without its END line";
        const auto der = base64(pem.substr(body, stop - body), " \t\r\n");
        // A DER certificate is an ASN.1 SEQUENCE (0x30) of a few hundred bytes at least.
        if (!der || der->size() < 100 || (*der)[0] != 0x30)
            return "holds a certificate that is not valid PEM";
        ++certificates;
        pos = stop + end.size();
    }
    if (certificates == 0) return "holds no PEM certificate (-----BEGIN CERTIFICATE-----)";
    return {};
}

std::string ssh_key_problem(std::string_view line) {
    static constexpr std::array<std::string_view, 7> types = {"ssh-ed25519",
                                                              "ecdsa-sha2-nistp256",
                                                              "ecdsa-sha2-nistp384",
                                                              "ecdsa-sha2-nistp521",
                                                              "ssh-rsa",
                                                              "sk-ssh-ed25519@openssh.com",
                                                              "sk-ecdsa-sha2-nistp256@openssh.com"};
    for (char ch : line) {
        if (ch == '\n' || ch == '\r' || ch == '\0') return "must be one line";
    }
    const auto sp = line.find(' ');
    if (sp == std::string_view::npos) return "must be \"TYPE KEY [comment]\" as in a .pub file";
    const auto type = line.substr(0, sp);
    bool known = false;
    for (auto t : types)
        known = known || t == type;
    if (!known) return "has an unknown key type (options before the key are not allowed)";
    auto rest = line.substr(sp + 1);
    const auto blob_text = rest.substr(0, rest.find(' '));
    const auto blob = base64(blob_text, nullptr);
    // The key blob starts with its own type as a length-prefixed string.
    if (!blob || blob->size() < 4 + type.size()) return "has a key that is not valid base64";
    const std::uint32_t n = (std::uint32_t((*blob)[0]) << 24) | (std::uint32_t((*blob)[1]) << 16) |
                            (std::uint32_t((*blob)[2]) << 8) | std::uint32_t((*blob)[3]);
    if (n != type.size() ||
        std::string_view(reinterpret_cast<const char*>(blob->data()) + 4, n) != type) {
        return "has a key whose data does not match its type";
    }
    return {};
}

std::string network_problem(std::string_view network) {
    const auto slash = network.find('/');
    const std::string address(network.substr(0, slash));
    unsigned char buf[16];
    int max_prefix = 0;
    if (::inet_pton(AF_INET, address.c_str(), buf) == 1)
        max_prefix = 32;
    else if (::inet_pton(AF_INET6, address.c_str(), buf) == 1)
        max_prefix = 128;
    else
        return "must be an IPv4 or IPv6 address, optionally with /prefix (\"10.20.0.0/16\")";
    if (slash == std::string_view::npos) return {};
    const auto digits = network.substr(slash + 1);
    int prefix = 0;
    if (digits.empty() || digits.size() > 3) return "has a prefix length that is not a number";
    for (char c : digits) {
        if (c < '0' || c > '9') return "has a prefix length that is not a number";
        prefix = prefix * 10 + (c - '0');
    }
    if (prefix > max_prefix) return "has a prefix length above " + std::to_string(max_prefix);
    if (prefix == 0) return "may not be a /0: that is every network";
    return {};
}

}  // namespace quay::provision::detail
