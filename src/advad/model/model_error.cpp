#include "advad/model_error.h"

#include <utility>

namespace advad {

ModelFileError::ModelFileError(Kind kind, const std::string& message)
    : InputError(message), kind_(kind) {}

SchemaError::SchemaError(std::vector<std::string> missing,
                         std::vector<std::string> extra,
                         const std::string& message)
    : InputError(message),
      missing_(std::move(missing)),
      extra_(std::move(extra)) {}

}  // namespace advad
