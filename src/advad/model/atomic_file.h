// Whole-file writes that never leave a partial file behind.
#pragma once

#include <string>
#include <string_view>

namespace advad {

// Writes `bytes` to `path`: to a temporary file in the same folder first,
// flushed to disk with fsync, then renamed over `path` and the folder
// synced, so that after a crash `path` holds either its old content or
// all of `bytes`. Throws InputError when the folder does not exist and
// std::runtime_error naming the path and the system error otherwise; the
// temporary file is removed on failure.
void write_file_atomically(const std::string& path, std::string_view bytes);

// Throws InputError unless the folder that would contain `path` exists
// and `path` itself is not a folder; call it before long work whose
// result goes to `path`.
void check_output_path(const std::string& path);

}  // namespace advad
