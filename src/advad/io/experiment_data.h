// The data of an experiment: training, validation and test sets from a
// KUKA folder, from generated KUKA-like data, or from files.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "advad/data/dataset.h"
#include "advad/data/input_report.h"
#include "advad/data/series_checks.h"
#include "advad/io/delimited.h"

namespace advad {

struct InputOptions {
  // A folder in the KUKA layout. Empty, with no train files either: KUKA-
  // like data is generated into `generated_dir` first.
  std::string kuka_dir;
  std::string generated_dir;
  double synth_scale = 0.1;
  std::uint64_t synth_seed = 0;
  bool action_as_channel = false;

  // Files (.csv/.txt/.tsv read as delimited text, .npy as a matrix).
  // Training files hold normal data; rows labelled anomalous are kept out
  // of training windows.
  std::vector<std::string> train_files;
  std::vector<std::string> test_files;
  // Whether --train needs --test files. A model trained for deployment
  // may be trained on normal data alone; its test part is then empty.
  bool test_required = true;
  std::string label_column;                   // per-row 0/1 in test files
  std::vector<std::string> test_label_files;  // one per test file
  std::vector<std::string> ignore_columns;

  // Reading of the training and test files (see DelimitedOptions).
  std::optional<char> delimiter;  // std::nullopt: detected from the header
  bool decimal_comma = false;
  std::string timestamp_column;  // empty: a column named like a timestamp
  SeriesCheckOptions checks;     // missing values and timestamps
  // Keeps the values in double precision (Dataset::values64) so that
  // values beyond float32 range are no error; text and .npy files only.
  bool float64 = false;

  // Fractions of each normal training segment, taken from its end in time
  // order: the validation part (early stopping and threshold) and, for
  // KUKA data only, a held-out normal part added to the test set.
  double validation_fraction = 0.2;
  double test_normal_fraction = 0.2;
};

// Normal training rows, normal validation rows and labelled test rows,
// with the same channels in the same order.
struct ExperimentData {
  Dataset train;
  Dataset validation;
  Dataset test;
  std::string description;  // where the data came from, for the report
};

// Loads and splits the inputs. Throws InputError for unusable input.
ExperimentData load_experiment_data(const InputOptions& options);

// Reads one file as a data set: delimited text, or a .npy matrix whose
// channels are named "ch1" ... "chN" (1-based, as SMD's interpretation
// labels count them). Labels from `label_file` (see read_labels()), when
// not empty, replace those of a label column. They need one value per row
// of the file. They are attached before check_series() runs with
// options.checks, so that dropped rows drop their labels too. For .npy
// files only options.checks and options.float64 apply. Fills `report`
// when given. Throws InputError for unusable input.
Dataset read_series_file(const std::string& path,
                         const DelimitedOptions& options,
                         const std::string& label_file = {},
                         InputReport* report = nullptr);

// Reads one file with the default policies (see the overload above).
Dataset read_series_file(const std::string& path,
                         const std::vector<std::string>& label_columns,
                         const std::vector<std::string>& ignore_columns);

// Returns the reading options of `options` for delimited text and .npy
// files.
DelimitedOptions reading_options(const InputOptions& options);

// Row counts, channel counts and label counts of the three parts.
nlohmann::json summarize(const ExperimentData& data);

}  // namespace advad
