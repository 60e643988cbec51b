// Results of an experiment: the table on the terminal, results.json,
// results.csv.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "advad/eval/metrics.h"
#include "advad/report/statistics.h"

namespace advad {

// One epoch of training, as recorded by the trainer.
struct EpochRecord {
  int epoch = 0;
  double train_loss = 0.0;       // mean reconstruction MSE, training windows
  double validation_loss = 0.0;  // mean reconstruction MSE, validation windows
  double learning_rate = 0.0;    // autoencoder learning rate in this epoch
  // Adversarial variants only; absent for reconstruction-only ones.
  std::optional<double> discriminator_loss;
  // Share of windows the discriminator classified correctly: both kinds
  // together, real windows, and reconstructions (or codes and prior
  // samples for the latent variant).
  std::optional<double> discriminator_accuracy;
  std::optional<double> discriminator_accuracy_real;
  std::optional<double> discriminator_accuracy_fake;
  std::optional<double> adversarial_loss;  // the autoencoder's fooling loss
  std::optional<double> adversarial_weight;  // after any warm-up ramp
  std::optional<double> discriminator_learning_rate;
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
  std::uint64_t seed = 0;
  std::string score_source;  // "reconstruction", "discriminator", ...
  std::vector<EpochRecord> history;
};

// One variant over several seeds: mean and standard deviation of each
// metric, and of the discriminator's accuracy over all training epochs.
struct VariantSummary {
  std::string name;
  std::size_t runs = 0;
  Summary precision;
  Summary recall;
  Summary f1;
  Summary roc_auc;
  Summary pr_auc;
  Summary discriminator_accuracy;
};

// The paired test of an adversarial variant against its
// reconstruction-only twin on one metric, over the same seeds.
struct PairedComparison {
  std::string adversarial;     // e.g. "deep-adv"
  std::string baseline;        // e.g. "deep"
  std::string metric;          // "f1", "roc_auc" or "pr_auc"
  std::optional<double> mean_difference;  // adversarial minus baseline
  WilcoxonResult test;
};

struct ExperimentReport {
  nlohmann::json config;   // options and data summary, written as given
  std::vector<VariantResult> variants;  // every run, all seeds
  std::vector<VariantSummary> summaries;       // with more than one seed
  std::vector<PairedComparison> comparisons;   // with more than one seed
};

// Returns the summaries of `variants`, grouped by name in first-seen
// order.
std::vector<VariantSummary> summarize_variants(
    const std::vector<VariantResult>& variants);

// Returns the paired tests of every "X-adv" variant against "X" on F1,
// ROC-AUC and PR-AUC, pairing runs by seed; seeds where a metric is
// undefined for either run are left out of that metric's test.
std::vector<PairedComparison> compare_adversarial(
    const std::vector<VariantResult>& variants);

// Returns the table of means and standard deviations over seeds, and the
// paired tests with their p-values and what they show.
std::string format_summary_table(const ExperimentReport& report);

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
