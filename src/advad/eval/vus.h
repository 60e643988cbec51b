// Range-AUC and volume under the surface (VUS) of ROC and PR curves
// (Paparrizos, Boniol, Palpanas, Tsay, Elmore and Franklin, "Volume Under
// the Surface: A New Accuracy Evaluation Measure for Time-Series Anomaly
// Detection", VLDB 2022).
//
// A buffer of length l widens each labelled event by floor(l / 2) rows on
// either side, where the label decays as sqrt(1 - d / l) with the distance
// d from the event; labels that overlap add up and are capped at 1. With
// these labels y, at each threshold (points with score >= threshold
// flagged):
//   TP = sum of y over flagged rows, FP = flagged rows - TP,
//   P_l = (P + sum(y)) / 2 with P the rows labelled 1, N_l = n - P_l,
//   TPR = min(TP / P_l, 1) * (ranges with a flagged row / ranges),
//   FPR = FP / N_l, precision = TP / flagged rows,
// where the ranges are the maximal runs of y > 0. The ROC curve runs from
// (0, 0) through every threshold to (1, 1) and its area is taken by the
// trapezoidal rule; the PR area sums (TPR_k - TPR_k-1) times the mean of
// precision_k and precision_k-1 from (TPR, precision) = (0, 1). VUS is
// the mean of these areas over l = 0, 1, ..., maximum buffer.
//
// NOTE: the authors' code evaluates 250 thresholds sampled from the
// sorted scores and, in its first release, widened events by one row
// less after their end. Here every distinct score is a threshold (tied
// scores form one step) and both sides get floor(l / 2) rows, so values
// can differ slightly from theirs on long series.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace advad {

// Returns the labels widened by a buffer of `buffer` rows (see above).
// Throws std::invalid_argument for a label other than 0 and 1.
std::vector<double> range_labels(const std::vector<std::uint8_t>& labels,
                                 std::size_t buffer);

// Areas under the range-based ROC and PR curves.
struct RangeAuc {
  // Undefined without a row labelled 1 or, for ROC, when N_l is 0.
  std::optional<double> roc;
  std::optional<double> pr;
};

// Computes range-AUC-ROC and range-AUC-PR for one buffer length. Throws
// std::invalid_argument for mismatched sizes, non-finite scores or labels
// other than 0 and 1.
RangeAuc range_auc(const std::vector<double>& scores,
                   const std::vector<std::uint8_t>& labels,
                   std::size_t buffer);

struct VusMetrics {
  std::optional<double> roc;  // VUS-ROC
  std::optional<double> pr;   // VUS-PR
  std::size_t max_buffer = 0;
};

// Computes VUS-ROC and VUS-PR over buffers 0 to `max_buffer`; each is
// undefined when the range-AUC is undefined for some buffer. Throws as
// range_auc().
VusMetrics volume_under_surface(const std::vector<double>& scores,
                                const std::vector<std::uint8_t>& labels,
                                std::size_t max_buffer);

}  // namespace advad
