#include "advad/cli/options.h"

#include "advad/common/error.h"
#include "advad/data/series_checks.h"
#include "advad/io/delimited.h"

#include "advad/nn/runtime.h"
#include "advad/preprocess/scaler.h"

namespace advad::cli {

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
  add_reading_options(command, inputs);
}

void add_reading_options(CLI::App& command, InputOptions& inputs) {
  command
      .add_option_function<std::string>(
          "--delimiter",
          [&inputs](const std::string& text) {
            try {
              inputs.delimiter = parse_delimiter(text);
            } catch (const InputError& error) {
              throw CLI::ValidationError("--delimiter", error.what());
            }
          },
          "Field separator of text files: one character, or 'tab'; "
          "detected from the header line by default")
      ->type_name("CHAR");
  command.add_flag("--decimal-comma", inputs.decimal_comma,
                   "Read '1,5' as 1.5 in text files (needs a delimiter "
                   "other than ',')");
  command.add_option("--timestamp-column", inputs.timestamp_column,
                     "Column of timestamps (YYYY-MM-DD hh:mm:ss[.fff], "
                     "YYYY-MM-DDThh:mm:ss[.fff][Z] or seconds); by default a "
                     "column named datetime, timestamp, time or date");
  command
      .add_option_function<std::string>(
          "--missing",
          [&inputs](const std::string& name) {
            inputs.checks.missing = parse_missing_policy(name);
          },
          "Policy for empty cells, NaN and infinity: reject (default), "
          "drop (drop the row and split the series there) or "
          "interpolate (linear, within each segment)")
      ->check(CLI::IsMember({"reject", "drop", "interpolate"}));
  command
      .add_option_function<std::string>(
          "--time-policy",
          [&inputs](const std::string& name) {
            inputs.checks.time_policy = parse_time_policy(name);
          },
          "At repeated timestamps, steps backwards and gaps: split the "
          "series there (default) or reject the file")
      ->check(CLI::IsMember({"split", "reject"}));
  command
      .add_option_function<double>(
          "--max-gap",
          [&inputs](double seconds) {
            inputs.checks.max_gap_seconds = seconds;
          },
          "Longest step between timestamps inside a segment, in seconds; "
          "default 10 times the median step")
      ->check(CLI::PositiveNumber);
  command.add_flag("--float64", inputs.float64,
                   "Read values in double precision, so that values beyond "
                   "the float32 range (3.4e38) are no error");
}

void add_network_options(CLI::App& command, nn::TrainOptions& training,
                         std::string& device) {
  command.add_option("--epochs", training.epochs, "Maximum training epochs")
      ->capture_default_str()->check(CLI::Range(1, 100000));
  command.add_option("--batch-size", training.batch_size,
                     "Windows per training batch")
      ->capture_default_str()->check(CLI::Range(2, 1 << 20));
  command.add_option("--learning-rate", training.learning_rate,
                     "Adam learning rate of the autoencoder")
      ->capture_default_str()->check(CLI::PositiveNumber);
  command.add_option("--patience", training.patience,
                     "Epochs without a better validation loss before "
                     "stopping early; 0 disables early stopping")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  command.add_option("--device", device,
                     "cpu, cuda or cuda:N (needs a CUDA build of LibTorch)")
      ->capture_default_str();
}

void add_adversarial_options(CLI::App& command, nn::AdversarialOptions& a,
                             std::vector<std::string>& stabilizers) {
  command.add_option("--adversarial-weight", a.weight,
                     "Weight of the fool-the-discriminator term in the "
                     "autoencoder loss of adversarial variants")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  command.add_option("--discriminator-learning-rate", a.learning_rate,
                     "Adam learning rate of the discriminator")
      ->capture_default_str()->check(CLI::PositiveNumber);
  command.add_option("--stabilizer", stabilizers,
                     "Adversarial stabilizer to switch on (repeatable): "
                     "none, k-steps, smoothing, wgan-gp, spectral-norm, "
                     "ttur, batch-norm, warmup, latent. The default, "
                     "warmup, did best in the stabilizer study; none "
                     "trains without any")
      ->capture_default_str();
  command.add_option("--discriminator-steps", a.discriminator_steps,
                     "Discriminator updates per batch")
      ->capture_default_str()->check(CLI::Range(1, 100));
  command.add_option("--autoencoder-steps", a.autoencoder_steps,
                     "Autoencoder updates per batch in adversarial training")
      ->capture_default_str()->check(CLI::Range(1, 100));
  command.add_option("--real-label", a.real_label,
                     "Target of real windows for the discriminator; below 1 "
                     "is one-sided label smoothing")
      ->capture_default_str()->check(CLI::Range(0.5, 1.0));
  command.add_option("--gradient-penalty", a.gradient_penalty,
                     "Gradient penalty coefficient of the WGAN-GP critic")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  command.add_option("--warmup-epochs", a.warmup_epochs,
                     "Epochs over which the adversarial weight ramps up "
                     "from 0; 0 here lets the warmup stabilizer set 10")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
}

void add_training_options(CLI::App& command, ExperimentOptions& o,
                          TrainingCli& cli) {
  command.add_option("--window", o.window, "Rows per window")
      ->capture_default_str()->check(CLI::Range(1, 100000));
  command.add_option("--stride", o.stride, "Rows between window starts")
      ->capture_default_str()->check(CLI::Range(1, 100000));
  add_network_options(command, o.training, cli.device);
  command.add_option("--threshold-quantile", o.threshold_quantile,
                     "Quantile of normal validation scores used as the "
                     "threshold")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0));
  command.add_option("--scaler", o.features.scaler,
                     "Scaler fitted on the training rows:\n" +
                         describe_scalers())
      ->capture_default_str();
  command.add_option("--seed", o.training.seed,
                     "Seed for data generation, initialization, shuffling "
                     "and dropout")
      ->capture_default_str();
  add_adversarial_options(command, o.training.adversary, cli.stabilizers);
}

void add_reduction_options(CLI::App& command, FeatureOptions& f) {
  command.add_option("--quantiles", f.scaler_options.quantiles,
                     "Quantiles estimated by the quantile scalers")
      ->capture_default_str()->check(CLI::Range(1, 1000000));
  command.add_option("--pca-variance", f.pca.variance_fraction,
                     "pca keeps the fewest components explaining more than "
                     "this share of the variance of the training windows")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0));
  command.add_option("--pca-components", f.pca.components,
                     "pca keeps exactly this many components; 0 uses "
                     "--pca-variance")
      ->capture_default_str();
  command.add_option("--mi-channels", f.mi_channels,
                     "mi keeps this many channels; 0 uses --mi-fraction")
      ->capture_default_str();
  command.add_option("--mi-fraction", f.mi_fraction,
                     "mi keeps this share of the channels, rounded up")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0));
  command.add_option("--labelled-fraction", f.labelled_fraction,
                     "Share of each test segment, from its end, set apart "
                     "as the labelled split that mi ranks channels on; "
                     "those rows leave the test set")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0));
}

void add_window_search_options(CLI::App& command, ExperimentOptions& o) {
  command
      .add_option_function<std::string>(
          "--window-search",
          [&o](const std::string& text) {
            const WindowChoice choice = parse_window_choice(text);
            o.window_candidates =
                choice.automatic ? automatic_window_candidates(100)
                                 : choice.lengths;
          },
          "Choose --window among these lengths ('auto' for 1, 2, 5, 10, "
          "20, 50, 100, or a list such as 5,10,20) by --window-criterion "
          "of the basic autoencoder on a labelled split of the test data "
          "(--labelled-fraction), which then leaves the test set. "
          "Reconstruction errors of different lengths are not comparable, "
          "so the choice needs labels")
      ->type_name("LIST");
  command
      .add_option_function<std::string>(
          "--window-criterion",
          [&o](const std::string& name) {
            o.window_criterion = parse_window_criterion(name);
          },
          "What the window search maximizes: roc-auc (default) or best-f1")
      ->check(CLI::IsMember({"roc-auc", "best-f1"}));
}

std::string describe_reductions() {
  return "none; pca (each window replaced by its projections on the "
         "principal components of the training windows); mi (the channels "
         "with the highest mutual information with the labels of a "
         "labelled split of the test data: it needs labelled anomalies, "
         "which unsupervised data does not have)";
}

void apply_training_cli(const TrainingCli& cli, nn::TrainOptions& training) {
  training.device = nn::parse_device(cli.device);
  for (const std::string& name : cli.stabilizers) {
    nn::apply_stabilizer(name, training.adversary);
  }
}

}  // namespace advad::cli
