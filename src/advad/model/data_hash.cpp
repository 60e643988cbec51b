#include "advad/model/data_hash.h"

#include <bit>
#include <cstdint>

#include "advad/model/sha256.h"

namespace advad {

namespace {

void append_le(std::string& out, std::uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) {
    out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
  }
}

}  // namespace

std::string data_sha256(const Dataset& data) {
  Sha256 hash;
  std::string bytes;
  for (const std::string& name : data.channels) {
    append_le(bytes, name.size(), 8);
    bytes += name;
  }
  append_le(bytes, data.values.rows, 8);
  append_le(bytes, data.values.cols, 8);
  hash.update(bytes.data(), bytes.size());

  // Values go through a bounded buffer, one row at a time.
  for (std::size_t r = 0; r < data.values.rows; ++r) {
    bytes.clear();
    const float* row = data.values.row(r);
    for (std::size_t c = 0; c < data.values.cols; ++c) {
      append_le(bytes, std::bit_cast<std::uint32_t>(row[c]), 4);
    }
    hash.update(bytes.data(), bytes.size());
  }
  return to_hex(hash.finish());
}

}  // namespace advad
