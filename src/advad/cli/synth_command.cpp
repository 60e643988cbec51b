// advad synth: KUKA-like data files.
#include <iostream>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "advad/cli/commands.h"
#include "advad/synth/kuka_synth.h"

namespace advad::cli {

namespace {

struct SynthCli {
  std::string out;
  synth::KukaSynthOptions options;
};

int run_synth_command(const SynthCli& cli) {
  synth::write_kuka_like(cli.out, cli.options);
  std::cout << fmt::format("KUKA-like data written to {}\n", cli.out);
  return 0;
}

}  // namespace

Command add_synth_command(CLI::App& app, GlobalFlags& flags) {
  auto state = std::make_shared<SynthCli>();
  CLI::App* command = app.add_subcommand(
      "synth", "Write KUKA-like data files in the layout of the real ones");
  add_global_flags(*command, flags);
  command->add_option("--out", state->out, "Folder to write")->required();
  command->add_option("--scale", state->options.scale,
                      "Fraction of the real files' row counts")
      ->capture_default_str()->check(CLI::Range(1e-6, 10.0));
  command->add_option("--seed", state->options.seed, "Random seed")
      ->capture_default_str();
  return {command, [state] { return run_synth_command(*state); }};
}

}  // namespace advad::cli
