// SHA-256 digests (FIPS 180-4) computed by OpenSSL's libcrypto.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace advad {

using Sha256Digest = std::array<unsigned char, 32>;

// An incremental SHA-256 computation: update() any number of times, then
// finish() once.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  // Appends `size` bytes at `data` to the message.
  void update(const void* data, std::size_t size);

  // Returns the digest of everything appended so far.
  Sha256Digest finish();

 private:
  void* context_;  // EVP_MD_CTX, kept out of this header
};

// Returns the SHA-256 digest of `bytes`.
Sha256Digest sha256(std::string_view bytes);

// Formats a digest as 64 lowercase hexadecimal digits.
std::string to_hex(const Sha256Digest& digest);

}  // namespace advad
