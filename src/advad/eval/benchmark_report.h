// Results of a benchmark: detectors scored on the files of several data
// sets, with per-file values kept and data-set values aggregated
// correctly, as JSON, CSV and a printed table.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "advad/eval/series_evaluation.h"
#include "advad/eval/threshold_rule.h"

namespace advad {

// One detector on one file (a SKAB recording, an SMD machine).
struct FileResult {
  std::string name;
  // The threshold of the rule for this file; std::nullopt when the rule
  // could not be applied, with the reason in `threshold_failure`.
  std::optional<Threshold> threshold;
  std::string threshold_failure;
  // Counts of the flags; std::nullopt without a threshold.
  std::optional<SeriesCounts> counts;
  RankingMetrics ranking;
  std::size_t excluded_rows = 0;  // test rows without a score
};

// One detector, seed and threshold rule on every file of a data set.
struct BenchmarkRow {
  std::string dataset;
  std::string detector;
  std::optional<std::uint64_t> seed;  // std::nullopt: deterministic
  std::string threshold_rule;         // e.g. "quantile:0.99"
  std::optional<double> sampling_period_seconds;
  std::vector<FileResult> files;
  double seconds = 0.0;  // training and scoring time over all files
};

// A row's data-set values.
struct RowSummary {
  // Counts summed over files; std::nullopt when any file has no
  // threshold, because a partial sum would pass for the data set's.
  std::optional<SeriesCounts> counts;
  std::optional<CountMetrics> metrics;
  // Threshold-free metrics: mean over files (see mean_over_files()).
  RankingMetrics ranking_mean;
  std::size_t excluded_rows = 0;
};

// Aggregates the files of `row`.
RowSummary summarize(const BenchmarkRow& row);

struct BenchmarkReport {
  nlohmann::json config;  // options and data summary, written as given
  std::vector<BenchmarkRow> rows;
};

// Serializes the report: per row its threshold rule, the summary (counts
// summed over files and the metrics from them, ranking metrics as a
// mean over files) and every file's values. Undefined values are null.
nlohmann::json to_json(const BenchmarkReport& report);

// Returns the CSV: a header, then per row one line for each file and one
// line "(all files)" with the summary. Undefined values are empty cells.
std::string format_benchmark_csv(const BenchmarkReport& report);

// Returns the printed table. Each row gets one line with F1, PA F1 next
// to the PA%K area, event precision and recall, VUS, ROC-AUC, PR-AUC,
// mean delay and false alarms per hour. Then, per data set and rule, a
// second table gives the F1 of every file for each detector.
std::string format_benchmark_table(const BenchmarkReport& report);

// Writes benchmark.json and benchmark.csv into `folder`, creating it when
// missing; each file is written to a temporary name and renamed. Throws
// std::runtime_error naming the path on failure.
void write_benchmark_results(const std::string& folder,
                             const BenchmarkReport& report);

}  // namespace advad
