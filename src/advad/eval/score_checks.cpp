#include "advad/eval/score_checks.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

namespace advad {

void check_finite_scores(const std::vector<double>& scores,
                         std::string_view what) {
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (!std::isfinite(scores[i])) {
      throw std::invalid_argument(fmt::format(
          "{} at index {} is {}; scores must be finite numbers, so check "
          "the model output and its input for NaN or overflow",
          what, i,
          std::isnan(scores[i]) ? std::string("NaN")
                                : fmt::format("{}", scores[i])));
    }
  }
}

void check_binary_labels(const std::vector<std::uint8_t>& labels) {
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] > 1) {
      throw std::invalid_argument(fmt::format(
          "label at index {} is {}; labels must be 0 (normal) or 1 (anomaly)",
          i, labels[i]));
    }
  }
}

void check_scores_and_labels(const std::vector<double>& scores,
                             const std::vector<std::uint8_t>& labels) {
  if (scores.size() != labels.size()) {
    throw std::invalid_argument(fmt::format(
        "scores and labels differ in length ({} scores, {} labels); pass "
        "one label per score",
        scores.size(), labels.size()));
  }
  check_finite_scores(scores);
  check_binary_labels(labels);
}

}  // namespace advad
