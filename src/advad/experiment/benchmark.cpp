#include "advad/experiment/benchmark.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <thread>
#include <tuple>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "advad/common/error.h"
#include "advad/eval/pca_baseline.h"
#include "advad/eval/random_baseline.h"
#include "advad/experiment/experiment.h"
#include "advad/io/delimited.h"
#include "advad/nn/runtime.h"
#include "advad/preprocess/scaler.h"
#include "advad/report/progress.h"

namespace advad {
namespace {

namespace fs = std::filesystem;

// SKAB's test bed records at 1 Hz; SMD has one row per minute.
constexpr double kSkabPeriodSeconds = 1.0;
constexpr double kSmdPeriodSeconds = 60.0;

// ---- data sets ------------------------------------------------------

void check_fraction(double value, const char* name) {
  if (!(value >= 0.0 && value < 1.0)) {
    throw InputError(fmt::format("{} must be in [0, 1), got {}", name,
                                 value));
  }
}

// Splits the normal rows of `data` in time order; the last `fraction`
// validates.
void split_normal(const Dataset& data, double fraction,
                  ExperimentData& parts) {
  const std::size_t rows = data.rows();
  const auto validation_rows = static_cast<std::size_t>(
      std::llround(fraction * static_cast<double>(rows)));
  parts.train = slice_rows(data, 0, rows - validation_rows);
  parts.validation = slice_rows(data, rows - validation_rows, rows);
}

std::vector<fs::path> skab_files(const std::string& folder) {
  if (!fs::is_directory(folder)) {
    throw InputError(fmt::format("SKAB folder {} not found", folder));
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    const fs::path& path = entry.path();
    if (entry.is_regular_file() && path.extension() == ".csv" &&
        path.parent_path().filename() != "anomaly-free") {
      files.push_back(path);
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    throw InputError(fmt::format(
        "no labelled .csv file under SKAB folder {}; give the folder that "
        "contains valve1, valve2 and other",
        folder));
  }
  return files;
}

BenchmarkTask skab_task(const fs::path& path, const std::string& folder,
                        std::size_t fit_rows, double validation_fraction) {
  Dataset file = read_series_file(path.string(), {"anomaly"},
                                  {"changepoint"});
  if (!file.has_labels()) {
    throw InputError(fmt::format(
        "{} has no 'anomaly' column; SKAB test files need labels",
        path.string()));
  }
  if (file.rows() <= fit_rows) {
    throw InputError(fmt::format(
        "{} has {} rows, no more than the {} rows the SKAB protocol fits "
        "on; lower --skab-fit-rows",
        path.string(), file.rows(), fit_rows));
  }
  BenchmarkTask task;
  task.name = fs::relative(path, folder).string();
  split_normal(slice_rows(file, 0, fit_rows), validation_fraction,
               task.data);
  task.data.test = slice_rows(file, fit_rows, file.rows());
  task.data.description = fmt::format(
      "{}: rows 1-{} normal, rows {}-{} test", path.string(), fit_rows,
      fit_rows + 1, file.rows());
  return task;
}

std::vector<std::string> smd_machines(const std::string& folder) {
  if (!fs::is_directory(folder)) {
    throw InputError(fmt::format("SMD folder {} not found", folder));
  }
  const std::string suffix = "_train.npy";
  std::vector<std::string> machines;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (name.size() > suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) ==
            0) {
      machines.push_back(name.substr(0, name.size() - suffix.size()));
    }
  }
  std::sort(machines.begin(), machines.end());
  if (machines.empty()) {
    throw InputError(fmt::format(
        "no *_train.npy file in SMD folder {}; give the folder with "
        "machine-*_train.npy, _test.npy and _test_label.npy",
        folder));
  }
  return machines;
}

BenchmarkTask smd_task(const std::string& folder, const std::string& machine,
                       double validation_fraction) {
  const fs::path base = fs::path(folder) / machine;
  const std::string train_path = base.string() + "_train.npy";
  const std::string test_path = base.string() + "_test.npy";
  const std::string label_path = base.string() + "_test_label.npy";
  const std::vector<std::string> no_columns;
  BenchmarkTask task;
  task.name = machine;
  split_normal(read_series_file(train_path, no_columns, no_columns),
               validation_fraction, task.data);
  task.data.test = read_series_file(test_path, no_columns, no_columns);
  std::vector<std::uint8_t> labels = read_labels(label_path);
  if (labels.size() != task.data.test.rows()) {
    throw InputError(fmt::format(
        "{} has {} labels but {} has {} rows; the label file needs one "
        "value per row",
        label_path, labels.size(), test_path, task.data.test.rows()));
  }
  task.data.test.labels = std::move(labels);
  task.data.description =
      fmt::format("{}: train {}, test {}", machine, train_path, test_path);
  return task;
}

// ---- detectors ------------------------------------------------------

// Window scores of one detector on one file.
struct DetectorScores {
  const WindowSet* calibration = nullptr;  // normal windows scored
  std::vector<double> calibration_scores;
  std::vector<double> test_scores;
};

const WindowSet& calibration_windows(const Windows& windows) {
  return windows.validation.size() > 0 ? windows.validation : windows.train;
}

DetectorScores score_autoencoder(const std::string& detector,
                                 std::uint64_t seed, const Windows& windows,
                                 const BenchmarkOptions& options) {
  ExperimentOptions experiment;
  experiment.window = options.window;
  experiment.stride = options.stride;
  experiment.training = options.training;
  experiment.training.seed = seed;
  experiment.progress = false;
  experiment.plot = false;
  TrainedVariant trained = train_and_evaluate(
      parse_variant(detector), windows, experiment, nullptr);
  DetectorScores scores;
  scores.calibration = &calibration_windows(windows);
  scores.calibration_scores = nn::reconstruction_errors(
      trained.training.autoencoder, *scores.calibration,
      options.training.device);
  scores.test_scores = std::move(trained.test_scores);
  return scores;
}

DetectorScores score_random(std::uint64_t seed, std::size_t task_index,
                            const Windows& windows) {
  // Each file draws its own stream, so that files do not share scores.
  RandomBaseline random(seed * 1000003ULL + task_index);
  DetectorScores scores;
  scores.calibration = &calibration_windows(windows);
  scores.calibration_scores = random.scores(scores.calibration->size());
  scores.test_scores = random.scores(windows.test.size());
  return scores;
}

DetectorScores score_pca(const Windows& windows) {
  PcaBaseline pca;
  pca.fit(windows.train);
  DetectorScores scores;
  scores.calibration = &calibration_windows(windows);
  scores.calibration_scores = pca.score(*scores.calibration);
  scores.test_scores = pca.score(windows.test);
  return scores;
}

DetectorScores score_detector(const std::string& detector,
                              std::optional<std::uint64_t> seed,
                              std::size_t task_index, const Windows& windows,
                              const BenchmarkOptions& options) {
  if (detector == "random") {
    return score_random(seed.value_or(0), task_index, windows);
  }
  if (detector == "pca") {
    return score_pca(windows);
  }
  return score_autoencoder(detector, seed.value_or(0), windows, options);
}

// ---- evaluation -----------------------------------------------------

// Row scores of one detector on one file, split for the threshold rules.
struct RowScores {
  std::vector<double> normal;          // scored rows of normal validation
  std::vector<double> labelled;        // labelled split (best-f1)
  std::vector<std::uint8_t> labelled_labels;
  std::vector<double> evaluated;       // rows every rule is scored on
  std::vector<std::uint8_t> evaluated_labels;
  std::size_t excluded = 0;            // test rows without a score
};

RowScores row_scores(const DetectorScores& scores, const Windows& windows,
                     const BenchmarkOptions& options) {
  RowScores rows;
  const PointScores calibration = window_scores_to_points(
      *scores.calibration, scores.calibration_scores, options.aggregation);
  for (const std::optional<double>& value : calibration.values) {
    if (value) {
      rows.normal.push_back(*value);
    }
  }
  const Dataset& test = windows.test.data();
  const ScoredRows scored = scored_rows(
      window_scores_to_points(windows.test, scores.test_scores,
                              options.aggregation),
      test.labels, 0, test.rows());
  rows.excluded = scored.excluded;
  const auto cut = static_cast<std::ptrdiff_t>(std::llround(
      options.labelled_fraction * static_cast<double>(scored.scores.size())));
  rows.labelled.assign(scored.scores.begin(), scored.scores.begin() + cut);
  rows.labelled_labels.assign(scored.labels.begin(),
                              scored.labels.begin() + cut);
  rows.evaluated.assign(scored.scores.begin() + cut, scored.scores.end());
  rows.evaluated_labels.assign(scored.labels.begin() + cut,
                               scored.labels.end());
  return rows;
}

FileResult evaluate_rule(const ThresholdSpec& spec, const std::string& file,
                         const RowScores& rows,
                         const RankingMetrics& ranking) {
  CalibrationScores calibration;
  calibration.normal = rows.normal;
  calibration.labelled = rows.labelled;
  calibration.labels = rows.labelled_labels;
  ThresholdOutcome outcome = apply_threshold(spec, calibration,
                                             rows.evaluated);
  FileResult result;
  result.name = file;
  result.threshold = outcome.threshold;
  result.threshold_failure = outcome.failure;
  if (outcome.threshold) {
    result.counts = count_series(outcome.flags, rows.evaluated_labels);
  } else {
    spdlog::warn("{}: threshold rule {} not applied: {}", file, spec.text(),
                 outcome.failure);
  }
  result.ranking = ranking;
  result.excluded_rows = rows.excluded;
  return result;
}

// ---- runs -----------------------------------------------------------

// Detector and seed of one run; the seed is std::nullopt for PCA.
struct Run {
  std::string detector;
  std::optional<std::uint64_t> seed;
};

std::vector<Run> plan_runs(const BenchmarkOptions& options) {
  std::vector<Run> runs;
  for (const std::string& detector : options.detectors) {
    if (detector == "pca") {
      runs.push_back({detector, std::nullopt});
      continue;
    }
    for (std::uint64_t seed : options.seeds) {
      runs.push_back({detector, seed});
    }
  }
  return runs;
}

// Scales the parts of a file's data with a scaler fitted on its training
// part.
void scale(ExperimentData& data, const std::string& scaler_name) {
  std::unique_ptr<Scaler> scaler = make_scaler(scaler_name);
  scaler->fit(data.train.values);
  scaler->transform(data.train.values);
  if (data.validation.rows() > 0) {
    scaler->transform(data.validation.values);
  }
  scaler->transform(data.test.values);
}

std::size_t vus_buffer(const BenchmarkOptions& options) {
  return options.vus_max_buffer > 0 ? options.vus_max_buffer
                                    : options.window;
}

// Runs every run on one file and appends a FileResult to each of the
// data set's rows (run-major, then threshold rule).
void run_task(const BenchmarkTask& task, std::size_t task_index,
              const std::vector<Run>& runs, const BenchmarkOptions& options,
              std::vector<BenchmarkRow>& rows, Progress& progress) {
  ExperimentData data = task.data;
  scale(data, options.scaler);
  const Windows windows = make_windows(data, {options.window, options.stride});
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const auto start = std::chrono::steady_clock::now();
    const DetectorScores scores = score_detector(
        runs[r].detector, runs[r].seed, task_index, windows, options);
    const RowScores row_values = row_scores(scores, windows, options);
    const RankingMetrics ranking =
        rank_series(row_values.evaluated, row_values.evaluated_labels,
                    vus_buffer(options));
    const std::chrono::duration<double> elapsed =
        std::chrono::steady_clock::now() - start;
    for (std::size_t t = 0; t < options.thresholds.size(); ++t) {
      BenchmarkRow& row = rows[r * options.thresholds.size() + t];
      row.files.push_back(evaluate_rule(options.thresholds[t], task.name,
                                        row_values, ranking));
      row.seconds += elapsed.count();
    }
    progress.advance(1, fmt::format("{} {}", task.name, runs[r].detector));
  }
}

std::vector<BenchmarkRow> empty_rows(const BenchmarkDataset& dataset,
                                     const std::vector<Run>& runs,
                                     const BenchmarkOptions& options) {
  std::vector<BenchmarkRow> rows;
  for (const Run& run : runs) {
    for (const ThresholdSpec& spec : options.thresholds) {
      BenchmarkRow row;
      row.dataset = dataset.name;
      row.detector = run.detector;
      row.seed = run.seed;
      row.threshold_rule = spec.text();
      row.sampling_period_seconds = dataset.sampling_period_seconds;
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

// ---- options and configuration ---------------------------------------

void check_detectors(const BenchmarkOptions& options) {
  if (options.detectors.empty()) {
    throw InputError("no detector to run; name at least one with --detector");
  }
  const std::vector<std::string> known = benchmark_detectors();
  for (const std::string& detector : options.detectors) {
    if (std::find(known.begin(), known.end(), detector) == known.end()) {
      throw InputError(fmt::format("unknown detector '{}'; choose among {}",
                                   detector, fmt::join(known, ", ")));
    }
  }
}

void check_thresholds(const BenchmarkOptions& options) {
  if (options.thresholds.empty()) {
    throw InputError("no threshold rule; name at least one with --threshold");
  }
  for (const ThresholdSpec& spec : options.thresholds) {
    if (spec.needs_labels() && options.labelled_fraction <= 0.0) {
      throw InputError(
          "threshold rule best-f1 needs a labelled validation split, never "
          "the test labels; give --labelled-fraction, e.g. 0.3");
    }
  }
}

void check_options(const BenchmarkOptions& options) {
  if (options.skab_dir.empty() && options.smd_dir.empty()) {
    throw InputError("no data set to run; give --skab DIR and/or --smd DIR");
  }
  check_detectors(options);
  check_thresholds(options);
  if (options.seeds.empty()) {
    throw InputError("no seed; give at least one --seed");
  }
  if (options.window == 0 || options.stride == 0 ||
      options.stride > options.window) {
    throw InputError(fmt::format(
        "stride {} with window {}: both must be positive and the stride no "
        "larger than the window, so that windows cover every test row",
        options.stride, options.window));
  }
  check_fraction(options.validation_fraction, "--validation-fraction");
  check_fraction(options.labelled_fraction, "--labelled-fraction");
}

std::vector<BenchmarkDataset> load_datasets(const BenchmarkOptions& options) {
  std::vector<BenchmarkDataset> datasets;
  if (!options.skab_dir.empty()) {
    datasets.push_back(load_skab(options.skab_dir, options.skab_fit_rows,
                                 options.validation_fraction));
  }
  if (!options.smd_dir.empty()) {
    datasets.push_back(load_smd(options.smd_dir, options.smd_machines,
                                options.validation_fraction));
  }
  return datasets;
}

nlohmann::json describe_dataset(const BenchmarkDataset& dataset) {
  nlohmann::json files = nlohmann::json::array();
  for (const BenchmarkTask& task : dataset.tasks) {
    nlohmann::json summary = summarize(task.data);
    summary["file"] = task.name;
    files.push_back(summary);
  }
  return {{"name", dataset.name},
          {"protocol", dataset.protocol},
          {"sampling_period_seconds",
           number_or_null(dataset.sampling_period_seconds)},
          {"files", files}};
}

nlohmann::json describe(const BenchmarkOptions& options,
                        const std::vector<BenchmarkDataset>& datasets) {
  nlohmann::json sets = nlohmann::json::array();
  for (const BenchmarkDataset& dataset : datasets) {
    sets.push_back(describe_dataset(dataset));
  }
  std::vector<std::string> rules;
  for (const ThresholdSpec& spec : options.thresholds) {
    rules.push_back(spec.text());
  }
  const nn::TrainOptions& t = options.training;
  return {{"datasets", sets},
          {"detectors", options.detectors},
          {"seeds", options.seeds},
          {"window", options.window},
          {"stride", options.stride},
          {"scaler", options.scaler},
          {"validation_fraction", options.validation_fraction},
          {"threshold_rules", rules},
          {"point_aggregation", to_string(options.aggregation)},
          {"vus_max_buffer", vus_buffer(options)},
          {"labelled_fraction", options.labelled_fraction},
          {"pca_variance_fraction", PcaOptions{}.variance_fraction},
          {"training",
           {{"epochs", t.epochs},
            {"batch_size", t.batch_size},
            {"learning_rate", t.learning_rate},
            {"patience", t.patience},
            {"device", t.device.str()}}},
          {"torch_version", nn::torch_version()}};
}

}  // namespace

BenchmarkDataset load_skab(const std::string& folder, std::size_t fit_rows,
                           double validation_fraction) {
  check_fraction(validation_fraction, "validation fraction");
  BenchmarkDataset dataset;
  dataset.name = "SKAB";
  dataset.protocol = fmt::format(
      "per file: fit on rows 1-{} (last {} of them validate), score the "
      "rest; counts summed over files",
      fit_rows, validation_fraction);
  dataset.sampling_period_seconds = kSkabPeriodSeconds;
  for (const fs::path& path : skab_files(folder)) {
    dataset.tasks.push_back(
        skab_task(path, folder, fit_rows, validation_fraction));
  }
  return dataset;
}

BenchmarkDataset load_smd(const std::string& folder,
                          const std::vector<std::string>& machines,
                          double validation_fraction) {
  check_fraction(validation_fraction, "validation fraction");
  BenchmarkDataset dataset;
  dataset.name = "SMD";
  dataset.protocol = fmt::format(
      "per machine: fit on _train.npy (last {} validates), score "
      "_test.npy against _test_label.npy; counts summed over machines",
      validation_fraction);
  dataset.sampling_period_seconds = kSmdPeriodSeconds;
  const std::vector<std::string> names =
      machines.empty() ? smd_machines(folder) : machines;
  for (const std::string& machine : names) {
    dataset.tasks.push_back(smd_task(folder, machine, validation_fraction));
  }
  return dataset;
}

std::vector<std::string> benchmark_detectors() {
  std::vector<std::string> names;
  for (const VariantSpec& spec : all_variants()) {
    names.push_back(spec.name());
  }
  names.push_back("random");
  names.push_back("pca");
  return names;
}

BenchmarkReport run_benchmark(const BenchmarkOptions& options) {
  check_options(options);
  const std::vector<BenchmarkDataset> datasets = load_datasets(options);
  const std::vector<Run> runs = plan_runs(options);
  nn::configure_threads(
      static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
  std::size_t units = 0;
  for (const BenchmarkDataset& dataset : datasets) {
    units += dataset.tasks.size() * runs.size();
  }
  Progress progress("benchmark", units, options.progress);
  BenchmarkReport report;
  report.config = describe(options, datasets);
  for (const BenchmarkDataset& dataset : datasets) {
    spdlog::info("{}: {} files, {} runs each", dataset.name,
                 dataset.tasks.size(), runs.size());
    std::vector<BenchmarkRow> rows = empty_rows(dataset, runs, options);
    for (std::size_t i = 0; i < dataset.tasks.size(); ++i) {
      run_task(dataset.tasks[i], i, runs, options, rows, progress);
    }
    report.rows.insert(report.rows.end(), rows.begin(), rows.end());
  }
  progress.finish();
  write_benchmark_results(options.out, report);
  return report;
}

}  // namespace advad
