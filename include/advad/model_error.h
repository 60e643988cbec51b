// Errors about model files and about data that does not fit a model.
// Both are InputError, the type advad throws for any unusable input, so a
// caller can catch all input problems at once or these in particular.
#pragma once

#include <string>
#include <vector>

#include "advad/common/error.h"

namespace advad {

// A model file that cannot be loaded.
class ModelFileError : public InputError {
 public:
  enum class Kind {
    kUnreadable,          // missing, a folder, or no permission to read it
    kNotModel,            // does not start with the model file signature
    kTruncated,           // shorter than its header announces
    kCorrupt,             // checksum mismatch or bytes after the end
    kUnsupportedVersion,  // a format version this build does not read
    kInvalidContent,      // checksum fine, but the content is unusable
  };

  ModelFileError(Kind kind, const std::string& message);

  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// Data whose channels differ from those the model was trained on.
class SchemaError : public InputError {
 public:
  SchemaError(std::vector<std::string> missing,
              std::vector<std::string> extra, const std::string& message);

  // Channels of the model that the data lacks, in the model's order.
  const std::vector<std::string>& missing() const { return missing_; }
  // Columns of the data that are not channels of the model.
  const std::vector<std::string>& extra() const { return extra_; }

 private:
  std::vector<std::string> missing_;
  std::vector<std::string> extra_;
};

}  // namespace advad
