#pragma once
// SHA-256 over a stream of chunks, lowercase hex: the one hash of update bundles.

#include <sodium.h>

#include <cstddef>
#include <string>

namespace quay::update::detail {

class Sha256 {
  public:
    Sha256() { ::crypto_hash_sha256_init(&state_); }
    void add(const char* data, std::size_t size) {
        ::crypto_hash_sha256_update(&state_, reinterpret_cast<const unsigned char*>(data), size);
    }
    std::string hex() {
        unsigned char digest[crypto_hash_sha256_BYTES];
        ::crypto_hash_sha256_final(&state_, digest);
        char out[sizeof digest * 2 + 1];
        ::sodium_bin2hex(out, sizeof out, digest, sizeof digest);
        return out;
    }

  private:
    crypto_hash_sha256_state state_{};
};

}  // namespace quay::update::detail
