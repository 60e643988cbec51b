// Window scores mapped back to the rows (time points) of a data set, so
// that scores compare across window lengths and against per-row labels.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "advad/data/window.h"

namespace advad {

// How the scores of the windows that cover a row combine.
enum class PointAggregation { kMax, kMean };

// Parses "max" or "mean"; throws InputError naming the valid values.
PointAggregation parse_point_aggregation(const std::string& name);

// Returns "max" or "mean".
std::string to_string(PointAggregation aggregation);

// Scores of the rows of one data set.
struct PointScores {
  // One entry per row; std::nullopt for a row that no window covers
  // (a segment shorter than the window, or the tail after the last
  // window when the stride skips it).
  std::vector<std::optional<double>> values;
  std::size_t excluded = 0;  // rows without a score
};

// Maps the score of each window of `windows` (in window order) to the
// rows it covers, combining overlapping windows by `aggregation`. Throws
// std::invalid_argument when the number of scores differs from the
// number of windows or a score is not finite.
PointScores window_scores_to_points(const WindowSet& windows,
                                    const std::vector<double>& window_scores,
                                    PointAggregation aggregation);

// The rows [begin, end) that have a score, with their labels.
struct ScoredRows {
  std::vector<std::size_t> rows;  // row of each score, ascending
  std::vector<double> scores;
  std::vector<std::uint8_t> labels;  // empty when no labels were given
  std::size_t excluded = 0;          // rows of [begin, end) without a score
};

// Returns the scored rows of [begin, end) with `labels` (one per row of
// the data set, or empty). Rows without a score (in a segment shorter
// than the window, or between windows) are counted in `excluded`, and
// range metrics then treat the scored rows on either side of them as
// neighbouring time points. Throws std::invalid_argument when the range or
// the labels do not fit.
ScoredRows scored_rows(const PointScores& points,
                       const std::vector<std::uint8_t>& labels,
                       std::size_t begin, std::size_t end);

}  // namespace advad
