#include "advad/model/model_file.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "advad/model/atomic_file.h"
#include "advad/model/sha256.h"
#include "advad/model_error.h"

namespace advad {

namespace {

using Kind = ModelFileError::Kind;

constexpr std::size_t kHeaderBytes = kModelSignature.size() + 4 + 8;
constexpr std::size_t kSizeBytes = 8;
constexpr std::size_t kChecksumBytes = 32;

void append_le(std::string& out, std::uint64_t value, std::size_t bytes) {
  for (std::size_t i = 0; i < bytes; ++i) {
    out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
  }
}

std::uint64_t read_le(std::string_view bytes, std::size_t offset,
                      std::size_t count) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    auto byte = static_cast<unsigned char>(bytes[offset + i]);
    value |= std::uint64_t{byte} << (8 * i);
  }
  return value;
}

std::string readable_versions_text() {
  return fmt::format("{}", fmt::join(readable_model_versions(), ", "));
}

[[noreturn]] void truncated(const std::string& path, std::size_t size,
                            const std::string& needed) {
  throw ModelFileError(
      Kind::kTruncated,
      fmt::format("{}: model file is truncated: it has {} bytes but {}; "
                  "the copy was cut short, so copy the file again",
                  path, size, needed));
}

// A file shorter than the signature that matches its start was cut short;
// anything else without the signature is some other kind of file.
void check_signature(std::string_view bytes, const std::string& path) {
  std::size_t compared = std::min(bytes.size(), kModelSignature.size());
  if (bytes.substr(0, compared) != kModelSignature.substr(0, compared)) {
    throw ModelFileError(
        Kind::kNotModel,
        fmt::format("{}: not an advad model file (it does not start with "
                    "'{}'); give a file written by 'advad train'",
                    path, kModelSignature));
  }
  if (bytes.size() < kHeaderBytes) {
    truncated(path, bytes.size(),
              fmt::format("the header alone needs {}", kHeaderBytes));
  }
}

void check_version(std::string_view bytes, const std::string& path) {
  auto version = static_cast<std::uint32_t>(
      read_le(bytes, kModelSignature.size(), 4));
  const auto readable = readable_model_versions();
  if (std::find(readable.begin(), readable.end(), version) ==
      readable.end()) {
    throw ModelFileError(
        Kind::kUnsupportedVersion,
        fmt::format("{}: model file format version {} is not supported; "
                    "this build reads version {}; use the advad release "
                    "that wrote it or train the model again",
                    path, version, readable_versions_text()));
  }
}

// Compares the sizes in the header with the file size; every comparison
// is arranged so that a huge size field cannot overflow.
void check_size(std::string_view bytes, const std::string& path) {
  const std::uint64_t size = bytes.size();
  const std::uint64_t metadata = read_le(bytes, kModelSignature.size() + 4, 8);
  if (metadata > size || size - metadata < kHeaderBytes + kSizeBytes) {
    truncated(path, bytes.size(),
              fmt::format("its header announces {} bytes of metadata",
                          metadata));
  }
  const std::uint64_t weights = read_le(bytes, kHeaderBytes + metadata, 8);
  const std::uint64_t rest = size - metadata - kHeaderBytes - kSizeBytes;
  if (weights > rest || rest - weights < kChecksumBytes) {
    truncated(path, bytes.size(),
              fmt::format("its header announces {} bytes of metadata, {} "
                          "bytes of weights and a {}-byte checksum",
                          metadata, weights, kChecksumBytes));
  }
  if (rest - weights > kChecksumBytes) {
    throw ModelFileError(
        Kind::kCorrupt,
        fmt::format("{}: model file is corrupt: {} bytes follow the end "
                    "that its header announces; copy the file again or "
                    "train the model again",
                    path, rest - weights - kChecksumBytes));
  }
}

void check_checksum(std::string_view bytes, const std::string& path) {
  std::string_view body = bytes.substr(0, bytes.size() - kChecksumBytes);
  Sha256Digest actual = sha256(body);
  std::string_view stored = bytes.substr(body.size());
  if (!std::equal(actual.begin(), actual.end(), stored.begin(),
                  [](unsigned char a, char b) {
                    return a == static_cast<unsigned char>(b);
                  })) {
    throw ModelFileError(
        Kind::kCorrupt,
        fmt::format("{}: model file is corrupt: its SHA-256 checksum does "
                    "not match its content; copy the file again or train "
                    "the model again",
                    path));
  }
}

nlohmann::json parse_metadata(std::string_view text, const std::string& path) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& error) {
    throw ModelFileError(
        Kind::kInvalidContent,
        fmt::format("{}: the metadata of the model file is not valid JSON "
                    "({}); train the model again",
                    path, error.what()));
  }
}

}  // namespace

std::vector<std::uint32_t> readable_model_versions() {
  return {kModelFormatVersion};
}

std::string encode_model_file(const ModelFileContents& contents) {
  std::string metadata = contents.metadata.dump();
  std::string bytes(kModelSignature);
  append_le(bytes, kModelFormatVersion, 4);
  append_le(bytes, metadata.size(), 8);
  bytes += metadata;
  append_le(bytes, contents.weights.size(), 8);
  bytes += contents.weights;
  Sha256Digest checksum = sha256(bytes);
  bytes.append(checksum.begin(), checksum.end());
  return bytes;
}

ModelFileContents decode_model_file(std::string_view bytes,
                                    const std::string& path) {
  check_signature(bytes, path);
  check_version(bytes, path);
  check_size(bytes, path);
  check_checksum(bytes, path);
  std::uint64_t metadata_size = read_le(bytes, kModelSignature.size() + 4, 8);
  ModelFileContents contents;
  contents.metadata =
      parse_metadata(bytes.substr(kHeaderBytes, metadata_size), path);
  std::size_t weights_offset = kHeaderBytes + metadata_size + kSizeBytes;
  contents.weights = std::string(bytes.substr(
      weights_offset, bytes.size() - weights_offset - kChecksumBytes));
  return contents;
}

void write_model_file(const std::string& path,
                      const ModelFileContents& contents) {
  write_file_atomically(path, encode_model_file(contents));
}

ModelFileContents read_model_file(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::is_regular_file(path, error)) {
    throw ModelFileError(
        Kind::kUnreadable,
        fmt::format("{}: model file not found (or not a regular file); "
                    "check the path, or write one with 'advad train --out'",
                    path));
  }
  std::uintmax_t size = fs::file_size(path, error);
  if (!error && size > kMaxModelFileBytes) {
    throw ModelFileError(
        Kind::kNotModel,
        fmt::format("{}: {} bytes is more than the {} bytes of the largest "
                    "model file advad reads; give a file written by 'advad "
                    "train'",
                    path, size, kMaxModelFileBytes));
  }
  std::ifstream file(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(file)),
                    std::istreambuf_iterator<char>());
  if (file.bad() || !file.is_open()) {
    throw ModelFileError(Kind::kUnreadable,
                         fmt::format("{}: cannot read the model file; check "
                                     "its permissions",
                                     path));
  }
  return decode_model_file(bytes, path);
}

}  // namespace advad
