// advad benchmark: detectors compared over SKAB and SMD with their own
// protocols.
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "advad/cli/commands.h"
#include "advad/cli/options.h"
#include "advad/experiment/benchmark.h"

namespace advad::cli {

namespace {

struct BenchmarkCli {
  BenchmarkOptions options;
  TrainingCli training;
  std::vector<std::string> thresholds = {"quantile:0.99"};
  std::string aggregation = "max";
};

void add_benchmark_data_options(CLI::App& command, BenchmarkOptions& o) {
  command.add_option("--skab", o.skab_dir,
                     "SKAB folder (with valve1, valve2, other); each file "
                     "is fitted on its first rows and scored on the rest")
      ->check(CLI::ExistingDirectory);
  command.add_option("--skab-fit-rows", o.skab_fit_rows,
                     "Normal rows at the start of each SKAB file to fit on")
      ->capture_default_str()->check(CLI::Range(2, 1000000));
  command.add_option("--smd", o.smd_dir,
                     "Server Machine Dataset folder with NAME_train.npy, "
                     "NAME_test.npy and NAME_test_label.npy")
      ->check(CLI::ExistingDirectory);
  command.add_option("--machine", o.smd_machines,
                     "SMD machine to run, e.g. machine-1-2 (repeatable); "
                     "every machine in --smd by default");
  command.add_option("--validation-fraction", o.validation_fraction,
                     "Share of each file's normal rows, from their end, "
                     "kept for early stopping and the threshold rules")
      ->capture_default_str()->check(CLI::Range(0.0, 0.95));
}

void add_detector_options(CLI::App& command, BenchmarkCli& cli) {
  BenchmarkOptions& o = cli.options;
  command.add_option("--detector", o.detectors,
                     "Detector to run (basic, basic-adv, deep, deep-adv, "
                     "random, pca); repeatable, all six by default");
  command.add_option("--seed", o.seeds,
                     "Seed of the autoencoders and the random baseline; "
                     "repeatable, each seed is one run")
      ->capture_default_str();
  command.add_option("--window", o.window, "Rows per window")
      ->capture_default_str()->check(CLI::Range(1, 100000));
  command.add_option("--stride", o.stride,
                     "Rows between window starts; at most --window")
      ->capture_default_str()->check(CLI::Range(1, 100000));
  add_network_options(command, o.training, cli.training.device);
  add_adversarial_options(command, o.training.adversary,
                          cli.training.stabilizers);
}

void add_evaluation_options(CLI::App& command, BenchmarkCli& cli) {
  BenchmarkOptions& o = cli.options;
  command.add_option(
      "--threshold", cli.thresholds,
      "Threshold rule (repeatable): quantile[:LEVEL] of normal validation "
      "scores, pot[:LEVEL[:RISK]] or spot[:LEVEL[:RISK]] (peaks over "
      "threshold, static or streaming), best-f1 (on the labelled split of "
      "--labelled-fraction) or fixed:VALUE")
      ->capture_default_str();
  command.add_option("--labelled-fraction", o.labelled_fraction,
                     "Share of each file's scored test rows, from their "
                     "start, held out as the labelled split of best-f1 and "
                     "left out of every rule's evaluation")
      ->capture_default_str()->check(CLI::Range(0.0, 0.9));
  command.add_option("--point-score", cli.aggregation,
                     "How a row's score combines the windows that cover "
                     "it: max or mean")
      ->capture_default_str();
  command.add_option("--vus-max-buffer", o.vus_max_buffer,
                     "Largest VUS buffer in rows; 0 uses --window")
      ->capture_default_str()->check(CLI::Range(0, 100000));
  command.add_option("--out", o.out,
                     "Folder for benchmark.json and benchmark.csv")
      ->capture_default_str();
}

int run_benchmark_command(BenchmarkCli& cli, const GlobalFlags& flags) {
  BenchmarkOptions& options = cli.options;
  options.thresholds.clear();
  for (const std::string& text : cli.thresholds) {
    options.thresholds.push_back(parse_threshold_spec(text));
  }
  options.aggregation = parse_point_aggregation(cli.aggregation);
  apply_training_cli(cli.training, options.training);
  options.progress = !flags.quiet;
  const BenchmarkReport report = run_benchmark(options);
  std::cout << format_benchmark_table(report);
  std::cout << fmt::format("results written to {}\n", options.out);
  return 0;
}

}  // namespace

Command add_benchmark_command(CLI::App& app, GlobalFlags& flags) {
  auto state = std::make_shared<BenchmarkCli>();
  state->options.training.epochs = 10;
  CLI::App* command = app.add_subcommand(
      "benchmark",
      "Compare the autoencoders with random scores and PCA on SKAB and SMD "
      "with each data set's protocol: thresholds from normal data or a "
      "labelled validation split, never from test labels; point-wise, "
      "point-adjusted, PA%K, event-wise and VUS metrics; counts summed "
      "over files.");
  add_global_flags(*command, flags);
  add_benchmark_data_options(*command, state->options);
  add_detector_options(*command, *state);
  add_evaluation_options(*command, *state);
  return {command, [state, &flags] {
            return run_benchmark_command(*state, flags);
          }};
}

}  // namespace advad::cli
