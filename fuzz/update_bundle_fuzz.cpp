// Update bundle: any bytes on a stick are refused with a reason or give a verified bundle,
// never a crash, a hang or a read past the file. The archive reader and the signature check
// run on a file, as on a kiosk (against a fixed trusted key).
#include <sodium.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include "quay/update/bundle.hpp"

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
    static const std::string file = "/dev/shm/quay-bundle-fuzz-" + std::to_string(::getpid());
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    try {
        const auto b = quay::update::Bundle::open(file, keys, "amd64");
        b.verify_payloads();
    } catch (const quay::Error&) {
    }
    return 0;
}
