// Helpers shared by the fuzz targets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "advad/common/error.h"

namespace advad::fuzz {

// Runs `action`, which may throw InputError: the clear error a reader
// gives for bad input. Any other exception escapes and fails the target.
template <typename Action>
void expect_input_error(Action action) {
  try {
    action();
  } catch (const InputError&) {
  }
}

// Writes `size` bytes to the file `name` in a private folder, created
// under the system temporary folder ($TMPDIR) on first use and removed at
// exit, and returns its path. Aborts when the file cannot be written.
std::string write_input(const std::uint8_t* data, std::size_t size,
                        const std::string& name);

// Turns off log output, so that warnings of the readers do not flood the
// fuzzer's output.
void silence_logging();

}  // namespace advad::fuzz
