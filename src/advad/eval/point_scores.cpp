#include "advad/eval/point_scores.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "advad/common/error.h"

namespace advad {
namespace {

void check_window_scores(const WindowSet& windows,
                         const std::vector<double>& scores) {
  if (scores.size() != windows.size()) {
    throw std::invalid_argument(fmt::format(
        "{} window scores for {} windows; pass one score per window",
        scores.size(), windows.size()));
  }
  for (std::size_t w = 0; w < scores.size(); ++w) {
    if (!std::isfinite(scores[w])) {
      throw std::invalid_argument(fmt::format(
          "score of window {} is not finite; check the model output for "
          "NaN or overflow",
          w));
    }
  }
}

}  // namespace

PointAggregation parse_point_aggregation(const std::string& name) {
  if (name == "max") {
    return PointAggregation::kMax;
  }
  if (name == "mean") {
    return PointAggregation::kMean;
  }
  throw InputError(fmt::format(
      "unknown point aggregation '{}'; choose max or mean", name));
}

std::string to_string(PointAggregation aggregation) {
  return aggregation == PointAggregation::kMax ? "max" : "mean";
}

PointScores window_scores_to_points(const WindowSet& windows,
                                    const std::vector<double>& window_scores,
                                    PointAggregation aggregation) {
  check_window_scores(windows, window_scores);
  const std::size_t rows = windows.data().rows();
  std::vector<double> combined(rows, 0.0);
  std::vector<std::size_t> coverage(rows, 0);
  for (std::size_t w = 0; w < windows.size(); ++w) {
    const std::size_t end = windows.start(w) + windows.length();
    for (std::size_t row = windows.start(w); row < end; ++row) {
      const double score = window_scores[w];
      if (aggregation == PointAggregation::kMean) {
        combined[row] += score;
      } else if (coverage[row] == 0 || score > combined[row]) {
        combined[row] = score;
      }
      ++coverage[row];
    }
  }
  PointScores points;
  points.values.resize(rows);
  for (std::size_t row = 0; row < rows; ++row) {
    if (coverage[row] == 0) {
      ++points.excluded;
      continue;
    }
    points.values[row] =
        aggregation == PointAggregation::kMean
            ? combined[row] / static_cast<double>(coverage[row])
            : combined[row];
  }
  return points;
}

ScoredRows scored_rows(const PointScores& points,
                       const std::vector<std::uint8_t>& labels,
                       std::size_t begin, std::size_t end) {
  if (begin > end || end > points.values.size()) {
    throw std::invalid_argument(fmt::format(
        "rows [{}, {}) are outside the {} scored rows", begin, end,
        points.values.size()));
  }
  if (!labels.empty() && labels.size() != points.values.size()) {
    throw std::invalid_argument(fmt::format(
        "{} labels for {} rows; pass one label per row", labels.size(),
        points.values.size()));
  }
  ScoredRows rows;
  for (std::size_t row = begin; row < end; ++row) {
    if (!points.values[row]) {
      ++rows.excluded;
      continue;
    }
    rows.rows.push_back(row);
    rows.scores.push_back(*points.values[row]);
    if (!labels.empty()) {
      rows.labels.push_back(labels[row]);
    }
  }
  return rows;
}

}  // namespace advad
