// The study: four autoencoder variants trained on normal windows and
// compared on a labelled test set.
#pragma once

#include <string>
#include <vector>

#include "advad/experiment/inputs.h"
#include "advad/nn/training.h"
#include "advad/report/report.h"

namespace advad {

// One variant of the study: an architecture, with or without the
// adversarial term.
struct VariantSpec {
  nn::Architecture architecture = nn::Architecture::kBasic;
  bool adversarial = false;

  // "basic", "basic-adv", "deep" or "deep-adv".
  std::string name() const;
};

// The four variants in table order.
std::vector<VariantSpec> all_variants();

// Parses a variant name; throws InputError listing the valid names.
VariantSpec parse_variant(const std::string& name);

struct ExperimentOptions {
  InputOptions inputs;
  std::vector<VariantSpec> variants = all_variants();
  std::size_t window = 5;
  std::size_t stride = 1;
  std::string scaler = "minmax";
  // The threshold is this quantile of the scores of normal validation
  // windows.
  double threshold_quantile = 0.99;
  nn::TrainOptions training;
  // Variants trained at the same time; 0 uses one per core.
  int jobs = 0;
  std::string out = "results";
  bool progress = true;
  bool plot = true;
};

// Loads the data, trains and evaluates every variant (in parallel), writes
// results.json, results.csv, comparison.png and comparison.svg into
// `options.out`, and returns the report.
ExperimentReport run_experiment(const ExperimentOptions& options);

}  // namespace advad
