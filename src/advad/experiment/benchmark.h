// advad benchmark: detectors compared over public data sets, each with
// its own protocol, with honest thresholds, time-series metrics and the
// random and PCA baselines beside the autoencoders.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "advad/eval/benchmark_report.h"
#include "advad/eval/point_scores.h"
#include "advad/eval/threshold_spec.h"
#include "advad/io/experiment_data.h"
#include "advad/nn/training.h"

namespace advad {

// One file of a data set: a model is fitted on its normal part and
// scored on its labelled test part.
struct BenchmarkTask {
  std::string name;     // e.g. "valve1/3.csv" or "machine-1-2"
  ExperimentData data;  // normal train and validation, labelled test
};

struct BenchmarkDataset {
  std::string name;      // "SKAB" or "SMD"
  std::string protocol;  // how train, validation and test were cut
  std::optional<double> sampling_period_seconds;
  std::vector<BenchmarkTask> tasks;
};

// Loads SKAB with its own protocol: every labelled .csv file in the
// sub-folders of `folder` (anomaly-free.csv has no labels and is left
// out), in path order. Per file, the first `fit_rows` rows are normal
// data (the last `validation_fraction` of them validate, the rest
// trains) and the remaining rows are the test part. Rows are 1 s apart.
// Throws InputError when the folder has no labelled file or a file has
// no more than `fit_rows` rows.
BenchmarkDataset load_skab(const std::string& folder, std::size_t fit_rows,
                           double validation_fraction);

// Loads the Server Machine Dataset for each machine NAME, or for every
// NAME_train.npy in `folder` when `machines` is empty. NAME_train.npy is
// normal data, split in time order into training and the last
// `validation_fraction` for validation. NAME_test.npy with
// NAME_test_label.npy is the test part. Rows are 60 s apart.
BenchmarkDataset load_smd(const std::string& folder,
                          const std::vector<std::string>& machines,
                          double validation_fraction);

// Detector names: "basic", "basic-adv", "deep", "deep-adv", "random"
// and "pca".
std::vector<std::string> benchmark_detectors();

struct BenchmarkOptions {
  std::string skab_dir;  // empty: no SKAB
  std::size_t skab_fit_rows = 400;
  std::string smd_dir;   // empty: no SMD
  std::vector<std::string> smd_machines;  // empty: every machine found
  // Detectors to run, by name; all of benchmark_detectors() by default.
  std::vector<std::string> detectors = benchmark_detectors();
  // Seeds of the autoencoders and the random baseline, each run once per
  // seed; PCA is deterministic and runs once.
  std::vector<std::uint64_t> seeds = {0};
  std::size_t window = 5;
  std::size_t stride = 1;  // at most `window`, so every test row is scored
  std::string scaler = "minmax";  // fitted on each file's training part
  // Share of each file's normal rows, from their end, that validates
  // (early stopping and the threshold rules' normal scores).
  double validation_fraction = 0.2;
  std::vector<ThresholdSpec> thresholds = {ThresholdSpec{}};
  PointAggregation aggregation = PointAggregation::kMax;
  // Largest VUS buffer; 0 uses the window length.
  std::size_t vus_max_buffer = 0;
  // Share of each file's scored test rows, from their start, held out as
  // the labelled validation split of best-f1 and left out of every
  // rule's evaluation; 0 means none (best-f1 then cannot run).
  double labelled_fraction = 0.0;
  nn::TrainOptions training;  // seed is replaced by each of `seeds`
  std::string out = "benchmark";
  bool progress = true;
};

// Loads the data sets, runs every detector with every seed on every file,
// applies every threshold rule, writes benchmark.json and benchmark.csv
// into `options.out` and returns the report. Throws InputError for
// invalid options or input.
BenchmarkReport run_benchmark(const BenchmarkOptions& options);

}  // namespace advad
