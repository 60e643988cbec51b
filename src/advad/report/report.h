// Results of an experiment: the table on the terminal, results.json,
// results.csv.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "advad/eval/metrics.h"

namespace advad {

// One epoch of training, as recorded by the trainer.
struct EpochRecord {
  int epoch = 0;
  double train_loss = 0.0;       // mean reconstruction MSE, training windows
  double validation_loss = 0.0;  // mean reconstruction MSE, validation windows
  // Adversarial variants only; NaN-free: absent for reconstruction-only.
  std::optional<double> discriminator_loss;
  std::optional<double> discriminator_accuracy;
  std::optional<double> adversarial_loss;
  double seconds = 0.0;
};

// The outcome of training and evaluating one variant.
struct VariantResult {
  std::string name;          // "basic", "basic-adv", "deep", "deep-adv"
  std::string architecture;  // "basic" or "deep"
  bool adversarial = false;
  DetectionMetrics metrics;
  double threshold = 0.0;
  std::string threshold_rule;  // e.g. "quantile 0.99 of validation scores"
  int epochs_run = 0;
  int best_epoch = 0;
  double train_seconds = 0.0;
  std::vector<EpochRecord> history;
};

struct ExperimentReport {
  nlohmann::json config;   // options and data summary, written as given
  std::vector<VariantResult> variants;
};

// Returns the fixed-width table that the program prints, one row per
// variant: precision, recall, F1, ROC-AUC and PR-AUC with 3 decimals,
// the threshold with 4 significant digits, epochs run and training
// seconds. Undefined metrics print "n/a".
std::string format_table(const ExperimentReport& report);

// Serializes the whole report, with confusion counts and per-epoch
// history. Undefined metrics and non-finite numbers become JSON null.
nlohmann::json to_json(const ExperimentReport& report);

// Returns results.csv: a header row, then one row per variant with its
// metrics, threshold, confusion counts and training summary. Undefined
// metrics and non-finite numbers are empty cells; text cells are quoted
// as RFC 4180 requires.
std::string format_csv(const ExperimentReport& report);

// Writes results.json (2-space indent) and results.csv into `folder`,
// creating it when missing. Each file is written to a temporary file in
// `folder`, synced and then renamed over the target, so a reader never
// sees a partial file. Throws std::runtime_error naming the path on
// failure.
void write_results(const std::string& folder, const ExperimentReport& report);

}  // namespace advad
