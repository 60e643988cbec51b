#include "advad/model/sha256.h"

#include <stdexcept>

#include <openssl/evp.h>

namespace advad {

namespace {

EVP_MD_CTX* as_context(void* context) {
  return static_cast<EVP_MD_CTX*>(context);
}

void check(int status, const char* step) {
  if (status != 1) {
    throw std::runtime_error(std::string("SHA-256 ") + step +
                             " failed in OpenSSL");
  }
}

}  // namespace

Sha256::Sha256() : context_(EVP_MD_CTX_new()) {
  if (context_ == nullptr) {
    throw std::runtime_error("SHA-256: OpenSSL could not allocate a context");
  }
  check(EVP_DigestInit_ex(as_context(context_), EVP_sha256(), nullptr),
        "initialization");
}

Sha256::~Sha256() { EVP_MD_CTX_free(as_context(context_)); }

void Sha256::update(const void* data, std::size_t size) {
  check(EVP_DigestUpdate(as_context(context_), data, size), "update");
}

Sha256Digest Sha256::finish() {
  Sha256Digest digest{};
  unsigned int size = 0;
  check(EVP_DigestFinal_ex(as_context(context_), digest.data(), &size),
        "finalization");
  return digest;
}

Sha256Digest sha256(std::string_view bytes) {
  Sha256 hash;
  hash.update(bytes.data(), bytes.size());
  return hash.finish();
}

std::string to_hex(const Sha256Digest& digest) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text;
  text.reserve(2 * digest.size());
  for (unsigned char byte : digest) {
    text.push_back(kDigits[byte >> 4]);
    text.push_back(kDigits[byte & 0x0f]);
  }
  return text;
}

}  // namespace advad
