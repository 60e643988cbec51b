// Point adjustment and PA%K (Kim, Choi, Choi, Lee and Yoon, "Towards a
// Rigorous Evaluation of Time-Series Anomaly Detection", AAAI 2022).
//
// Point adjustment (PA) marks every row of a labelled event as detected
// when any of its rows is flagged; it lets random scores reach a high F1.
// PA%K adjusts an event only when more than K% of its rows are flagged:
// K = 0 is PA, K = 100 never adjusts and gives the point-wise F1. The
// comparison is strict, as in the authors' code (tadpak): an event of 10
// rows with 2 flagged is adjusted for K < 20, not for K = 20.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "advad/eval/metrics.h"

namespace advad {

// The K values of the PA%K curve: 0, 1, ..., 100.
std::vector<int> pak_levels();

// Returns `flags` with every labelled event in which more than K% of the
// rows are flagged set to 1 throughout. Throws std::invalid_argument for
// mismatched sizes, values other than 0 and 1, or K outside [0, 100].
std::vector<std::uint8_t> adjust_flags(const std::vector<std::uint8_t>& flags,
                                       const std::vector<std::uint8_t>& labels,
                                       int k_percent);

// Returns the confusion counts after PA%K for each K of `levels`, in
// order; they add up over the files of a data set. Throws as
// adjust_flags().
std::vector<ConfusionCounts> count_adjusted(
    const std::vector<std::uint8_t>& flags,
    const std::vector<std::uint8_t>& labels, const std::vector<int>& levels);

// The PA%K curve and its summary.
struct PakMetrics {
  std::optional<double> pa_f1;        // F1 at K = 0: point-adjusted F1
  std::vector<std::optional<double>> f1;  // F1 at each level
  // Area under F1 over K / 100 by the trapezoidal rule, so in [0, 1];
  // undefined when the levels do not run from 0 to 100 or F1 is
  // undefined at any level.
  std::optional<double> auc;
};

// Computes the PA%K curve from counts per level (see count_adjusted()).
// Throws std::invalid_argument when the sizes differ or the levels are not
// increasing.
PakMetrics pak_metrics(const std::vector<ConfusionCounts>& counts,
                       const std::vector<int>& levels);

}  // namespace advad
