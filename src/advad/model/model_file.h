// The container of a model file: a signature, a format version, JSON
// metadata, the network's weights and a checksum.
//
// Layout of format version 1, integers little-endian:
//   bytes 0-7    signature "ADVADMDL"
//   bytes 8-11   format version, uint32
//   bytes 12-19  metadata size M in bytes, uint64
//   next M       metadata, UTF-8 JSON
//   next 8       weights size N in bytes, uint64
//   next N       weights, a LibTorch archive
//   last 32      SHA-256 of every byte before it
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace advad {

inline constexpr std::string_view kModelSignature = "ADVADMDL";
inline constexpr std::uint32_t kModelFormatVersion = 1;
// Model files larger than this are rejected before they are read.
inline constexpr std::uint64_t kMaxModelFileBytes = std::uint64_t{1} << 30;

// Format versions that this build reads.
std::vector<std::uint32_t> readable_model_versions();

struct ModelFileContents {
  nlohmann::json metadata;
  std::string weights;
};

// Returns the bytes of a model file of the current format version.
std::string encode_model_file(const ModelFileContents& contents);

// Checks the signature, version, sizes and checksum of the bytes of a
// model file read from `path`, in that order, and returns its contents.
// Throws ModelFileError whose kind and message tell which check failed.
ModelFileContents decode_model_file(std::string_view bytes,
                                    const std::string& path);

// Writes a model file atomically (see write_file_atomically()).
void write_model_file(const std::string& path,
                      const ModelFileContents& contents);

// Reads and decodes a model file; throws ModelFileError.
ModelFileContents read_model_file(const std::string& path);

}  // namespace advad
