#include "advad/eval/threshold_rule.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include <fmt/format.h>

#include "advad/eval/metrics.h"
#include "advad/eval/score_checks.h"
#include "advad/eval/threshold.h"

namespace advad {
namespace {

// Score indices from the highest score down.
std::vector<std::size_t> descending_order(const std::vector<double>& scores) {
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return scores[a] > scores[b];
  });
  return order;
}

// The threshold that flags every score >= `lowest_flagged` and none below
// it, where `next_lower` is the next lower distinct score, if any.
double threshold_below(double lowest_flagged,
                       std::optional<double> next_lower) {
  if (!next_lower) {
    return std::nextafter(lowest_flagged,
                          -std::numeric_limits<double>::infinity());
  }
  // Halfway, written so that it cannot overflow for large scores.
  const double middle = lowest_flagged / 2.0 + *next_lower / 2.0;
  return middle < lowest_flagged ? middle : *next_lower;
}

}  // namespace

Threshold quantile_threshold(const std::vector<double>& normal_scores,
                             double level) {
  Threshold threshold;
  threshold.rule = "quantile";
  threshold.value = quantile(normal_scores, level);
  threshold.parameters = {{"level", level},
                          {"scores", normal_scores.size()}};
  return threshold;
}

std::optional<Threshold> best_f1_threshold(
    const std::vector<double>& scores,
    const std::vector<std::uint8_t>& labels) {
  if (scores.size() != labels.size()) {
    throw std::invalid_argument(fmt::format(
        "scores and labels differ in length ({} scores, {} labels); pass "
        "one label per score",
        scores.size(), labels.size()));
  }
  // count_flags checks the labels; the scores are checked here.
  const ConfusionCounts none_flagged =
      count_flags(std::vector<std::uint8_t>(labels.size(), 0), labels);
  check_finite_scores(scores);
  const std::size_t positives = none_flagged.false_negatives;
  if (positives == 0) {
    return std::nullopt;
  }
  const auto order = descending_order(scores);
  std::size_t flagged = 0;
  std::size_t hits = 0;
  double best_f1 = -1.0;
  double best_value = 0.0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    ++flagged;
    hits += labels[order[k]];
    const double score = scores[order[k]];
    if (k + 1 < order.size() && scores[order[k + 1]] == score) {
      continue;  // the step ends with the last of the tied scores
    }
    const double f1 = 2.0 * static_cast<double>(hits) /
                      static_cast<double>(flagged + positives);
    if (f1 > best_f1) {
      best_f1 = f1;
      std::optional<double> next_lower;
      if (k + 1 < order.size()) {
        next_lower = scores[order[k + 1]];
      }
      best_value = threshold_below(score, next_lower);
    }
  }
  Threshold threshold;
  threshold.rule = "best-f1";
  threshold.value = best_value;
  threshold.parameters = {{"validation_f1", best_f1},
                          {"scores", scores.size()},
                          {"positives", positives}};
  return threshold;
}

Threshold fixed_threshold(double value) {
  if (!std::isfinite(value)) {
    throw std::invalid_argument(fmt::format(
        "fixed threshold {} is not finite; give a finite number", value));
  }
  Threshold threshold;
  threshold.rule = "fixed";
  threshold.value = value;
  return threshold;
}

std::vector<std::uint8_t> flag_scores(const std::vector<double>& scores,
                                      double threshold) {
  if (std::isnan(threshold)) {
    throw std::invalid_argument(
        "threshold is NaN; compute it from finite scores");
  }
  check_finite_scores(scores);
  std::vector<std::uint8_t> flags(scores.size());
  for (std::size_t i = 0; i < scores.size(); ++i) {
    flags[i] = scores[i] > threshold ? 1 : 0;
  }
  return flags;
}

nlohmann::json to_json(const Threshold& threshold) {
  return {{"rule", threshold.rule},
          {"parameters", threshold.parameters},
          {"value", threshold.value}};
}

}  // namespace advad
