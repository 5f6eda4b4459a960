// Provisioning file: any bytes are refused with a reason or give a Bundle, never a crash.
// Runs both halves: the signature check a kiosk does first (against a fixed trusted key)
// and the content parser on whatever precedes a signature line.
#include <sodium.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "quay/provision/provision.hpp"

namespace {

std::vector<quay::provision::PublicKey> trusted() {
    unsigned char seed[crypto_sign_SEEDBYTES] = {'q', 'u', 'a', 'y', '-', 'f', 'u', 'z', 'z'};
    quay::provision::SecretKey sk;
    quay::provision::PublicKey pk;
    (void)::sodium_init();
    ::crypto_sign_seed_keypair(pk.bytes.data(), sk.bytes.data(), seed);
    pk.id = quay::provision::key_id(pk.bytes);
    return {pk};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto keys = trusted();
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        quay::provision::check(bytes, "fuzz.toml", keys, 5);
    } catch (const quay::Error&) {
    }
    try {
        quay::provision::parse(quay::provision::strip_signature(bytes), "fuzz.toml");
    } catch (const quay::Error&) {
    }
    return 0;
}
