// advad sweep: the study once per scaler and feature reduction, with one
// table of the results.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "advad/cli/commands.h"
#include "advad/cli/options.h"
#include "advad/common/error.h"
#include "advad/experiment/experiment.h"
#include "advad/preprocess/feature_pipeline.h"

namespace advad::cli {

namespace {

struct SweepCli {
  ExperimentOptions options;
  TrainingCli training;
  std::vector<std::string> variants;
  std::vector<std::string> scalers = {"minmax"};
  std::vector<std::string> reductions = {"none"};
  FeatureOptions features;  // PCA and mutual-information settings
  bool plot = true;
};

// One row of the sweep table: a variant of one configuration, or the
// error that stopped the configuration.
struct SweepRow {
  std::string scaler;
  std::string reduction;
  std::string variant;
  std::optional<VariantResult> result;
  std::string error;
};

// Sets the feature steps of one configuration on `options`.
// TODO: drop the check once ExperimentOptions has a FeatureOptions
// `features` member. Until then only the scaler reaches the experiment,
// so reductions other than "none" are rejected.
template <typename Options>
void set_features(Options& options, const FeatureOptions& features) {
  if constexpr (requires { options.features; }) {
    options.features = features;
  } else if (features.reduction != "none") {
    throw InputError(fmt::format(
        "reduction '{}' is not available in this build of the experiment; "
        "use --reductions none",
        features.reduction));
  }
  options.scaler = features.scaler;
}

std::string configuration_name(const std::string& scaler,
                               const std::string& reduction) {
  return scaler + "-" + reduction;
}

// Runs one configuration and returns its table rows.
std::vector<SweepRow> run_configuration(const SweepCli& cli,
                                        const std::string& scaler,
                                        const std::string& reduction) {
  ExperimentOptions options = cli.options;
  FeatureOptions features = cli.features;
  features.scaler = scaler;
  features.reduction = reduction;
  options.out = (std::filesystem::path(cli.options.out) /
                 configuration_name(scaler, reduction))
                    .string();
  std::vector<SweepRow> rows;
  try {
    set_features(options, features);
    ExperimentReport report = run_experiment(options);
    for (const VariantResult& result : report.variants) {
      rows.push_back({scaler, reduction, result.name, result, ""});
    }
  } catch (const InputError& error) {
    spdlog::error("{} with {}: {}", scaler, reduction, error.what());
    rows.push_back({scaler, reduction, "", std::nullopt, error.what()});
  }
  return rows;
}

std::string metric_text(const std::optional<double>& value) {
  return value ? fmt::format("{:.4f}", *value) : std::string("-");
}

std::string csv_metric(const std::optional<double>& value) {
  return value ? fmt::format("{}", *value) : std::string();
}

// Returns the error text as one CSV field.
std::string csv_text(const std::string& text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') {
      quoted += "\"\"";
    } else {
      quoted += c == '\n' ? ' ' : c;
    }
  }
  return quoted + "\"";
}

std::string format_sweep_table(const std::vector<SweepRow>& rows) {
  std::string text = fmt::format(
      "{:<18} {:<9} {:<10} {:>9} {:>9} {:>9} {:>9} {:>9}\n", "scaler",
      "reduction", "variant", "precision", "recall", "f1", "roc_auc",
      "pr_auc");
  for (const SweepRow& row : rows) {
    if (!row.result) {
      text += fmt::format("{:<18} {:<9} failed: {}\n", row.scaler,
                          row.reduction, row.error);
      continue;
    }
    const DetectionMetrics& m = row.result->metrics;
    text += fmt::format(
        "{:<18} {:<9} {:<10} {:>9} {:>9} {:>9} {:>9} {:>9}\n", row.scaler,
        row.reduction, row.variant, metric_text(m.precision),
        metric_text(m.recall), metric_text(m.f1), metric_text(m.roc_auc),
        metric_text(m.pr_auc));
  }
  return text;
}

void write_sweep_csv(const std::string& path,
                     const std::vector<SweepRow>& rows) {
  std::ofstream out(path);
  out << "scaler,reduction,variant,seed,precision,recall,f1,roc_auc,pr_auc,"
         "threshold,error\n";
  for (const SweepRow& row : rows) {
    if (!row.result) {
      out << fmt::format("{},{},,,,,,,,,{}\n", row.scaler, row.reduction,
                         csv_text(row.error));
      continue;
    }
    const VariantResult& r = *row.result;
    out << fmt::format("{},{},{},{},{},{},{},{},{},{},\n", row.scaler,
                       row.reduction, row.variant, r.seed,
                       csv_metric(r.metrics.precision),
                       csv_metric(r.metrics.recall),
                       csv_metric(r.metrics.f1),
                       csv_metric(r.metrics.roc_auc),
                       csv_metric(r.metrics.pr_auc), r.threshold);
  }
  if (!out.flush()) {
    throw InputError(fmt::format("{}: cannot write the sweep table", path));
  }
}

// Checks every scaler and reduction before the first run starts.
void check_sweep(const SweepCli& cli) {
  for (const std::string& scaler : cli.scalers) {
    for (const std::string& reduction : cli.reductions) {
      FeatureOptions features = cli.features;
      features.scaler = scaler;
      features.reduction = reduction;
      check_feature_options(features);
    }
  }
}

int run_sweep_command(SweepCli& cli, const CLI::App& command,
                      const GlobalFlags& flags) {
  if (command.count("--scaler") > 0) {
    throw InputError("sweep compares the scalers given by --scalers; "
                     "replace --scaler by --scalers");
  }
  ExperimentOptions& options = cli.options;
  if (!cli.variants.empty()) {
    options.variants.clear();
    for (const std::string& name : cli.variants) {
      options.variants.push_back(parse_variant(name));
    }
  }
  apply_training_cli(cli.training, options.training);
  options.inputs.synth_seed = options.training.seed;
  options.inputs.generated_dir =
      (std::filesystem::path(options.out) / "generated-kuka").string();
  options.progress = !flags.quiet;
  options.plot = cli.plot;
  check_sweep(cli);

  std::vector<SweepRow> rows;
  for (const std::string& scaler : cli.scalers) {
    for (const std::string& reduction : cli.reductions) {
      spdlog::info("sweep: {} with reduction {}", scaler, reduction);
      std::vector<SweepRow> part = run_configuration(cli, scaler, reduction);
      rows.insert(rows.end(), part.begin(), part.end());
    }
  }
  std::filesystem::create_directories(options.out);
  std::string csv = (std::filesystem::path(options.out) / "sweep.csv").string();
  write_sweep_csv(csv, rows);
  std::cout << format_sweep_table(rows);
  std::cout << fmt::format("sweep table written to {}\n", csv);
  bool any_succeeded = std::any_of(rows.begin(), rows.end(),
                                   [](const SweepRow& r) { return r.result; });
  if (!any_succeeded) {
    throw InputError("every configuration of the sweep failed; see the "
                     "errors above");
  }
  return 0;
}

void add_feature_options(CLI::App& command, SweepCli& cli) {
  command.add_option("--scalers", cli.scalers,
                     "Comma-separated scalers to compare:\n" +
                         describe_scalers())
      ->delimiter(',')->capture_default_str();
  command.add_option("--reductions", cli.reductions,
                     "Comma-separated feature reductions: none; pca "
                     "(windows projected on the principal components of "
                     "the training windows); mi (channels ranked by mutual "
                     "information with the labels of a labelled split of "
                     "the test data: it needs labelled anomalies, which "
                     "unsupervised data does not have)")
      ->delimiter(',')->capture_default_str();
  FeatureOptions& f = cli.features;
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
                     "Share of each test file, from its end, set apart as "
                     "the labelled split that mi ranks channels on; those "
                     "rows leave the test set")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0));
}

}  // namespace

Command add_sweep_command(CLI::App& app, GlobalFlags& flags) {
  auto state = std::make_shared<SweepCli>();
  CLI::App* command = app.add_subcommand(
      "sweep",
      "Run the experiment once per scaler and feature reduction, each in "
      "its own subfolder of --out, and write one table (sweep.csv) "
      "comparing them.");
  add_global_flags(*command, flags);
  add_data_options(*command, state->options.inputs);
  add_training_options(*command, state->options, state->training);
  // --scalers replaces the shared --scaler, which stays only to point
  // users to it.
  command->get_option("--scaler")->group("");
  add_feature_options(*command, *state);
  command->add_option("--variant", state->variants,
                      "Variant to run (basic, basic-adv, deep, deep-adv); "
                      "repeatable, all four by default");
  command->add_option("--jobs", state->options.jobs,
                      "Variants trained at the same time; 0 means one per "
                      "core")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  command->add_option("--out", state->options.out,
                      "Folder for sweep.csv and one subfolder per "
                      "configuration")
      ->capture_default_str();
  command->add_flag("--no-plot", [state](std::int64_t) { state->plot = false; },
                    "Skip the comparison figures of each configuration");
  return {command, [state, command, &flags] {
            return run_sweep_command(*state, *command, flags);
          }};
}

}  // namespace advad::cli
