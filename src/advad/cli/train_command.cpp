// advad train: one variant trained into a model file that 'advad score'
// and the library load.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include <fmt/format.h>

#include "advad/cli/commands.h"
#include "advad/cli/options.h"
#include "advad/model/atomic_file.h"
#include "advad/model/train_model.h"
#include "advad/nn/runtime.h"

namespace advad::cli {

namespace {

struct TrainCli {
  ExperimentOptions options;
  TrainingCli training;
  std::string out;
  std::string variant = "basic";
  std::string generated_dir;
};

void add_train_options(CLI::App& command, TrainCli& cli) {
  command.add_option("--out", cli.out, "Model file to write")->required();
  command.add_option("--variant", cli.variant,
                     "Variant to train: basic, basic-adv, deep or deep-adv")
      ->capture_default_str();
  command.add_option("--generated-dir", cli.generated_dir,
                     "Folder for generated KUKA-like data when no data "
                     "option is given; default: generated-kuka beside the "
                     "model file");
}

std::string default_generated_dir(const std::string& model_path) {
  std::filesystem::path folder =
      std::filesystem::path(model_path).parent_path();
  return (folder / "generated-kuka").string();
}

void print_summary(const TrainedModel& trained, const std::string& path) {
  ExperimentReport report;
  report.variants = {trained.result};
  std::cout << format_table(report);
  std::cout << fmt::format(
      "model written to {}: {} channels, window {}, stride {}, threshold "
      "{:.6g} ({})\n",
      path, trained.model.schema.channels.size(),
      trained.model.schema.window, trained.model.schema.stride,
      trained.model.threshold, trained.model.threshold_rule);
}

int run_train_command(TrainCli& cli, const GlobalFlags& flags) {
  // Fails before the training when the model file cannot be written.
  check_output_path(cli.out);
  ExperimentOptions& options = cli.options;
  options.inputs.test_required = false;
  VariantSpec spec = parse_variant(cli.variant);
  options.variants = {spec};
  apply_training_cli(cli.training, options.training);
  options.inputs.synth_seed = options.training.seed;
  options.inputs.generated_dir = cli.generated_dir.empty()
                                     ? default_generated_dir(cli.out)
                                     : cli.generated_dir;
  options.progress = !flags.quiet;
  nn::configure_threads(
      static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));

  Progress progress("training",
                    static_cast<std::size_t>(options.training.epochs),
                    options.progress);
  TrainedModel trained = train_model(options, spec, &progress);
  progress.finish();
  save_model(trained.model, cli.out);
  print_summary(trained, cli.out);
  return 0;
}

}  // namespace

Command add_train_command(CLI::App& app, GlobalFlags& flags) {
  auto state = std::make_shared<TrainCli>();
  CLI::App* command = app.add_subcommand(
      "train",
      "Train one variant on normal windows, as the experiment does, and "
      "write a model file with the data schema, the scaler, the network, "
      "the threshold and the training metadata, for 'advad score'. With no "
      "data option, KUKA-like data is generated first.");
  add_global_flags(*command, flags);
  add_data_options(*command, state->options.inputs);
  add_training_options(*command, state->options, state->training);
  add_train_options(*command, *state);
  return {command, [state, &flags] {
            return run_train_command(*state, flags);
          }};
}

}  // namespace advad::cli
