// The study: four autoencoder variants trained on normal windows and
// compared on a labelled test set.
#pragma once

#include <string>
#include <vector>

#include "advad/data/window.h"
#include "advad/io/experiment_data.h"
#include "advad/nn/training.h"
#include "advad/preprocess/feature_pipeline.h"
#include "advad/preprocess/scaler.h"
#include "advad/preprocess/window_search.h"
#include "advad/report/progress.h"
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

// What a window's anomaly score is made of.
enum class ScoreSource {
  kReconstruction,  // mean squared reconstruction error
  // How unlike a real window the discriminator finds it (adversarial
  // variants; reconstruction-only ones fall back to reconstruction).
  kDiscriminator,
  // (1 - w) z_reconstruction + w z_discriminator, each standardized with
  // the mean and deviation of the normal validation scores.
  kCombined,
};

std::string to_string(ScoreSource source);

// Parses "reconstruction", "discriminator" or "combined".
ScoreSource parse_score_source(const std::string& name);

struct ExperimentOptions {
  InputOptions inputs;
  std::vector<VariantSpec> variants = all_variants();
  std::size_t window = 5;
  std::size_t stride = 1;
  // The scaler and the optional reduction (PCA or mutual information).
  FeatureOptions features;
  // Window lengths to choose `window` from, by `window_criterion` measured
  // on a labelled split of the test data (features.labelled_fraction),
  // which then leaves the test set; empty keeps `window`.
  std::vector<std::size_t> window_candidates;
  WindowCriterion window_criterion = WindowCriterion::kRocAuc;
  // The threshold is this quantile of the scores of normal validation
  // windows.
  double threshold_quantile = 0.99;
  nn::TrainOptions training;
  // Runs of every variant with seeds training.seed, training.seed + 1,
  // ...; with more than one, the report gives means, deviations and the
  // paired tests. Generated data always uses training.seed.
  int seeds = 1;
  ScoreSource score = ScoreSource::kReconstruction;
  double score_weight = 0.5;  // discriminator share of the combined score
  // Variants trained at the same time; 0 uses one per core.
  int jobs = 0;
  std::string out = "results";
  bool progress = true;
  bool plot = true;
};

// The three parts of the data after scaling.
struct PreparedData {
  ExperimentData data;
  std::unique_ptr<Scaler> scaler;  // fitted on the training part
  std::vector<std::string> constant_channels;
  // The fitted feature steps; for "mi", data.test has lost the labelled
  // split that ranked the channels.
  std::shared_ptr<FeaturePipeline> features;
  // For "pca" only, filled by make_windows(): one row per window of
  // `data`, holding the window's scaled projections.
  ExperimentData projected;
  // The labelled split of the test data, with the feature steps applied,
  // when mutual information or the window search needs it; 0 rows
  // otherwise.
  Dataset labelled;
};

// Loads the inputs, checks that every value is finite, fits the feature
// steps on the training part (mutual information on a labelled split of
// the test part) and applies them to all three parts.
PreparedData prepare_data(const ExperimentOptions& options);

// Windows of the three parts. Training and validation keep normal windows
// only; the test windows keep their labels.
struct Windows {
  WindowSet train;
  WindowSet validation;
  WindowSet test;
};

// Cuts the windows; throws InputError when no training or test window
// fits.
Windows make_windows(const ExperimentData& data, WindowOptions options);

// Cuts the windows of prepared data. With the "pca" reduction, fits PCA
// on the training windows and returns windows of one row over
// `prepared.projected`, so `prepared` must stay in place while the windows
// are used.
Windows make_windows(PreparedData& prepared, WindowOptions options);

// A trained variant with its evaluation.
struct TrainedVariant {
  VariantResult result;
  nn::TrainingResult training;
  std::vector<double> test_scores;  // one per test window
};

// Trains one variant and evaluates it on the test windows with the
// threshold from normal validation windows. `progress` may be null.
TrainedVariant train_and_evaluate(const VariantSpec& spec,
                                  const Windows& windows,
                                  const ExperimentOptions& options,
                                  Progress* progress);

// Trains the basic autoencoder once per length of
// `options.window_candidates` on the normal training windows and returns
// the search over the windows of `prepared.labelled`. Throws InputError
// when the split lacks normal or anomalous windows.
WindowSearchResult search_window(const PreparedData& prepared,
                                 const ExperimentOptions& options);

// Loads the data, trains and evaluates every variant (in parallel), writes
// results.json, results.csv, comparison.png and comparison.svg into
// `options.out`, and returns the report.
ExperimentReport run_experiment(const ExperimentOptions& options);

}  // namespace advad
