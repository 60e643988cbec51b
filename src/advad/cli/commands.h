// The subcommands of the advad program. Each add_*_command() registers a
// subcommand with its options on `app` and returns the function that runs
// it once the command line is parsed.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace advad::cli {

// Flags every subcommand accepts.
struct GlobalFlags {
  int extra_verbosity = 0;  // each -v adds a level of detail
  bool quiet = false;       // warnings and errors only, no progress line
};

struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;  // returns the exit status
};

// Adds -q/--quiet and -v/--verbose to a subcommand.
void add_global_flags(CLI::App& command, GlobalFlags& flags);

Command add_experiment_command(CLI::App& app, GlobalFlags& flags);
Command add_synth_command(CLI::App& app, GlobalFlags& flags);
Command add_benchmark_command(CLI::App& app, GlobalFlags& flags);
Command add_inspect_command(CLI::App& app, GlobalFlags& flags);
Command add_train_command(CLI::App& app, GlobalFlags& flags);
Command add_score_command(CLI::App& app, GlobalFlags& flags);
Command add_scale_command(CLI::App& app, GlobalFlags& flags);
Command add_sweep_command(CLI::App& app, GlobalFlags& flags);

}  // namespace advad::cli
