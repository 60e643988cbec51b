// Detection metrics on window or point scores with 0/1 labels.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace advad {

struct ConfusionCounts {
  std::size_t true_positives = 0;
  std::size_t false_positives = 0;
  std::size_t true_negatives = 0;
  std::size_t false_negatives = 0;

  // Adds the counts of another series, as for the files of a data set.
  ConfusionCounts& operator+=(const ConfusionCounts& other);
};

// Precision, recall and F1 of a set of confusion counts.
struct Rates {
  // TP / (TP + FP), undefined when nothing is flagged.
  std::optional<double> precision;
  // TP / (TP + FN), undefined when there is no positive label.
  std::optional<double> recall;
  // 2 TP / (2 TP + FP + FN), undefined when precision or recall is; 0
  // when both are 0.
  std::optional<double> f1;
};

// Computes the rates of `counts`.
Rates rates_from_counts(const ConfusionCounts& counts);

// Metrics that are undefined for the given input (ROC-AUC with one class
// only, precision with no positive prediction) are std::nullopt.
struct DetectionMetrics {
  ConfusionCounts counts;
  // TP / (TP + FP), undefined when nothing is flagged.
  std::optional<double> precision;
  // TP / (TP + FN), undefined when there is no positive label.
  std::optional<double> recall;
  // Harmonic mean of precision and recall, undefined when either is.
  std::optional<double> f1;
  std::optional<double> roc_auc;
  std::optional<double> pr_auc;  // average precision, as scikit-learn
};

// Every function below throws std::invalid_argument when the sizes of
// `scores` and `labels` differ, when a score is not finite (NaN or
// infinite) or when a label is not 0 or 1; the message names the index.

// Counts flags (score > threshold) against labels. Throws
// std::invalid_argument for a NaN threshold.
ConfusionCounts count_confusion(const std::vector<double>& scores,
                                const std::vector<std::uint8_t>& labels,
                                double threshold);

// Area under the ROC curve with tied scores counted as half (the
// Mann-Whitney statistic). std::nullopt when labels hold one class only.
std::optional<double> roc_auc(const std::vector<double>& scores,
                              const std::vector<std::uint8_t>& labels);

// Average precision: sum over distinct thresholds of (R_n - R_{n-1}) P_n,
// with tied scores in one step, as sklearn.metrics.average_precision_score.
// std::nullopt when there is no positive label.
std::optional<double> average_precision(
    const std::vector<double>& scores,
    const std::vector<std::uint8_t>& labels);

// Counts flags (1 = anomalous) against labels. Throws
// std::invalid_argument when the sizes differ or a flag or label is not 0
// or 1.
ConfusionCounts count_flags(const std::vector<std::uint8_t>& flags,
                            const std::vector<std::uint8_t>& labels);

// Computes all metrics at once; F1 is 0 when precision and recall are 0.
DetectionMetrics evaluate(const std::vector<double>& scores,
                          const std::vector<std::uint8_t>& labels,
                          double threshold);

}  // namespace advad
