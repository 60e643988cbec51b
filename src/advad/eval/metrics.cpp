#include "advad/eval/metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "advad/eval/score_checks.h"

namespace advad {
namespace {

// "NaN" for any NaN (fmt would print "nan" or "-nan"), else the value.
void check_input(const std::vector<double>& scores,
                 const std::vector<std::uint8_t>& labels) {
  check_scores_and_labels(scores, labels);
}

std::size_t count_positives(const std::vector<std::uint8_t>& labels) {
  return static_cast<std::size_t>(
      std::count(labels.begin(), labels.end(), std::uint8_t{1}));
}

// Indices of `scores` sorted by score, ascending or descending.
std::vector<std::size_t> order_by_score(const std::vector<double>& scores,
                                        bool descending) {
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return descending ? scores[a] > scores[b] : scores[a] < scores[b];
  });
  return order;
}

// Label counts of one run of equal scores.
struct TieGroup {
  std::size_t positives = 0;
  std::size_t negatives = 0;
};

// Splits `order` into runs of equal scores, in the order's direction.
std::vector<TieGroup> group_ties(const std::vector<double>& scores,
                                 const std::vector<std::uint8_t>& labels,
                                 const std::vector<std::size_t>& order) {
  std::vector<TieGroup> groups;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const bool starts_group =
        k == 0 || scores[order[k]] != scores[order[k - 1]];
    if (starts_group) {
      groups.emplace_back();
    }
    if (labels[order[k]] == 1) {
      ++groups.back().positives;
    } else {
      ++groups.back().negatives;
    }
  }
  return groups;
}

}  // namespace

ConfusionCounts count_confusion(const std::vector<double>& scores,
                                const std::vector<std::uint8_t>& labels,
                                double threshold) {
  check_input(scores, labels);
  if (std::isnan(threshold)) {
    throw std::invalid_argument(
        "threshold is NaN; compute it from finite scores");
  }
  ConfusionCounts counts;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    const bool flagged = scores[i] > threshold;
    const bool positive = labels[i] == 1;
    if (flagged) {
      ++(positive ? counts.true_positives : counts.false_positives);
    } else {
      ++(positive ? counts.false_negatives : counts.true_negatives);
    }
  }
  return counts;
}

std::optional<double> roc_auc(const std::vector<double>& scores,
                              const std::vector<std::uint8_t>& labels) {
  check_input(scores, labels);
  const std::size_t positives = count_positives(labels);
  const std::size_t negatives = labels.size() - positives;
  if (positives == 0 || negatives == 0) {
    return std::nullopt;
  }
  // Twice the Mann-Whitney U, kept in integers so that ties stay exact:
  // each positive scores 2 per negative below it and 1 per tied negative.
  std::uint64_t doubled_u = 0;
  std::uint64_t negatives_below = 0;
  const auto order = order_by_score(scores, /*descending=*/false);
  for (const TieGroup& group : group_ties(scores, labels, order)) {
    doubled_u += group.positives * (2 * negatives_below + group.negatives);
    negatives_below += group.negatives;
  }
  return static_cast<double>(doubled_u) /
         (2.0 * static_cast<double>(positives) *
          static_cast<double>(negatives));
}

std::optional<double> average_precision(
    const std::vector<double>& scores,
    const std::vector<std::uint8_t>& labels) {
  check_input(scores, labels);
  const std::size_t positives = count_positives(labels);
  if (positives == 0) {
    return std::nullopt;
  }
  // Each distinct score, from the highest, is one threshold. A group
  // without positives leaves recall unchanged and adds nothing.
  double sum = 0.0;
  std::size_t flagged = 0;
  std::size_t true_positives = 0;
  const auto order = order_by_score(scores, /*descending=*/true);
  for (const TieGroup& group : group_ties(scores, labels, order)) {
    flagged += group.positives + group.negatives;
    true_positives += group.positives;
    const double recall_step = static_cast<double>(group.positives) /
                               static_cast<double>(positives);
    const double precision = static_cast<double>(true_positives) /
                             static_cast<double>(flagged);
    sum += recall_step * precision;
  }
  return sum;
}

ConfusionCounts& ConfusionCounts::operator+=(const ConfusionCounts& other) {
  true_positives += other.true_positives;
  false_positives += other.false_positives;
  true_negatives += other.true_negatives;
  false_negatives += other.false_negatives;
  return *this;
}

Rates rates_from_counts(const ConfusionCounts& c) {
  Rates rates;
  const std::size_t flagged = c.true_positives + c.false_positives;
  const std::size_t positives = c.true_positives + c.false_negatives;
  const auto tp = static_cast<double>(c.true_positives);
  if (flagged > 0) {
    rates.precision = tp / static_cast<double>(flagged);
  }
  if (positives > 0) {
    rates.recall = tp / static_cast<double>(positives);
  }
  if (rates.precision && rates.recall) {
    // 2PR / (P + R) written with counts: 0 when TP is 0, never 0 / 0
    // because precision is defined only when flagged > 0.
    rates.f1 = 2.0 * tp / static_cast<double>(flagged + positives);
  }
  return rates;
}

ConfusionCounts count_flags(const std::vector<std::uint8_t>& flags,
                            const std::vector<std::uint8_t>& labels) {
  if (flags.size() != labels.size()) {
    throw std::invalid_argument(fmt::format(
        "flags and labels differ in length ({} flags, {} labels); pass "
        "one label per flag",
        flags.size(), labels.size()));
  }
  check_binary_labels(labels);
  ConfusionCounts counts;
  for (std::size_t i = 0; i < flags.size(); ++i) {
    if (flags[i] > 1) {
      throw std::invalid_argument(fmt::format(
          "flag at index {} is {}; flags must be 0 or 1", i, flags[i]));
    }
    const bool positive = labels[i] == 1;
    if (flags[i] == 1) {
      ++(positive ? counts.true_positives : counts.false_positives);
    } else {
      ++(positive ? counts.false_negatives : counts.true_negatives);
    }
  }
  return counts;
}

DetectionMetrics evaluate(const std::vector<double>& scores,
                          const std::vector<std::uint8_t>& labels,
                          double threshold) {
  DetectionMetrics metrics;
  metrics.counts = count_confusion(scores, labels, threshold);
  const Rates rates = rates_from_counts(metrics.counts);
  metrics.precision = rates.precision;
  metrics.recall = rates.recall;
  metrics.f1 = rates.f1;
  metrics.roc_auc = roc_auc(scores, labels);
  metrics.pr_auc = average_precision(scores, labels);
  return metrics;
}

}  // namespace advad
