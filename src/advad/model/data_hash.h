// Fingerprints of data sets, to tell later which data trained a model.
#pragma once

#include <string>

#include "advad/data/dataset.h"

namespace advad {

// Returns the SHA-256, as 64 hexadecimal digits, of the channel names and
// values of `data`: for each channel name its byte count (uint64) and
// bytes, then the row and column counts (uint64), then every value as
// float32 in row-major order, all integers and floats little-endian.
// Labels, context columns and segments are left out.
std::string data_sha256(const Dataset& data);

}  // namespace advad
