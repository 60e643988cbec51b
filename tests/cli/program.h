// Runs the advad program built beside the tests (ADVAD_PROGRAM) in a
// shell, for the tests of its commands.
#pragma once

#include <cstdio>
#include <string>

#include <sys/wait.h>

namespace advad::testing {

struct CommandResult {
  int status = -1;      // exit status; -1 when the program did not exit
  std::string output;   // what the command wrote to standard output
};

// Runs `command` in a shell and returns its exit status and standard
// output. Append " 2>&1" to capture standard error as well.
inline CommandResult run_shell(const std::string& command) {
  CommandResult result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    return result;
  }
  char buffer[4096];
  std::size_t read = 0;
  while ((read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
    result.output.append(buffer, read);
  }
  const int status = ::pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// Which streams run_advad() returns.
enum class Streams { kBoth, kOutputOnly };

// Runs advad with `arguments`. kOutputOnly discards standard error, so
// that JSON on standard output parses.
inline CommandResult run_advad(const std::string& arguments,
                               Streams streams = Streams::kBoth) {
  return run_shell(std::string(ADVAD_PROGRAM) + " " + arguments +
                   (streams == Streams::kBoth ? " 2>&1" : " 2>/dev/null"));
}

}  // namespace advad::testing
