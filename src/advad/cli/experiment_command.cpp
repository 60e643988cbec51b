// advad experiment: the study of the four variants.
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "advad/cli/commands.h"
#include "advad/cli/options.h"
#include "advad/experiment/experiment.h"
#include "advad/experiment/stabilizer_study.h"

namespace advad::cli {

namespace {

struct ExperimentCli {
  ExperimentOptions options;
  TrainingCli training;
  std::vector<std::string> variants;
  std::vector<std::string> study;  // stabilizers compared one by one
  std::string score = "reconstruction";
};

void add_study_options(CLI::App& command, ExperimentCli& cli) {
  ExperimentOptions& o = cli.options;
  command.add_option("--reduction", o.features.reduction,
                     "Feature reduction after scaling: " +
                         describe_reductions())
      ->capture_default_str()->check(CLI::IsMember({"none", "pca", "mi"}));
  add_reduction_options(command, o.features);
  add_window_search_options(command, o);
  command.add_option("--variant", cli.variants,
                     "Variant to run (basic, basic-adv, deep, deep-adv); "
                     "repeatable, all four by default");
  command.add_option("--compare-stabilizers", cli.study,
                     "Run the experiment once per stabilizer named here "
                     "(comma-separated, 'none' included), each in its own "
                     "subfolder of --out, and write stabilizers.md and "
                     "stabilizers.csv comparing them")
      ->delimiter(',');
  command.add_option("--seeds", o.seeds,
                     "Runs per variant with consecutive seeds; with more "
                     "than one, prints mean and deviation per metric and "
                     "a Wilcoxon signed-rank test of each adversarial "
                     "variant against its reconstruction-only twin")
      ->capture_default_str()->check(CLI::Range(1, 1000));
  command.add_option("--score", cli.score,
                     "Window score: reconstruction, discriminator or "
                     "combined (adversarial variants)")
      ->capture_default_str();
  command.add_option("--score-weight", o.score_weight,
                     "Discriminator share of the combined score")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0));
  command.add_option("--jobs", o.jobs,
                     "Variants trained at the same time; 0 means one per "
                     "core")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  command.add_option("--out", o.out, "Folder for the result files")
      ->capture_default_str();
  command.add_flag("--no-plot", [&o](std::int64_t) { o.plot = false; },
                   "Skip comparison.png and comparison.svg");
}

int run_experiment_command(ExperimentCli& cli, const CLI::App& command,
                           const GlobalFlags& flags) {
  ExperimentOptions& options = cli.options;
  if (!cli.variants.empty()) {
    options.variants.clear();
    for (const std::string& name : cli.variants) {
      options.variants.push_back(parse_variant(name));
    }
  }
  if (!cli.study.empty() && command.count("--stabilizer") == 0) {
    // The study compares each stabilizer alone, so the default one stays
    // off unless it is asked for.
    cli.training.stabilizers.clear();
  }
  apply_training_cli(cli.training, options.training);
  options.score = parse_score_source(cli.score);
  options.inputs.synth_seed = options.training.seed;
  options.inputs.generated_dir =
      (std::filesystem::path(options.out) / "generated-kuka").string();
  options.progress = !flags.quiet;
  if (!cli.study.empty()) {
    std::cout << run_stabilizer_study(options, cli.study);
    return 0;
  }
  ExperimentReport report = run_experiment(options);
  std::cout << format_table(report);
  if (!report.summaries.empty()) {
    std::cout << "\n" << format_summary_table(report);
  }
  std::cout << fmt::format("results written to {}\n", options.out);
  return 0;
}

}  // namespace

Command add_experiment_command(CLI::App& app, GlobalFlags& flags) {
  auto state = std::make_shared<ExperimentCli>();
  CLI::App* command = app.add_subcommand(
      "experiment",
      "Train the basic and deep autoencoders, each with and without the "
      "adversarial term, on normal windows and compare them on labelled "
      "test windows. With no data option, KUKA-like data is generated "
      "first.");
  add_global_flags(*command, flags);
  add_data_options(*command, state->options.inputs);
  add_training_options(*command, state->options, state->training);
  add_study_options(*command, *state);
  return {command, [state, command, &flags] {
            return run_experiment_command(*state, *command, flags);
          }};
}

}  // namespace advad::cli
