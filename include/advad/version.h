// Versions of the advad library and of the model files it reads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace advad {

// Returns the version of the advad library, e.g. "0.1.0".
std::string version();

// Returns the model file format versions that this library reads.
std::vector<std::uint32_t> model_format_versions();

}  // namespace advad
