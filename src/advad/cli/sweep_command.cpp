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
    options.features = features;
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
                     "Comma-separated feature reductions: " +
                         describe_reductions())
      ->delimiter(',')->capture_default_str();
  add_reduction_options(command, cli.features);
  add_window_search_options(command, cli.options);
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
