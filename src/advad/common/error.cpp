#include "advad/common/error.h"

namespace advad {

InputError::InputError(const std::string& message)
    : std::runtime_error(message) {}

}  // namespace advad
