// Logging setup for the program: messages go to standard error.
#pragma once

namespace advad {

// Configures the default spdlog logger to write "[level] message" lines to
// standard error. `verbosity` 0 shows warnings and errors, 1 adds
// information, 2 adds debug messages.
void init_logging(int verbosity);

}  // namespace advad
