// advad experiment: the study of the four variants.
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "advad/cli/commands.h"
#include "advad/experiment/experiment.h"
#include "advad/nn/runtime.h"

namespace advad::cli {

namespace {

struct ExperimentCli {
  ExperimentOptions options;
  std::vector<std::string> variants;
  std::string device = "cpu";
};

void add_data_options(CLI::App& command, InputOptions& inputs) {
  command.add_option("--kuka", inputs.kuka_dir,
                     "Folder with KukaColumnNames.npy, KukaNormal.npy and "
                     "KukaSlow.npy")
      ->check(CLI::ExistingDirectory);
  command.add_option("--train", inputs.train_files,
                     "Training file of normal data (.csv/.txt or .npy); "
                     "repeat for several recordings");
  command.add_option("--test", inputs.test_files,
                     "Labelled test file; repeat for several");
  command.add_option("--label-column", inputs.label_column,
                     "Column of 0/1 (or True/False) row labels in test "
                     "files, e.g. 'anomaly'");
  command.add_option("--test-labels", inputs.test_label_files,
                     "Label file for each --test file, in the same order: "
                     "one 0/1 per row, as text or .npy");
  command.add_option("--ignore-column", inputs.ignore_columns,
                     "Column to leave out of the channels (repeatable), "
                     "e.g. 'changepoint'");
  command.add_option("--validation-fraction", inputs.validation_fraction,
                     "Share of each normal training file, taken from its "
                     "end, kept for early stopping and the threshold")
      ->capture_default_str();
  command.add_option("--synth-scale", inputs.synth_scale,
                     "Size of generated KUKA-like data as a fraction of the "
                     "real files, used when no data option is given")
      ->capture_default_str();
  command.add_flag("--action-as-channel", inputs.action_as_channel,
                   "Reconstruct the KUKA 'action' column instead of keeping "
                   "it as context");
}

void add_training_options(CLI::App& command, ExperimentCli& cli) {
  ExperimentOptions& o = cli.options;
  command.add_option("--window", o.window, "Rows per window")
      ->capture_default_str()->check(CLI::Range(1, 100000));
  command.add_option("--stride", o.stride, "Rows between window starts")
      ->capture_default_str()->check(CLI::Range(1, 100000));
  command.add_option("--epochs", o.training.epochs, "Maximum training epochs")
      ->capture_default_str()->check(CLI::Range(1, 100000));
  command.add_option("--batch-size", o.training.batch_size,
                     "Windows per training batch")
      ->capture_default_str()->check(CLI::Range(2, 1 << 20));
  command.add_option("--learning-rate", o.training.learning_rate,
                     "Adam learning rate of the autoencoder")
      ->capture_default_str()->check(CLI::PositiveNumber);
  command.add_option("--patience", o.training.patience,
                     "Epochs without a better validation loss before "
                     "stopping early; 0 disables early stopping")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  command.add_option("--adversarial-weight", o.training.adversarial_weight,
                     "Weight of the fool-the-discriminator term in the "
                     "autoencoder loss of adversarial variants")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  command.add_option("--discriminator-learning-rate",
                     o.training.discriminator_learning_rate,
                     "Adam learning rate of the discriminator")
      ->capture_default_str()->check(CLI::PositiveNumber);
  command.add_option("--threshold-quantile", o.threshold_quantile,
                     "Quantile of normal validation scores used as the "
                     "threshold")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0));
  command.add_option("--scaler", o.scaler, "Scaler: minmax or minmax-clip")
      ->capture_default_str();
  command.add_option("--variant", cli.variants,
                     "Variant to run (basic, basic-adv, deep, deep-adv); "
                     "repeatable, all four by default");
  command.add_option("--seed", o.training.seed,
                     "Seed for data generation, initialization, shuffling "
                     "and dropout")
      ->capture_default_str();
  command.add_option("--jobs", o.jobs,
                     "Variants trained at the same time; 0 means one per "
                     "core")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  command.add_option("--device", cli.device,
                     "cpu, cuda or cuda:N (needs a CUDA build of LibTorch)")
      ->capture_default_str();
  command.add_option("--out", o.out, "Folder for the result files")
      ->capture_default_str();
  command.add_flag("--no-plot", [&o](std::int64_t) { o.plot = false; },
                   "Skip comparison.png and comparison.svg");
}

int run_experiment_command(ExperimentCli& cli, const GlobalFlags& flags) {
  ExperimentOptions& options = cli.options;
  if (!cli.variants.empty()) {
    options.variants.clear();
    for (const std::string& name : cli.variants) {
      options.variants.push_back(parse_variant(name));
    }
  }
  options.training.device = nn::parse_device(cli.device);
  options.inputs.synth_seed = options.training.seed;
  options.inputs.generated_dir =
      (std::filesystem::path(options.out) / "generated-kuka").string();
  options.progress = !flags.quiet;
  ExperimentReport report = run_experiment(options);
  std::cout << format_table(report);
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
  add_training_options(*command, *state);
  return {command, [state, &flags] {
            return run_experiment_command(*state, flags);
          }};
}

}  // namespace advad::cli
