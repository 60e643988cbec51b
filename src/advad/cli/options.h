// Command-line options shared by the commands that read data and train:
// experiment, train, sweep, inspect and benchmark.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "advad/experiment/experiment.h"

namespace advad::cli {

// Options that are parsed as text and converted after the command line.
struct TrainingCli {
  std::string device = "cpu";
  // The default is the stabilizer that did best in the stabilizer study
  // on generated KUKA-like data and SKAB (see the README).
  std::vector<std::string> stabilizers = {"warmup"};
};

// Adds the options that set how files are read: --delimiter,
// --decimal-comma, --timestamp-column, --missing, --time-policy, --max-gap
// and --float64.
void add_reading_options(CLI::App& command, InputOptions& inputs);

// Adds the data options: --kuka, --train, --test, --label-column,
// --test-labels, --ignore-column, --validation-fraction, --synth-scale,
// --action-as-channel and the reading options.
void add_data_options(CLI::App& command, InputOptions& inputs);

// Adds the options of network training: --epochs, --batch-size,
// --learning-rate, --patience and --device.
void add_network_options(CLI::App& command, nn::TrainOptions& training,
                         std::string& device);

// Adds the options of adversarial training: --adversarial-weight,
// --discriminator-learning-rate, --stabilizer, --discriminator-steps,
// --autoencoder-steps, --real-label, --gradient-penalty and
// --warmup-epochs.
void add_adversarial_options(CLI::App& command, nn::AdversarialOptions& a,
                             std::vector<std::string>& stabilizers);

// Adds --window, --stride, --threshold-quantile, --scaler, --seed, the
// network options and the adversarial options.
void add_training_options(CLI::App& command, ExperimentOptions& options,
                          TrainingCli& cli);

// Adds the settings of the scalers and reductions: --quantiles,
// --pca-variance, --pca-components, --mi-channels, --mi-fraction and
// --labelled-fraction.
void add_reduction_options(CLI::App& command, FeatureOptions& features);

// Adds --window-search and --window-criterion.
void add_window_search_options(CLI::App& command, ExperimentOptions& options);

// Describes the reductions none, pca and mi for help texts.
std::string describe_reductions();

// Converts the text options of `cli` into `training`: parses the device
// and switches on the stabilizers. Throws InputError for an unknown one.
void apply_training_cli(const TrainingCli& cli, nn::TrainOptions& training);

}  // namespace advad::cli
