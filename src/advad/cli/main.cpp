// The advad program: subcommands over the engine.
#include <exception>
#include <vector>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "advad/cli/commands.h"
#include "advad/common/error.h"
#include "advad/common/log.h"
#include "advad/nn/runtime.h"

namespace advad::cli {

void add_global_flags(CLI::App& command, GlobalFlags& flags) {
  command.add_flag("-q,--quiet", flags.quiet,
                   "Show warnings and errors only, no progress line");
  command.add_flag("-v,--verbose", flags.extra_verbosity,
                   "Show debug messages");
}

}  // namespace advad::cli

namespace {

// Exit status for invalid input or options; 1 is left for other failures.
constexpr int kInputErrorStatus = 2;

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "advad: anomaly detection in multivariate sensor time series with "
      "autoencoders, with and without adversarial training"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "advad 0.1.0");
  advad::cli::GlobalFlags flags;
  std::vector<advad::cli::Command> commands = {
      advad::cli::add_experiment_command(app, flags),
      advad::cli::add_synth_command(app, flags),
      advad::cli::add_benchmark_command(app, flags),
      advad::cli::add_inspect_command(app, flags),
      advad::cli::add_train_command(app, flags),
      advad::cli::add_score_command(app, flags),
      advad::cli::add_scale_command(app, flags),
      advad::cli::add_sweep_command(app, flags),
  };

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // Help and version requests are ParseErrors with status 0; an invalid
    // option gets the status of any other invalid input.
    const int status = app.exit(error);
    return status == 0 ? 0 : kInputErrorStatus;
  }
  advad::init_logging(flags.quiet ? 0 : 1 + flags.extra_verbosity);
  try {
    advad::nn::warn_if_slow_blas();
    for (const advad::cli::Command& command : commands) {
      if (command.app->parsed()) {
        return command.run();
      }
    }
  } catch (const advad::InputError& error) {
    spdlog::error("{}", error.what());
    return kInputErrorStatus;
  } catch (const std::exception& error) {
    spdlog::error("{}", error.what());
    return 1;
  }
  return 0;
}
