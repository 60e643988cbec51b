// All metrics of one scored series (the test rows of one file), and how
// they combine over the files of a data set: counts add up, so a data
// set's F1 comes from summed counts, never from a mean of per-file F1.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "advad/eval/events.h"
#include "advad/eval/metrics.h"
#include "advad/eval/point_adjust.h"

namespace advad {

// Counts of one series under one threshold; they add up over files.
struct SeriesCounts {
  std::size_t rows = 0;  // rows evaluated
  ConfusionCounts point;
  // After PA%K, one per level of pak_levels().
  std::vector<ConfusionCounts> adjusted;
  EventCounts events;

  // Adds the counts of another series; an empty `adjusted` takes the
  // other's levels.
  SeriesCounts& operator+=(const SeriesCounts& other);
};

// Counts flags against labels: point-wise, after PA%K at every level of
// pak_levels(), and by event. Throws std::invalid_argument for
// mismatched sizes or values other than 0 and 1.
SeriesCounts count_series(const std::vector<std::uint8_t>& flags,
                          const std::vector<std::uint8_t>& labels);

// Metrics computed from (possibly summed) counts.
struct CountMetrics {
  Rates point;
  PakMetrics pak;
  EventMetrics events;
};

// Computes the metrics of `counts`; `sampling_period_seconds` gives false
// alarms per hour when known.
CountMetrics metrics_from_counts(const SeriesCounts& counts,
                                 std::optional<double> sampling_period_seconds);

// Threshold-free metrics of one series' scores.
struct RankingMetrics {
  std::optional<double> roc_auc;
  std::optional<double> pr_auc;
  std::optional<double> vus_roc;
  std::optional<double> vus_pr;
};

// Computes ROC-AUC, PR-AUC (average precision) and VUS with buffers up
// to `vus_max_buffer`. Throws std::invalid_argument as roc_auc().
RankingMetrics rank_series(const std::vector<double>& scores,
                           const std::vector<std::uint8_t>& labels,
                           std::size_t vus_max_buffer);

// Returns the mean of each metric over the files that define it (a file
// whose evaluated rows hold one class defines none); a metric is undefined
// when no file defines it. Scores of
// models fitted per file do not share a scale, so these metrics cannot be
// pooled like counts, and their mean is reported as such.
RankingMetrics mean_over_files(const std::vector<RankingMetrics>& files);

nlohmann::json to_json(const SeriesCounts& counts);
nlohmann::json to_json(const CountMetrics& metrics);
nlohmann::json to_json(const RankingMetrics& metrics);

// JSON null for std::nullopt, else the number.
nlohmann::json number_or_null(const std::optional<double>& value);

}  // namespace advad
