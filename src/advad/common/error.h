// Error types shared by every part of advad.
//
// An InputError is a problem with what the user gave advad (a file, a
// column, an option value). Its message names the input, the location and
// the value, and says how to fix it; the program prints it and exits with
// a non-zero status instead of crashing.
#pragma once

#include <stdexcept>
#include <string>

namespace advad {

class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& message);
};

}  // namespace advad
