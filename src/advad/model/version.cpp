#include "advad/version.h"

#include "advad/model/model_file.h"

// The build defines ADVAD_VERSION from the CMake project version.
#ifndef ADVAD_VERSION
#define ADVAD_VERSION "unknown"
#endif

namespace advad {

std::string version() { return ADVAD_VERSION; }

std::vector<std::uint32_t> model_format_versions() {
  return readable_model_versions();
}

}  // namespace advad
